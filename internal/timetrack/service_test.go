package timetrack

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestTimerSwitchStopAndDiscard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC))
		am := f.person("amir", auth.AccountManager)
		if e, err := f.svc.StartTimer(ctx, am, contract.AccountStrategy, nil, "QBR prep"); err != nil || e != nil {
			t.Fatalf("start: %v %v", e, err)
		}
		f.now = f.now.Add(25*time.Minute + 40*time.Second)
		// Starting another stops the first: 25 min 40 s rounds to 26.
		first, err := f.svc.StartTimer(ctx, am, contract.Reporting, nil, "")
		if err != nil || first == nil || first.Minutes != 26 || first.Category != contract.AccountStrategy || first.Note != "QBR prep" || first.Source != SourceTimer {
			t.Fatalf("switch: %+v %v", first, err)
		}
		f.now = f.now.Add(10 * time.Second)
		second, err := f.svc.StopTimer(ctx, am)
		if err != nil || second.Minutes != 1 || second.Category != contract.Reporting || second.Day != "2026-10-05" || second.Role != "account_manager" {
			t.Fatalf("stop: %+v %v", second, err)
		}
		if timer, _ := GetTimer(ctx, d, f.brand.ID, am.UserID()); timer != nil {
			t.Error("timer still running after stop")
		}
		if e, err := f.svc.StopTimer(ctx, am); e != nil || err != nil {
			t.Errorf("stop without a timer: %v %v", e, err)
		}
		f.svc.StartTimer(ctx, am, contract.Recruiting, nil, "")
		if err := f.svc.DiscardTimer(ctx, am); err != nil {
			t.Fatal(err)
		}
		list, _ := ListEntries(ctx, d, f.brand.ID, Filter{UserID: am.UserID()})
		if len(list) != 2 {
			t.Errorf("%d entries, want 2 (the discarded timer records none)", len(list))
		}
		if _, err := f.svc.StartTimer(ctx, am, "gardening", nil, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("unknown category: %v", err)
		}
	})
}

func TestEntryRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC))
		cm := f.person("carla", auth.CommunityManager)
		other := f.person("chen", auth.CommunityManager)
		am := f.person("amir", auth.AccountManager)
		exec := f.person("erin", auth.BrandExecutive)

		for _, tc := range []struct {
			in    Input
			field string
		}{
			{Input{Category: "x", Day: "2026-10-01", Minutes: 10}, "category"},
			{Input{Category: contract.Recruiting, Day: "2026-10-06", Minutes: 10}, "day"},
			{Input{Category: contract.Recruiting, Day: "10/01/2026", Minutes: 10}, "day"},
			{Input{Category: contract.Recruiting, Day: "2026-10-01", Minutes: 0}, "minutes"},
			{Input{Category: contract.Recruiting, Day: "2026-10-01", Minutes: 1441}, "minutes"},
			{Input{Category: contract.Recruiting, Day: "2026-10-01", Minutes: 10, CampaignID: ptr(int64(999999))}, "campaign_id"},
		} {
			_, err := f.svc.Log(ctx, cm, tc.in, SourceManual)
			if e, ok := apperr.As(err); !ok || !apperr.Fields(e.Fields).Has(tc.field) {
				t.Errorf("%+v: %v, want an error on %s", tc.in, err, tc.field)
			}
		}
		e, err := f.svc.Log(ctx, cm, Input{Category: contract.Recruiting, Day: "2026-09-30", Minutes: 90}, SourceManual)
		if err != nil {
			t.Fatal(err)
		}
		// Someone else's time: only with time:manage.
		if _, err := f.svc.Update(ctx, other, e.ID, Input{Category: contract.Recruiting, Day: "2026-09-30", Minutes: 30}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a peer changed the entry: %v", err)
		}
		if _, err := f.svc.Log(ctx, exec, Input{Category: contract.Recruiting, Day: "2026-09-30", Minutes: 30}, SourceManual); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("an executive logged time: %v", err)
		}
		if got, err := f.svc.Update(ctx, am, e.ID, Input{Category: contract.Campaigns, Day: "2026-09-30", Minutes: 60, Note: "fixed"}); err != nil || got.Minutes != 60 || got.Category != contract.Campaigns {
			t.Fatalf("manager's correction: %+v %v", got, err)
		}
		// A closed month is locked for everyone.
		if err := f.svc.CloseMonth(ctx, am, "2026-10"); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("closing the current month: %v", err)
		}
		if err := f.svc.CloseMonth(ctx, am, "2026-09"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Update(ctx, am, e.ID, Input{Category: contract.Campaigns, Day: "2026-09-30", Minutes: 61}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("changed an entry of a closed month: %v", err)
		}
		if err := f.svc.Delete(ctx, cm, e.ID); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("deleted an entry of a closed month: %v", err)
		}
		if _, err := f.svc.Log(ctx, cm, Input{Category: contract.Recruiting, Day: "2026-09-12", Minutes: 5}, SourceManual); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("logged into a closed month: %v", err)
		}
		// Nor can an entry move from an open month into a closed one.
		e2, _ := f.svc.Log(ctx, cm, Input{Category: contract.Recruiting, Day: "2026-10-01", Minutes: 5}, SourceManual)
		if _, err := f.svc.Update(ctx, cm, e2.ID, Input{Category: contract.Recruiting, Day: "2026-09-29", Minutes: 5}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("moved an entry into a closed month: %v", err)
		}
		if err := f.svc.ReopenMonth(ctx, am, "2026-09"); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Delete(ctx, cm, e.ID); err != nil {
			t.Errorf("delete after reopening: %v", err)
		}
		if _, err := GetEntry(ctx, d, f.brand.ID+1000, e2.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand's id: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestSuggestionsFromActivity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		day := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
		f := newFixture(t, d, day)
		cm := f.person("carla", auth.CommunityManager)
		record := func(at time.Time, entity string) {
			if err := audit.Record(ctx, d, cm, f.brand.ID, "update", entity, fmt.Sprint(at.Unix()), nil, at); err != nil {
				t.Fatal(err)
			}
		}
		// 9:40–10:20: twelve reviews, a pause under 15 minutes included.
		for i := range 12 {
			record(day.Add(40*time.Minute+time.Duration(i)*3*time.Minute+time.Duration(i/6)*10*time.Minute), "application")
		}
		// 14:00: two actions only — not a stretch of work.
		record(day.Add(5*time.Hour), "campaign")
		record(day.Add(5*time.Hour+time.Minute), "campaign")
		// 16:00–16:20: sign-ins and tokens are not program work.
		for i := range 5 {
			record(day.Add(7*time.Hour+time.Duration(i)*5*time.Minute), "token")
		}
		f.now = day.Add(9 * time.Hour)
		list, err := Suggest(ctx, d, f.brand.ID, cm.UserID(), f.now)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 {
			t.Fatalf("%d suggestions, want 1: %+v", len(list), list)
		}
		s := list[0]
		// From 9:35 (the first action at 9:40, less the 5-minute lead) to
		// the twelfth at 10:23 (40 + 11×3 + 10 minutes after 9:00).
		if s.Category != contract.Recruiting || s.Actions != 12 || s.Day != "2026-10-05" || s.Minutes != 83-40+5 {
			t.Errorf("suggestion %+v", s)
		}
		e, err := f.svc.AcceptSuggestion(ctx, cm, s.Key, "")
		if err != nil || e.Minutes != s.Minutes || e.Source != SourceSuggestion {
			t.Fatalf("accept: %+v %v", e, err)
		}
		if again, _ := Suggest(ctx, d, f.brand.ID, cm.UserID(), f.now); len(again) != 0 {
			t.Errorf("an accepted suggestion is offered again: %+v", again)
		}
		if _, err := f.svc.AcceptSuggestion(ctx, cm, s.Key, ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("accepting twice: %v", err)
		}
		// A timer covering a stretch hides it.
		for i := range 4 {
			record(day.Add(8*time.Hour+time.Duration(i)*2*time.Minute), "creator")
		}
		f.now = day.Add(7*time.Hour + 55*time.Minute)
		f.svc.StartTimer(ctx, cm, contract.Recruiting, nil, "")
		f.now = day.Add(8*time.Hour + 30*time.Minute)
		f.svc.StopTimer(ctx, cm)
		if again, _ := Suggest(ctx, d, f.brand.ID, cm.UserID(), f.now); len(again) != 0 {
			t.Errorf("a stretch under a timer is suggested: %+v", again)
		}
	})
}
