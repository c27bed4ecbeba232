package markdown

import (
	"strings"
	"testing"
)

func TestMarkdownIsRenderedAndSanitised(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // must appear
		never     []string // must not appear (lower-cased output)
	}{
		{"formatting", "## Brief\n\n- **bold** and _it_\n- [site](https://example.com)", []string{"<h2>Brief</h2>", "<strong>bold</strong>", `<a href="https://example.com">site</a>`}, nil},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<td>1</td>"}, nil},
		{"raw script", "<script>alert(1)</script>\n\ntext", []string{"text"}, []string{"<script", "alert(1)</script"}},
		{"inline html", "hi <img src=x onerror=alert(1)> there", []string{"hi"}, []string{"<img", "onerror"}},
		{"javascript link", "[click](javascript:alert(1))", []string{"click"}, []string{"javascript:"}},
		{"javascript autolink", "<javascript:alert(1)>", nil, []string{`href="javascript`}},
		{"vbscript link", "[x](VBScript:msgbox)", nil, []string{"vbscript:"}},
		{"html block", "<div onclick=\"steal()\">x</div>", nil, []string{"<div", "onclick"}},
		{"iframe", "<iframe src=\"https://evil.example\"></iframe>", nil, []string{"<iframe"}},
		{"escaped text", "5 < 6 & \"quotes\"", []string{"5 &lt; 6 &amp; &quot;quotes&quot;"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := string(Render(c.src))
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("want %q in %q", w, out)
				}
			}
			for _, n := range c.never {
				if strings.Contains(strings.ToLower(out), n) {
					t.Errorf("%q must not appear in %q", n, out)
				}
			}
		})
	}
}

func FuzzRenderNeverEmitsActiveHTML(f *testing.F) {
	for _, s := range []string{"<script>x</script>", "[a](javascript:x)", "<a href=x onclick=y>", "**b** <b>", "![i](data:text/html,x)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := strings.ToLower(string(Render(src)))
		for _, bad := range []string{"<script", "<iframe", "<object", "<embed", "<style", "<svg", `href="javascript:`, `src="javascript:`} {
			if strings.Contains(out, bad) {
				t.Fatalf("%q in %q from %q", bad, out, src)
			}
		}
		if hasEventAttribute(out) {
			t.Fatalf("event handler attribute in %q from %q", out, src)
		}
	})
}

// hasEventAttribute reports whether any tag in html carries an on*=
// attribute.
func hasEventAttribute(html string) bool {
	for i := 0; i < len(html); i++ {
		if html[i] != '<' {
			continue
		}
		end := strings.IndexByte(html[i:], '>')
		if end < 0 {
			return false
		}
		tag := html[i : i+end]
		for _, f := range strings.Fields(tag)[1:] {
			if strings.HasPrefix(f, "on") && strings.Contains(f, "=") {
				return true
			}
		}
		i += end
	}
	return false
}
