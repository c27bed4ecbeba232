package i18n

import (
	"html/template"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// testLocalizer builds a Localizer over an in-memory catalogue, to test
// behaviour that the shipped catalogues do not exercise.
func testLocalizer(code string, messages map[string]string) *Localizer {
	tag := language.MustParse(code)
	return &Localizer{lang: code, tag: tag, messages: messages, printer: message.NewPrinter(tag)}
}

func TestForAndLang(t *testing.T) {
	for _, code := range Supported {
		if got := For(code).Lang(); got != code {
			t.Errorf("For(%q).Lang() = %q", code, got)
		}
		if For(code) != For(code) {
			t.Errorf("For(%q) is not cached", code)
		}
	}
	for _, code := range []string{"", "ru", "ES", "es-MX"} {
		if got := For(code).Lang(); got != Supported[0] {
			t.Errorf("For(%q).Lang() = %q, want fallback %q", code, got, Supported[0])
		}
	}
}

func TestIsSupportedAndNames(t *testing.T) {
	if !IsSupported("en") || !IsSupported("es") || IsSupported("ru") || IsSupported("") || IsSupported("ES") {
		t.Error("IsSupported disagrees with Supported")
	}
	// Each language is named in itself, as a speaker looks for it.
	ownNames := map[string]string{"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch",
		"pt-BR": "Português (Brasil)", "ja": "日本語"}
	got := Names()
	if len(got) != len(Supported) {
		t.Fatalf("Names() = %v, want one per code of %v", got, Supported)
	}
	for i, code := range Supported {
		if want := (LocaleName{code, ownNames[code]}); got[i] != want {
			t.Errorf("Names()[%d] = %v, want %v", i, got[i], want)
		}
	}
}

func TestT(t *testing.T) {
	en, es, fr := For("en"), For("es"), For("fr")
	tests := []struct {
		l    *Localizer
		key  string
		args []any
		want string
	}{
		{en, "action.save", nil, "Save"},
		{es, "action.save", nil, "Guardar"},
		{en, "validation.too_long", []any{"max", 80}, "Use at most 80 characters."},
		{en, "validation.too_long", []any{"max", int64(12345)}, "Use at most 12,345 characters."},
		{es, "validation.too_long", []any{"max", 12345}, "Usa como máximo 12.345 caracteres."},
		{fr, "validation.too_long", []any{"max", 12345}, "Utilisez au maximum 12" + nbsp + "345 caractères."},
		{en, "validation.too_long", []any{"max", "12345"}, "Use at most 12345 characters."}, // strings as given
		{en, "validation.too_long", nil, "Use at most {max} characters."},                   // unfilled stays visible
		{en, "validation.too_long", []any{"max"}, "Use at most {max} characters."},          // odd pair ignored
		{en, "no.such.key", nil, "no.such.key"},
		{es, "no.such.key", []any{"max", 1}, "no.such.key"},
	}
	for _, tt := range tests {
		if got := tt.l.T(tt.key, tt.args...); got != tt.want {
			t.Errorf("%s T(%q, %v) = %q, want %q", tt.l.Lang(), tt.key, tt.args, got, tt.want)
		}
	}
}

func TestTFillsPlaceholdersOnce(t *testing.T) {
	l := testLocalizer("en", map[string]string{
		"greeting": "Hi {name}, {count} new {{odd} {missing}",
	})
	// A value holding "{count}" must come out verbatim, not be expanded.
	got := l.T("greeting", "name", "{count}", "count", 1500, 7, "ignored")
	want := "Hi {count}, 1,500 new {{odd} {missing}"
	if got != want {
		t.Errorf("T = %q, want %q", got, want)
	}
}

func TestN(t *testing.T) {
	en, es, fr, pt := For("en"), For("es"), For("fr"), For("pt-BR")
	tests := []struct {
		l    *Localizer
		n    int64
		want string
	}{
		{en, 0, "0 results"},
		{en, 1, "1 result"},
		{en, 2, "2 results"},
		{en, -1, "-1 result"},
		{en, 12345, "12,345 results"},
		{es, 0, "0 resultados"},
		{es, 1, "1 resultado"},
		{es, 2, "2 resultados"},
		{es, 1_000_000, "1.000.000 resultados"},
		{fr, 0, "0 résultat"}, // French puts 0 in "one"
		{fr, 1, "1 résultat"},
		{fr, 2, "2 résultats"},
		{fr, 12345, "12" + nbsp + "345 résultats"},
		{pt, 0, "0 resultado"}, // Brazilian Portuguese too
		{pt, 1, "1 resultado"},
		{pt, 2, "2 resultados"},
		{pt, 12345, "12.345 resultados"},
	}
	for _, tt := range tests {
		if got := tt.l.N("search.results", tt.n); got != tt.want {
			t.Errorf("%s N(search.results, %d) = %q, want %q", tt.l.Lang(), tt.n, got, tt.want)
		}
	}
	if got := en.N("no.such.key", 2); got != "no.such.key" {
		t.Errorf("missing plural key = %q, want the key", got)
	}
}

func TestNFollowsEachLocalesPluralRules(t *testing.T) {
	// Japanese has only "other"; French puts 0 in "one". Both work from
	// data alone.
	ja := testLocalizer("ja", map[string]string{"files.other": "{n} 件のファイル"})
	fr := testLocalizer("fr", map[string]string{
		"files.one":   "{n} fichier de {owner}",
		"files.other": "{n} fichiers de {owner}",
	})
	tests := []struct {
		l    *Localizer
		n    int64
		want string
	}{
		{ja, 1, "1 件のファイル"},
		{ja, 2, "2 件のファイル"},
		{fr, 0, "0 fichier de Ana"},
		{fr, 1, "1 fichier de Ana"},
		{fr, 2, "2 fichiers de Ana"},
	}
	for _, tt := range tests {
		if got := tt.l.N("files", tt.n, "owner", "Ana"); got != tt.want {
			t.Errorf("%s N(files, %d) = %q, want %q", tt.l.Lang(), tt.n, got, tt.want)
		}
	}
}

// TestTemplateCalls checks the call shapes screens use, so the method
// signatures stay usable from html/template.
func TestTemplateCalls(t *testing.T) {
	const page = `{{$.L.T "action.save"}}|{{.L.N "search.results" .Total}}|` +
		`{{$l := .L}}{{$l.T "validation.too_long" "max" 1000}}|{{"action.back" | .L.T}}`
	tmpl := template.Must(template.New("page").Parse(page))
	data := struct {
		L     *Localizer
		Total int64
	}{For("es"), 1234567}
	var out strings.Builder
	if err := tmpl.Execute(&out, data); err != nil {
		t.Fatal(err)
	}
	want := "Guardar|1.234.567 resultados|Usa como máximo 1.000 caracteres.|Volver"
	if out.String() != want {
		t.Errorf("template = %q, want %q", out.String(), want)
	}
}
