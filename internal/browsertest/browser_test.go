package browsertest

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleErrors checks the harness itself: what the journey's "no
// console errors" relies on is really seen, and a page's own 4xx status
// is not counted.
func TestConsoleErrors(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		const head = `<!doctype html><html><head><link rel="icon" href="data:,">`
		switch r.URL.Path {
		case "/inline":
			_, _ = w.Write([]byte(head + `</head><body><p id="p" style="color:red">x</p><script>document.title = "ran"</script></body></html>`))
		case "/throws":
			_, _ = w.Write([]byte(head + `<script src="/throws.js"></script></head><body><p id="p">x</p></body></html>`))
		case "/throws.js":
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write([]byte(`console.error("from the script"); throw new Error("boom");`))
		case "/missing-script":
			_, _ = w.Write([]byte(head + `<script src="/nope.js"></script></head><body><p id="p">x</p></body></html>`))
		case "/invalid":
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = w.Write([]byte(head + `</head><body><p id="p">fix the form</p></body></html>`))
		case "/broken":
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(head + `</head><body><p id="p">oops</p></body></html>`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	ctx := New(t)

	for _, c := range []struct {
		path string
		want []string // each is in one of the errors; nil: no error at all
	}{
		{"/inline", []string{"security error: Applying inline style violates", "security error: Executing inline script violates"}},
		{"/throws", []string{"console.error: from the script", "uncaught exception: Uncaught Error: boom"}},
		{"/missing-script", []string{"network error: Failed to load resource: the server responded with a status of 404"}},
		{"/invalid", nil},
		{"/broken", []string{"network error: Failed to load resource: the server responded with a status of 500"}},
	} {
		Do(t, ctx, "open "+c.path, chromedp.Navigate(ts.URL+c.path), chromedp.WaitVisible(chromedp.ID("p")))
		// Nothing is left in flight: the last script and request of the
		// page ran before its load event, and Navigate waits for it.
		got := ConsoleErrors(ctx)
		if len(c.want) == 0 && len(got) > 0 {
			t.Errorf("%s: console errors %q, want none", c.path, got)
		}
		for _, w := range c.want {
			if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, w) }) {
				t.Errorf("%s: console errors %q, want one with %q", c.path, got, w)
			}
		}
	}
}
