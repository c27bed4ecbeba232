package calendar_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/calendar"
	"github.com/rosterhq/roster/internal/calendar/calendartest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

var now = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

func date(s string) time.Time {
	d, _ := calendar.ParseDate(s)
	return d
}

func newBrand(t *testing.T, d *db.DB, name string) (*brand.Brand, *auth.User) {
	t.Helper()
	ctx := context.Background()
	b, err := brand.Create(ctx, d, name, "", now)
	if err != nil {
		t.Fatal(err)
	}
	u, err := auth.CreateUser(ctx, d, "owner@"+b.Slug+".test", "Olive Owner", "", "", false, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := brand.SetMember(ctx, d, b.ID, u.ID, auth.CommunityManager, now); err != nil {
		t.Fatal(err)
	}
	return b, u
}

func principal(b *brand.Brand, u *auth.User) *auth.Principal {
	return auth.NewPrincipal(auth.Principal{User: u, BrandID: b.ID, BrandName: b.Name, Role: auth.CommunityManager},
		auth.PermissionsOf(auth.CommunityManager))
}

func keys(events []calendar.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.Source+":"+e.Title)
	}
	return out
}

func TestCollectReadsOnlyTheBrandsPlansWithinTheRangeAndFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := i18n.For("en")
		a, owner := newBrand(t, d, "Alpha")
		b, _ := newBrand(t, d, "Bravo")
		spring := calendartest.AddCampaign(t, d, a.ID, calendartest.Campaign{Name: "Spring", Status: "active", StartsOn: "2026-03-02", EndsOn: "2026-03-31", OwnerID: owner.ID})
		calendartest.AddDeliverable(t, d, a.ID, spring, calendartest.Deliverable{Kind: "reel", Quantity: 2, DueOn: "2026-03-12"})
		calendartest.AddDeliverable(t, d, a.ID, spring, calendartest.Deliverable{Kind: "story", DueOn: "2026-04-20"}) // outside
		calendartest.AddDeliverable(t, d, a.ID, spring, calendartest.Deliverable{Kind: "post"})                       // no date
		summer := calendartest.AddCampaign(t, d, a.ID, calendartest.Campaign{Name: "Summer", StartsOn: "2026-03-20"}) // no end, no owner
		calendartest.AddCampaign(t, d, a.ID, calendartest.Campaign{Name: "Old", Status: "archived", StartsOn: "2026-03-01", EndsOn: "2026-03-05"})
		calendartest.AddCampaign(t, d, a.ID, calendartest.Campaign{Name: "Undated"})
		other := calendartest.AddCampaign(t, d, b.ID, calendartest.Campaign{Name: "Bravo secret", StartsOn: "2026-03-02", EndsOn: "2026-03-31"})
		calendartest.AddDeliverable(t, d, b.ID, other, calendartest.Deliverable{DueOn: "2026-03-12"})

		march := calendar.MonthRange(date("2026-03-01"))
		for _, tc := range []struct {
			name string
			f    calendar.Filter
			want string
		}{
			{"all", calendar.Filter{}, "campaign:Spring|deliverable:Spring: 2 × Reel, Instagram|campaign:Summer"},
			{"campaign", calendar.Filter{CampaignID: summer}, "campaign:Summer"},
			{"owner", calendar.Filter{OwnerUserID: owner.ID}, "campaign:Spring|deliverable:Spring: 2 × Reel, Instagram"},
			{"another brand's campaign", calendar.Filter{CampaignID: other}, ""},
		} {
			events, err := calendar.Collect(ctx, d, l, a.ID, march, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(keys(events), "|"); got != tc.want {
				t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
			}
		}
		events, _ := calendar.Collect(ctx, d, l, a.ID, march, calendar.Filter{})
		if e := events[2]; !e.Start.Equal(date("2026-03-20")) || !e.End.Equal(e.Start) {
			t.Errorf("a campaign without an end is one day: %v – %v", e.Start, e.End)
		}
		if e := events[1]; e.MovePath == "" || e.CampaignID != spring || e.OwnerUserID != owner.ID {
			t.Errorf("deliverable event %+v", e)
		}
		// A span that only touches the range is on it.
		events, _ = calendar.Collect(ctx, d, l, a.ID, calendar.WeekRange(date("2026-03-31")), calendar.Filter{CampaignID: spring})
		if len(events) != 1 || events[0].Source != "campaign" {
			t.Errorf("week of the last day: %v", keys(events))
		}
	})
}

func TestMoveDueIsAuditedAndScopedToTheBrand(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, u := newBrand(t, d, "Alpha")
		b, bu := newBrand(t, d, "Bravo")
		c := calendartest.AddCampaign(t, d, a.ID, calendartest.Campaign{Name: "Spring"})
		id := calendartest.AddDeliverable(t, d, a.ID, c, calendartest.Deliverable{DueOn: "2026-03-12"})

		if _, err := calendar.MoveDue(ctx, d, principal(b, bu), id, "2026-03-20", clock); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another brand moving it: %v, want not found", err)
		}
		for _, bad := range []string{"", "2026-02-30", "12/03/2026", "tomorrow"} {
			_, err := calendar.MoveDue(ctx, d, principal(a, u), id, bad, clock)
			if e, ok := apperr.As(err); !ok || e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "due_on" {
				t.Errorf("due date %q: %v", bad, err)
			}
		}
		if got := calendartest.DueOn(t, d, id); got != "2026-03-12" {
			t.Fatalf("after refused moves the due date is %s", got)
		}
		moved, err := calendar.MoveDue(ctx, d, principal(a, u), id, "2026-03-20", clock)
		if err != nil || moved.DueOn != "2026-03-20" {
			t.Fatalf("move: %+v %v", moved, err)
		}
		if got := calendartest.DueOn(t, d, id); got != "2026-03-20" {
			t.Errorf("stored due date %s", got)
		}
		events, err := audit.List(ctx, d, a.ID, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		field := "deliverable." + strconv.FormatInt(id, 10) + ".due_on"
		if len(events) != 1 || events[0].Entity != "campaign" || events[0].EntityID != strconv.FormatInt(c, 10) || events[0].Action != "update_deliverable" ||
			events[0].ActorUserID != u.ID || events[0].Changes[field].From != "2026-03-12" || events[0].Changes[field].To != "2026-03-20" {
			t.Errorf("audit events %+v", events)
		}
		// Moving to the same day changes and records nothing.
		if _, err := calendar.MoveDue(ctx, d, principal(a, u), id, "2026-03-20", clock); err != nil {
			t.Fatal(err)
		}
		if events, _ := audit.List(ctx, d, a.ID, 0, 10); len(events) != 1 {
			t.Errorf("a move to the same day wrote %d audit events", len(events))
		}
		if events, _ := audit.List(ctx, d, b.ID, 0, 10); len(events) != 0 {
			t.Errorf("brand B's audit log has %d events", len(events))
		}
	})
}

func TestFeedSubscriptionsCreateRotateRevoke(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, u := newBrand(t, d, "Alpha")
		p := principal(a, u)
		first, sub, err := calendar.Subscribe(ctx, d, p, now)
		if err != nil || !strings.HasPrefix(first, calendar.FeedPrefix) || len(first) < 40 {
			t.Fatalf("subscribe: %q %v", first, err)
		}
		var stored string
		if err := d.QueryRowContext(ctx, `SELECT token_hash FROM calendar_feeds WHERE id = ?`, sub.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored == first || stored != auth.HashSecret(first) {
			t.Errorf("stored %q: want only the hash of the secret", stored)
		}
		if got, err := calendar.SubscriptionBySecret(ctx, d, first); err != nil || got.ID != sub.ID || got.BrandID != a.ID || got.UserID != u.ID {
			t.Fatalf("by secret: %+v %v", got, err)
		}
		second, rotated, err := calendar.Subscribe(ctx, d, p, now.Add(time.Minute))
		if err != nil || second == first || rotated.ID == sub.ID {
			t.Fatalf("rotate: %v", err)
		}
		if _, err := calendar.SubscriptionBySecret(ctx, d, first); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("the rotated-away secret: %v, want not found", err)
		}
		if live, _ := calendar.LiveSubscription(ctx, d, a.ID, u.ID); live == nil || live.ID != rotated.ID {
			t.Errorf("live after rotating: %+v", live)
		}
		if err := calendar.Unsubscribe(ctx, d, p, now.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := calendar.SubscriptionBySecret(ctx, d, second); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("the revoked secret: %v, want not found", err)
		}
		if err := calendar.Unsubscribe(ctx, d, p, now); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("revoking nothing: %v", err)
		}
		events, _ := audit.List(ctx, d, a.ID, 0, 10)
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action+" "+e.Entity)
		}
		if got := strings.Join(actions, ", "); got != "revoke calendar_feed, rotate calendar_feed, create calendar_feed" {
			t.Errorf("audit: %s", got)
		}
		token := auth.NewPrincipal(auth.Principal{TokenID: 1, TokenName: "ci", BrandID: a.ID}, []auth.Permission{auth.CampaignsRead})
		if _, _, err := calendar.Subscribe(ctx, d, token, now); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a token subscribing: %v", err)
		}
	})
}
