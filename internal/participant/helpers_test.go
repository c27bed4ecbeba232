package participant_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/participant"
	"github.com/rosterhq/roster/internal/web"
)

var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// fixture is a brand with a community manager, a campaign with two
// deliverables and terms version 1, and the service.
type fixture struct {
	d        *db.DB
	now      time.Time
	deps     *web.Deps
	svc      *participant.Service
	p        *auth.Principal
	brandID  int64
	campaign int64
}

func newFixture(t *testing.T, d *db.DB, slug string) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{d: d, now: t0}
	f.deps = &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return f.now },
		Config: web.Config{BaseURL: "https://roster.test"}}
	f.svc = participant.NewService(f.deps)
	b, err := brand.Create(ctx, d, slug, slug, t0)
	if err != nil {
		t.Fatal(err)
	}
	f.brandID = b.ID
	var uid int64
	if err := d.WriteQueryRowContext(ctx, `INSERT INTO users (email, name, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id`,
		"cm@"+slug+".test", "Casey Manager", t0.UnixMilli(), t0.UnixMilli()).Scan(&uid); err != nil {
		t.Fatal(err)
	}
	f.p = auth.NewPrincipal(auth.Principal{User: &auth.User{ID: uid, Email: "cm@" + slug + ".test"}, BrandID: b.ID, BrandName: slug},
		auth.PermissionsOf(auth.CommunityManager))
	f.campaign = f.newCampaign(t, "Spring launch", 100000)
	return f
}

// newCampaign creates a campaign through the campaign room (budget in
// cents), with two deliverables and terms version 1.
func (f *fixture) newCampaign(t *testing.T, name string, budget int64) int64 {
	t.Helper()
	c, err := campaign.NewService(f.d, f.deps.Clock).Create(context.Background(), f.p, campaign.New{
		Fields: campaign.Fields{Name: name, StartsOn: "2026-12-01", EndsOn: "2026-12-31", Languages: []string{"en", "es"},
			Currency: "EUR", BudgetMinor: budget},
		Deliverables: []campaign.DeliverableFields{
			{Platform: "instagram", Kind: "reel", Quantity: 1, DueOn: "2026-12-15", Hashtags: []string{"#spring"}, Disclosure: "#ad"},
			{Platform: "instagram", Kind: "story", Quantity: 2, DueOn: "2026-12-15", Hashtags: []string{"#spring"}, Disclosure: "#ad"},
		},
		Terms: &campaign.TermsFields{Channels: []string{"organic_social"}, Territories: []string{"US"}, DurationDays: 90, ExclusivityDays: 30},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// publishTerms publishes the campaign's next terms version.
func (f *fixture) publishTerms(t *testing.T, campaignID int64, channels ...string) {
	t.Helper()
	if _, err := campaign.NewService(f.d, f.deps.Clock).PublishTerms(context.Background(), f.p, campaignID,
		campaign.TermsFields{Channels: channels, Territories: []string{"US"}, DurationDays: 180, PaidMedia: true}); err != nil {
		t.Fatal(err)
	}
}

// creators makes n creators with emails; the first speaks Spanish.
func (f *fixture) creators(t *testing.T, n int) []int64 {
	t.Helper()
	svc := creator.NewService(f.d, func() time.Time { return f.now })
	var ids []int64
	for i := range n {
		lang := "en"
		if i == 0 {
			lang = "es"
		}
		c, err := svc.Create(context.Background(), f.p, creator.Fields{DisplayName: fmt.Sprintf("Creator %d", i),
			Email: fmt.Sprintf("c%d@%d.example", i, f.brandID), Languages: []string{lang}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

// invite invites creators with a 250.00 fee offer and returns the participants.
func (f *fixture) invite(t *testing.T, ids ...int64) []participant.Participant {
	t.Helper()
	res, err := f.svc.Invite(context.Background(), f.p, f.campaign, ids,
		participant.OfferInput{Product: "Trail shoes", CouponCode: "SPRING10", CommissionBP: 1000, FeeMinor: 25000}, false)
	if err != nil {
		t.Fatal(err)
	}
	return res.Participants
}

func hasField(err error, field string) bool {
	e, ok := apperr.As(err)
	return ok && apperr.Fields(e.Fields).Has(field)
}
