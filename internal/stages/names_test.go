package stages_test

import (
	"testing"

	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/stages"
)

func TestStageName(t *testing.T) {
	es := i18n.For("es")
	if got := (stages.Stage{Key: "declined"}).Name(es); got != "Rechazado" {
		t.Errorf("default name = %q", got)
	}
	if got := (stages.Stage{Key: "declined", Label: "Not for us"}).Name(es); got != "Not for us" {
		t.Errorf("label = %q; the brand's words are shown as typed", got)
	}
	if got := stages.Pipeline.Name(es, stages.Stage{Key: "shortlist", Label: "Shortlist"}); got != "Shortlist" {
		t.Errorf("a brand's own stage = %q", got)
	}
	for _, k := range []string{"prospect", "a", "in-review", "x_1"} {
		if !stages.ValidKey(k) {
			t.Errorf("%q should be a valid key", k)
		}
	}
	for _, k := range []string{"", "Prospect", "best friend", "-x", "x-"} {
		if stages.ValidKey(k) {
			t.Errorf("%q should not be a valid key", k)
		}
	}
}

// TestSetMessagesTranslated checks, in every supported language, the
// messages the pipeline set names by building their keys at run time.
func TestSetMessagesTranslated(t *testing.T) {
	for _, lang := range i18n.Supported {
		for _, key := range stages.Pipeline.MessageKeys() {
			if !i18n.Has(lang, key) {
				t.Errorf("%s lacks %s", lang, key)
			}
		}
	}
}
