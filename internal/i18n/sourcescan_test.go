package i18n

import (
	"bytes"
	"errors"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// keyUse is one literal message key found in the source.
type keyUse struct {
	file   string
	line   int
	key    string
	plural bool // used with N, so the catalogue holds key+".other"
}

// catalogueKey is the key en.json must define for this use.
func (u keyUse) catalogueKey() string {
	if u.plural {
		return u.key + ".other"
	}
	return u.key
}

const stringLiteral = `("(?:[^"\\\n]|\\.)*"|` + "`[^`]*`" + `)`

var (
	// {{$.L.T "key" ...}}, {{.L.N "key" .Total}}, {{$l.T "key"}}, and the
	// same after a pipe: {{.Count | $.L.N "key"}}.
	templateCall = regexp.MustCompile(`\.(T|N)\s+` + stringLiteral)
	// {{"key" | $.L.T}}: the key is piped in as the last argument.
	templatePipe = regexp.MustCompile(stringLiteral + `\s*\|\s*[\w$.]*\.T\b`)
	// Go strings that name messages without a T call, such as the key in
	// fields.Add("email", "validation.required", ...).
	goMessageKey = regexp.MustCompile(`^(validation|error)\.[a-z0-9_.]+$`)
)

// scanTemplate finds keys passed to T and N in template text.
func scanTemplate(file string, src []byte) []keyUse {
	var uses []keyUse
	add := func(keyStart, keyEnd int, plural bool) {
		key, err := strconv.Unquote(string(src[keyStart:keyEnd]))
		if err != nil {
			return
		}
		line := 1 + bytes.Count(src[:keyStart], []byte("\n"))
		uses = append(uses, keyUse{file: file, line: line, key: key, plural: plural})
	}
	for _, m := range templateCall.FindAllSubmatchIndex(src, -1) {
		add(m[4], m[5], string(src[m[2]:m[3]]) == "N")
	}
	for _, m := range templatePipe.FindAllSubmatchIndex(src, -1) {
		add(m[2], m[3], false)
	}
	return uses
}

// scanGo finds literal keys in Go source: the first argument of any .T(
// or .N( call, and strings shaped like validation or error keys. It uses
// the Go tokenizer so comments and the insides of other strings are
// never mistaken for calls.
func scanGo(file string, src []byte) []keyUse {
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile(file, -1, len(src)), src, nil, 0)
	var uses []keyUse
	// The three tokens before the current one, for spotting `.T(`.
	var recent [3]struct {
		tok token.Token
		lit string
	}
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.STRING {
			key, err := strconv.Unquote(lit)
			method := recent[1].lit
			isCall := recent[0].tok == token.PERIOD && recent[1].tok == token.IDENT &&
				(method == "T" || method == "N") && recent[2].tok == token.LPAREN
			if err == nil && (isCall || goMessageKey.MatchString(key)) {
				line := fset.Position(pos).Line
				uses = append(uses, keyUse{file: file, line: line, key: key, plural: isCall && method == "N"})
			}
		}
		recent[0], recent[1] = recent[1], recent[2]
		recent[2].tok, recent[2].lit = tok, lit
	}
	return uses
}

// missingFromEnglish returns the uses whose key en.json lacks.
func missingFromEnglish(uses []keyUse) []keyUse {
	var missing []keyUse
	for _, u := range uses {
		if !Has("en", u.catalogueKey()) {
			missing = append(missing, u)
		}
	}
	return missing
}

func TestScannerFindsKeys(t *testing.T) {
	const page = `<h1>{{$.L.T "app.name"}}</h1>
<p>{{ .L.N  "search.results"  .Total }}</p>
<p>{{ "missing.piped" | $l.T }} {{$l.T ` + "`missing.raw`" + `}}</p>
{{ .Count | $.L.N "missing.count" }}`
	const goSrc = `package x

func render(l *i18n.Localizer, f *apperr.Fields) {
	_ = l.T("action.save")
	_ = l.N( "missing.plural", 3)
	f.Add("email", "validation.not_there", "Enter it.")
	// l.T("in.a.comment") and "error.in_comment" are ignored
	_ = "error.internal"
	_ = fmt.Sprintf("%s", "Not a key")
}
`
	uses := append(scanTemplate("page.html", []byte(page)), scanGo("x.go", []byte(goSrc))...)
	want := []keyUse{
		{"page.html", 1, "app.name", false},
		{"page.html", 2, "search.results", true},
		{"page.html", 3, "missing.raw", false},
		{"page.html", 4, "missing.count", true},
		{"page.html", 3, "missing.piped", false},
		{"x.go", 4, "action.save", false},
		{"x.go", 5, "missing.plural", true},
		{"x.go", 6, "validation.not_there", false},
		{"x.go", 8, "error.internal", false},
	}
	if !equalUses(uses, want) {
		t.Fatalf("scan found\n%v\nwant\n%v", uses, want)
	}
	var missing []string
	for _, u := range missingFromEnglish(uses) {
		missing = append(missing, u.key)
	}
	wantMissing := "missing.raw missing.count missing.piped missing.plural validation.not_there"
	if got := strings.Join(missing, " "); got != wantMissing {
		t.Errorf("missing = %s, want %s", got, wantMissing)
	}
}

func equalUses(a, b []keyUse) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSourceKeysExistInEnglish fails, naming file:line, when code or a
// template uses a literal key that locales/en/*.json does not define.
func TestSourceKeysExistInEnglish(t *testing.T) {
	root := moduleRoot(t)
	uses, err := scanRepository(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range missingFromEnglish(uses) {
		t.Errorf("%s:%d: %q is not in internal/i18n/locales/en/*.json", u.file, u.line, u.catalogueKey())
	}
	t.Logf("checked %d key uses", len(uses))
}

// moduleRoot walks up from the test's directory to the one holding go.mod.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// scanRepository scans Go and template files under root, skipping this
// package (its tests use missing keys on purpose) and, as the go tool
// does, testdata, vendor and hidden directories.
func scanRepository(root string) ([]keyUse, error) {
	self := filepath.Join(root, "internal", "i18n")
	var uses []keyUse
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			skip := path == self || name == "testdata" || name == "vendor" || name == "node_modules" ||
				(path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")))
			if skip {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(name)
		if ext != ".go" && ext != ".html" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if ext == ".go" {
			uses = append(uses, scanGo(rel, src)...)
		} else {
			uses = append(uses, scanTemplate(rel, src)...)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return uses, nil
	}
	return uses, err
}
