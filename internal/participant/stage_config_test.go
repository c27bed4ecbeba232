package participant_test

import (
	"context"
	"slices"
	"testing"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/participant"
	"github.com/rosterhq/roster/internal/stages"
)

func stageKeys(t *testing.T, d *db.DB, brandID int64) []string {
	t.Helper()
	list, err := participant.Stages(context.Background(), d, brandID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range list {
		out = append(out, s.Key)
	}
	return out
}

// TestStagesDefaultUntilChangedThenAudited checks the participant set's
// specifics; the shared code behind it is tested in internal/stages.
func TestStagesDefaultUntilChangedThenAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "alpha")
		other := newFixture(t, d, "bravo")
		defaults := []string{"invited", "accepted", "product_shipped", "content_submitted", "approved", "posted", "completed", "declined", "removed"}
		if got := stageKeys(t, d, f.brandID); !slices.Equal(got, defaults) {
			t.Fatalf("defaults %v", got)
		}
		cfg := &stages.Config{Set: participant.StageSet, DB: d, Now: f.deps.Clock}
		s, err := cfg.Add(ctx, f.p, "  Contract   signed ", "")
		if err != nil || s.Key != "contract_signed" || s.Label != "Contract signed" || s.Kind != participant.KindOpen {
			t.Fatalf("add %+v %v", s, err)
		}
		if _, err := cfg.Add(ctx, f.p, "Odd", "won"); !hasField(err, "kind") {
			t.Errorf("a pipeline kind: %v", err)
		}
		if err := cfg.Rename(ctx, f.p, "posted", "Live", participant.KindOpen); err != nil {
			t.Fatal(err)
		}
		if err := cfg.Rename(ctx, f.p, "posted", "contract signed", participant.KindOpen); !hasField(err, "label") {
			t.Errorf("a name another stage has: %v", err)
		}
		if err := cfg.Move(ctx, f.p, "contract_signed", -1); err != nil {
			t.Fatal(err)
		}
		pts := f.invite(t, f.creators(t, 2)...)
		if _, err := f.svc.Move(ctx, f.p, pts[0].ID, "contract_signed", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := cfg.Remove(ctx, f.p, "contract_signed", "", ""); !hasField(err, "move_to") {
			t.Errorf("removing a stage with participants needs move_to: %v", err)
		}
		moved, err := cfg.Remove(ctx, f.p, "contract_signed", "accepted", "stage removed")
		if err != nil || moved != 1 {
			t.Fatalf("remove %d %v", moved, err)
		}
		h, _ := participant.History(ctx, d, f.brandID, pts[0].ID, 5)
		if h[0].From != "contract_signed" || h[0].To != "accepted" || h[0].Reason != "stage removed" {
			t.Errorf("history %+v", h[0])
		}
		if got, _ := participant.Get(ctx, d, f.brandID, pts[0].ID); got.Stage != "accepted" {
			t.Errorf("participant in %s", got.Stage)
		}
		list, _ := participant.Stages(ctx, d, f.brandID)
		names := participant.StageNames(i18n.For("es"), list)
		if names["posted"] != "Live" || names["product_shipped"] != "Producto enviado" || len(list) != 9 {
			t.Errorf("names %v", names)
		}
		if got := stageKeys(t, d, other.brandID); !slices.Equal(got, defaults) {
			t.Errorf("another brand's stages changed: %v", got)
		}
		events, _ := audit.List(ctx, d, f.brandID, 0, 100)
		var got []string
		for i := len(events) - 1; i >= 0; i-- {
			if events[i].Entity == "participant_stage" {
				got = append(got, events[i].Action+" "+events[i].EntityID)
			}
		}
		if want := []string{"create contract_signed", "update posted", "move contract_signed", "delete contract_signed"}; !slices.Equal(got, want) {
			t.Errorf("audit %v", got)
		}
	})
}

// TestStageSetMessagesTranslated checks, in every supported language, the
// messages the participant set names by building their keys at run time.
func TestStageSetMessagesTranslated(t *testing.T) {
	for _, lang := range i18n.Supported {
		for _, key := range participant.StageSet.MessageKeys() {
			if !i18n.Has(lang, key) {
				t.Errorf("%s lacks %s", lang, key)
			}
		}
	}
}

func TestRuntimeKeysTranslated(t *testing.T) {
	var keys []string
	for _, s := range participant.OfferStatuses {
		keys = append(keys, "participants.offer_status."+s)
	}
	for _, k := range participant.Kinds {
		keys = append(keys, "participants.kind."+k)
	}
	keys = append(keys, "participants.made_by."+participant.ByBrand, "participants.made_by."+participant.ByCreator)
	for _, lang := range []string{"en", "es"} {
		for _, key := range keys {
			if !i18n.Has(lang, key) {
				t.Errorf("%s lacks %s", lang, key)
			}
		}
	}
}
