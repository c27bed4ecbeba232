package i18n

import (
	"slices"
	"testing"
)

// TestMissHookHearsEveryFallThrough: a missing key (T and N) and an
// unsupported language reach the hook; found messages and the empty code
// (nobody asked for a language) do not, and restoring silences it.
func TestMissHookHearsEveryFallThrough(t *testing.T) {
	var heard []string
	restore := SetMissHook(func(lang, key string) { heard = append(heard, lang+"|"+key) })
	es := For("es")
	es.T("app.name")
	es.T("no.such_key")
	es.N("no.such_plural", 2)
	For("xx")
	For("")
	restore()
	es.T("no.such_key")
	want := []string{"es|no.such_key", "es|no.such_plural", "xx|"}
	if !slices.Equal(heard, want) {
		t.Errorf("heard %q, want %q", heard, want)
	}
}
