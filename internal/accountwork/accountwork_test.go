package accountwork

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

type fixture struct {
	d     *db.DB
	svc   *Service
	p     *auth.Principal
	brand int64
	now   time.Time
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	b, err := brand.Create(ctx, d, "Acme", "acme", now)
	if err != nil {
		t.Fatal(err)
	}
	u, err := auth.CreateUser(ctx, d, "am@acme.test", "Ana", "x", "en", false, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := brand.SetMember(ctx, d, b.ID, u.ID, auth.AccountManager, now); err != nil {
		t.Fatal(err)
	}
	p := auth.NewPrincipal(auth.Principal{User: u, BrandID: b.ID, Role: auth.AccountManager}, auth.PermissionsOf(auth.AccountManager))
	return &fixture{d: d, svc: &Service{DB: d, Now: func() time.Time { return now }}, p: p, brand: b.ID, now: now}
}

func TestMeetingActionItemsBecomeTasks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		owner := f.p.UserID()
		m := &Meeting{Kind: "qbr", Title: "Q4 review", Day: "2026-12-03", StartTime: "15:00", Duration: 60, OwnerUserID: &owner,
			Attendees: []Attendee{{UserID: &owner}, {Name: "Cleo CMO", Email: "Cleo@Brand.example"}}}
		if err := f.svc.SaveMeeting(ctx, f.p, m, []string{"Send the deck", "", "  Book the January training "}); err != nil {
			t.Fatal(err)
		}
		got, err := GetMeeting(ctx, d, f.brand, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Attendees) != 2 || got.Attendees[1].Email != "cleo@brand.example" {
			t.Errorf("attendees %+v", got.Attendees)
		}
		if len(got.ActionItems) != 2 || got.ActionItems[1].Title != "Book the January training" || got.ActionItems[0].Kind != "strategy" ||
			got.ActionItems[0].OwnerUserID == nil || *got.ActionItems[0].OwnerUserID != owner {
			t.Errorf("action items %+v", got.ActionItems)
		}
		bad := &Meeting{Kind: "party", Day: "2026-13-01", StartTime: "25:00", Duration: 1, Attendees: []Attendee{{Email: "nope"}}}
		e, ok := apperr.As(f.svc.SaveMeeting(ctx, f.p, bad, nil))
		if !ok {
			t.Fatal("bad meeting saved")
		}
		for _, field := range []string{"kind", "title", "day", "start_time", "duration_minutes", "attendees"} {
			if !apperr.Fields(e.Fields).Has(field) {
				t.Errorf("no error on %s: %+v", field, e.Fields)
			}
		}
		if _, err := GetMeeting(ctx, d, f.brand+99, m.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand's meeting: %v", err)
		}
	})
}

func TestGoalsComputedAndManual(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		cs := creator.NewService(d, func() time.Time { return f.now })
		for i, stage := range []string{"active", "active", "prospect"} {
			if _, err := cs.Create(ctx, f.p, creator.Fields{DisplayName: "C" + string(rune('a'+i)), Stage: stage}); err != nil {
				t.Fatal(err)
			}
		}
		g := &Goal{Metric: "active_creators", Target: 4, PeriodStart: "2026-10-01", PeriodEnd: "2026-12-31"}
		if err := f.svc.SaveGoal(ctx, f.p, g); err != nil {
			t.Fatal(err)
		}
		added := &Goal{Metric: "creators_added", Target: 10, PeriodStart: "2026-11-01", PeriodEnd: "2026-11-30"}
		before := &Goal{Metric: "creators_added", Target: 10, PeriodStart: "2026-10-01", PeriodEnd: "2026-10-31"}
		custom := &Goal{Metric: Custom, Label: "Press mentions", Target: 5, PeriodStart: "2026-10-01", PeriodEnd: "2026-12-31", ManualActual: ptr(int64(2))}
		for _, x := range []*Goal{added, before, custom} {
			if err := f.svc.SaveGoal(ctx, f.p, x); err != nil {
				t.Fatal(err)
			}
		}
		want := map[int64]struct {
			actual   int64
			computed bool
		}{g.ID: {2, true}, added.ID: {3, true}, before.ID: {0, true}, custom.ID: {2, false}}
		list, err := ListGoals(ctx, d, f.brand)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range list {
			w := want[x.ID]
			if x.Actual == nil || *x.Actual != w.actual || x.Computed != w.computed {
				t.Errorf("goal %s: actual %v computed %v, want %d %v", x.Metric, x.Actual, x.Computed, w.actual, w.computed)
			}
		}
		// A computed metric takes no hand-entered value; custom needs a label.
		if err := f.svc.SaveGoal(ctx, f.p, &Goal{Metric: "active_creators", Target: 1, PeriodStart: "2026-01-01", PeriodEnd: "2026-01-31", ManualActual: ptr(int64(9))}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("manual value on a computed metric: %v", err)
		}
		if err := f.svc.SaveGoal(ctx, f.p, &Goal{Metric: Custom, Target: 1, PeriodStart: "2026-02-01", PeriodEnd: "2026-01-31"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("custom goal without label, period backwards: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }
