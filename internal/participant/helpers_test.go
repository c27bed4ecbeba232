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

// newCampaign writes a campaign straight into the campaign room's tables
// (budget in cents), with two deliverables and terms version 1.
func (f *fixture) newCampaign(t *testing.T, name string, budget int64) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := f.d.WriteQueryRowContext(ctx, `INSERT INTO campaigns (brand_id, name, status, currency, budget_minor, created_at, updated_at)
		VALUES (?, ?, 'recruiting', 'EUR', ?, ?, ?) RETURNING id`, f.brandID, name, budget, t0.UnixMilli(), t0.UnixMilli()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	for i, kind := range []string{"reel", "story"} {
		if _, err := f.d.ExecContext(ctx, `INSERT INTO campaign_deliverables (brand_id, campaign_id, position, platform, kind, quantity, due_on,
			hashtags, disclosure, created_at, updated_at) VALUES (?, ?, ?, 'instagram', ?, ?, '2026-12-15', '#spring', '#ad', ?, ?)`,
			f.brandID, id, i, kind, i+1, t0.UnixMilli(), t0.UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	f.addTerms(t, id, 1, "organic_social")
	return id
}

// addTerms writes terms version v of a campaign, as the campaign room
// does on a terms change.
func (f *fixture) addTerms(t *testing.T, campaignID int64, v int, channels string) {
	t.Helper()
	if _, err := f.d.ExecContext(context.Background(), `INSERT INTO campaign_terms (brand_id, campaign_id, version, channels, territories,
		duration_days, paid_media, exclusivity_days, created_at) VALUES (?, ?, ?, ?, 'US', 90, ?, 30, ?)`,
		f.brandID, campaignID, v, channels, v > 1, t0.UnixMilli()); err != nil {
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
