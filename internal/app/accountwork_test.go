package app_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// TestAccountWorkPages: the account manager records a QBR with action
// items, tracks a partnership and sets a goal; the community manager
// reads it all and changes none of it; the meeting is on the calendar.
func TestAccountWorkPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Oscar")
		am := env.SignIn(w.Users[auth.AccountManager].Email)
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		today := env.Now().UTC().Format("2006-01-02")

		res := am.PostForm("/account-work/meetings", url.Values{"kind": {"qbr"}, "title": {""}, "day": {today}, "duration_minutes": {"90"}, "guests": {"Cleo <cleo@brand.example>"}})
		if res.Status != 422 || !strings.Contains(res.Body, `id="title-error"`) || !strings.Contains(res.Body, "cleo@brand.example") {
			t.Fatalf("meeting without a title: %d", res.Status)
		}
		res = am.PostForm("/account-work/meetings", url.Values{"kind": {"qbr"}, "title": {"Q4 business review"}, "day": {today}, "start_time": {"15:00"},
			"duration_minutes": {"90"}, "guests": {"Cleo <cleo@brand.example>"}, "actions": {"Send the deck\nPlan January training"}})
		if res.Status != 303 {
			t.Fatalf("meeting: %d %s", res.Status, res.Body)
		}
		res = cm.Get("/account-work")
		for _, want := range []string{"Q4 business review", "Send the deck", "Plan January training"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("account work page lacks %q", want)
			}
		}
		if strings.Contains(res.Body, `href="/account-work/meetings/new"`) {
			t.Error("the community manager is offered a new-meeting link")
		}
		if res := cm.PostForm("/account-work/tasks", url.Values{"kind": {"other"}, "title": {"x"}}); res.Status != 403 {
			t.Errorf("cm created a task: %d", res.Status)
		}

		res = am.PostForm("/account-work/partnerships", url.Values{"partner": {"Trailhead"}, "kind": {"sponsored_campaign"}, "status": {"negotiating"}, "value": {"twelve"}, "currency": {"usd"}})
		if res.Status != 422 || !strings.Contains(res.Body, `id="value-error"`) {
			t.Fatalf("bad value: %d", res.Status)
		}
		if res := am.PostForm("/account-work/partnerships", url.Values{"partner": {"Trailhead"}, "kind": {"sponsored_campaign"}, "status": {"negotiating"}, "value": {"12,500.50"}, "currency": {"usd"}}); res.Status != 303 {
			t.Fatalf("partnership: %d", res.Status)
		}
		if res := am.PostForm("/account-work/goals", url.Values{"metric": {"active_creators"}, "target": {"40"}, "period_start": {today}, "period_end": {today}}); res.Status != 303 {
			t.Fatalf("goal: %d %s", res.Status, res.Body)
		}
		res = cm.Get("/account-work")
		if !strings.Contains(res.Body, "12,500.50 USD") || !strings.Contains(res.Body, "computed by Roster") {
			t.Errorf("partnership value or computed goal missing:\n%s", res.Body)
		}
		if res := cm.Get("/calendar"); !strings.Contains(res.Body, "Q4 business review") {
			t.Errorf("the meeting is not on the calendar")
		}
	})
}
