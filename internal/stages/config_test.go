package stages_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/stages"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return t0 }

// The shared code of every Set (list, add, rename, move, remove with a
// move of the members) is tested here once, through the pipeline set;
// internal/participant tests its own set's specifics.

// fixture is a brand, a person acting in it and a creator service.
type fixture struct {
	d   *db.DB
	p   *auth.Principal
	cfg *stages.Config
	svc *creator.Service
}

func newFixture(t *testing.T, d *db.DB, slug string) *fixture {
	t.Helper()
	ctx := context.Background()
	b, err := brand.Create(ctx, d, slug, slug, t0)
	if err != nil {
		t.Fatal(err)
	}
	var uid int64
	if err := d.WriteQueryRowContext(ctx, `INSERT INTO users (email, name, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id`,
		"cm@"+slug+".test", "Casey Manager", t0.UnixMilli(), t0.UnixMilli()).Scan(&uid); err != nil {
		t.Fatal(err)
	}
	p := auth.NewPrincipal(auth.Principal{User: &auth.User{ID: uid, Email: "cm@" + slug + ".test"}, BrandID: b.ID}, nil)
	return &fixture{d: d, p: p, cfg: &stages.Config{Set: stages.Pipeline, DB: d, Now: clock}, svc: creator.NewService(d, clock)}
}

func (f *fixture) keys(t *testing.T) []string {
	t.Helper()
	keys, err := stages.Keys(context.Background(), f.d, f.p.BrandID)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func (f *fixture) auditActions(t *testing.T) []string {
	t.Helper()
	events, err := audit.List(context.Background(), f.d, f.p.BrandID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Entity == "stage" {
			out = append(out, events[i].Action+" "+events[i].EntityID)
		}
	}
	return out
}

func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid || !apperr.Fields(e.Fields).Has(field) {
		t.Fatalf("err = %v; want invalid on %s", err, field)
	}
}

func TestDefaultsUntilChanged(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, "alpha")
		if got := f.keys(t); !slices.Equal(got, creator.DefaultStages) {
			t.Fatalf("keys = %v; want the defaults", got)
		}
		list, _ := stages.List(context.Background(), d, f.p.BrandID)
		if list[4].Kind != stages.Won || list[6].Kind != stages.Lost || list[0].Kind != stages.Open {
			t.Errorf("default kinds: %+v", list)
		}
	})
}

func TestAddRenameReorderRemove(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "alpha")
		other := newFixture(t, d, "bravo")

		s, err := f.cfg.Add(ctx, f.p, "  Négociation  en cours ", stages.Open)
		if err != nil {
			t.Fatal(err)
		}
		if s.Key != "negociation-en-cours" || s.Label != "Négociation en cours" {
			t.Fatalf("added %+v", s)
		}
		_, err = f.cfg.Add(ctx, f.p, "négociation EN cours", "")
		wantInvalid(t, err, "label")
		_, err = f.cfg.Add(ctx, f.p, "", "")
		wantInvalid(t, err, "label")
		_, err = f.cfg.Add(ctx, f.p, "Odd", "maybe")
		wantInvalid(t, err, "kind")

		if err := f.cfg.Rename(ctx, f.p, "prospect", "Lead", stages.Open); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, f.cfg.Rename(ctx, f.p, "negociation-en-cours", "", stages.Open), "label")
		wantInvalid(t, f.cfg.Rename(ctx, f.p, "nope", "X", stages.Open), "key")

		if err := f.cfg.Move(ctx, f.p, "negociation-en-cours", -1); err != nil {
			t.Fatal(err)
		}
		if err := f.cfg.Move(ctx, f.p, "prospect", -1); err != nil { // already first: stays
			t.Fatal(err)
		}
		want := []string{"prospect", "invited", "applied", "approved", "active", "alumni", "negociation-en-cours", "declined"}
		if got := f.keys(t); !slices.Equal(got, want) {
			t.Fatalf("after moves keys = %v; want %v", got, want)
		}
		list, _ := stages.List(ctx, d, f.p.BrandID)
		if list[0].Label != "Lead" {
			t.Errorf("rename lost: %+v", list[0])
		}
		// A default stage renamed back to nothing takes its translated name again.
		if err := f.cfg.Rename(ctx, f.p, "prospect", "", stages.Open); err != nil {
			t.Fatal(err)
		}
		if got := f.keys(t); !slices.Equal(got, want) {
			t.Fatalf("keys changed by a rename: %v", got)
		}
		// Another brand keeps the defaults.
		if got := other.keys(t); !slices.Equal(got, creator.DefaultStages) {
			t.Errorf("brand bravo's stages = %v", got)
		}
		wantActions := []string{"create negociation-en-cours", "update prospect", "move negociation-en-cours", "move prospect", "update prospect"}
		if got := f.auditActions(t); !slices.Equal(got, wantActions) {
			t.Errorf("audit = %v; want %v", got, wantActions)
		}
	})
}

func TestRemoveMovesCreatorsWithHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "alpha")
		if _, err := f.cfg.Add(ctx, f.p, "Shortlist", ""); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for i := range 3 {
			c, err := f.svc.Create(ctx, f.p, creator.Fields{DisplayName: fmt.Sprintf("C%d", i), Stage: "shortlist"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		// Not empty: a stage to move them to is needed, and must exist.
		_, err := f.cfg.Remove(ctx, f.p, "shortlist", "", "")
		wantInvalid(t, err, "move_to")
		_, err = f.cfg.Remove(ctx, f.p, "shortlist", "shortlist", "")
		wantInvalid(t, err, "move_to")
		_, err = f.cfg.Remove(ctx, f.p, "shortlist", "nowhere", "")
		wantInvalid(t, err, "move_to")

		moved, err := f.cfg.Remove(ctx, f.p, "shortlist", "invited", "stage removed")
		if err != nil || moved != 3 {
			t.Fatalf("Remove = %d, %v", moved, err)
		}
		if slices.Contains(f.keys(t), "shortlist") {
			t.Error("shortlist still listed")
		}
		for _, id := range ids {
			c, _ := f.svc.Store.Get(ctx, d, f.p.BrandID, id)
			if c.Stage != "invited" {
				t.Errorf("creator %d in %s", id, c.Stage)
			}
			h, _ := stages.History(ctx, d, f.p.BrandID, id, 10)
			if len(h) != 2 || h[0].From != "shortlist" || h[0].To != "invited" || h[0].Reason != "stage removed" ||
				h[0].ActorUserID == nil || *h[0].ActorUserID != f.p.UserID() || h[0].Actor != "cm@alpha.test" {
				t.Errorf("history of %d: %+v", id, h)
			}
		}
		// An empty stage goes without a destination.
		if _, err := f.cfg.Remove(ctx, f.p, "alumni", "", ""); err != nil {
			t.Fatal(err)
		}
		if got := f.auditActions(t); !slices.Equal(got, []string{"create shortlist", "delete shortlist", "delete alumni"}) {
			t.Errorf("audit = %v", got)
		}
	})
}
