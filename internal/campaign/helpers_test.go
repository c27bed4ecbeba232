package campaign_test

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return t0 }

// fixture is a brand, a community manager acting in it and the service.
type fixture struct {
	d   *db.DB
	p   *auth.Principal
	svc *campaign.Service
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
	if err := brand.SetMember(ctx, d, b.ID, uid, auth.CommunityManager, t0); err != nil {
		t.Fatal(err)
	}
	p := auth.NewPrincipal(auth.Principal{User: &auth.User{ID: uid, Email: "cm@" + slug + ".test"}, BrandID: b.ID}, nil)
	return &fixture{d: d, p: p, svc: campaign.NewService(d, clock)}
}

// full is a campaign ready to recruit.
func full(name string) campaign.New {
	return campaign.New{
		Fields: campaign.Fields{Name: name, Objective: "Launch the trail shoe", Brief: "## Brief\nShow the shoe **on a trail**.",
			StartsOn: "2026-04-01", EndsOn: "2026-04-30", Languages: []string{"en", "es"}, Currency: "USD", BudgetMinor: 500000,
			ExpectedParticipants: 10, Offer: campaign.Offer{Product: "Trail shoe", CouponCode: "TRAIL15", CommissionBP: 1000, FeeMinor: 25000}},
		Deliverables: []campaign.DeliverableFields{
			{Platform: "instagram", Kind: "reel", Quantity: 1, DueOn: "2026-04-10", Hashtags: []string{"#ad", "#trailready"}, Mentions: []string{"@lumenpine"}, Disclosure: "#ad"},
			{Platform: "tiktok", Kind: "short_video", Quantity: 2, DueOn: "2026-04-20"},
		},
		KPIs:  []campaign.KPITarget{{Metric: "clicks", Target: 2000}, {Metric: "reach", Target: 250000}},
		Terms: &campaign.TermsFields{Channels: []string{"organic_social", "web"}, Territories: []string{"US", "ca"}, DurationDays: 90, ExclusivityDays: 30},
	}
}

func (f *fixture) create(t *testing.T, n campaign.New) *campaign.Campaign {
	t.Helper()
	c, err := f.svc.Create(context.Background(), f.p, n)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fields returns the names of the fields an Invalid error lists.
func fields(t *testing.T, err error) []string {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid {
		t.Fatalf("want an invalid error, got %v", err)
	}
	var out []string
	for _, fe := range e.Fields {
		out = append(out, fe.Field)
	}
	return out
}

func (f *fixture) auditActions(t *testing.T) []string {
	t.Helper()
	events, err := audit.List(context.Background(), f.d, f.p.BrandID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Entity == "campaign" {
			out = append(out, events[i].Action)
		}
	}
	return out
}
