package talentspider

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// fixture builds brands and creators on a clock that moves one second per
// write, so "freshest metrics" is well defined.
type fixture struct {
	t   testing.TB
	d   *db.DB
	now time.Time
	svc *creator.Service
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	f := &fixture{t: t, d: d, now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	f.svc = creator.NewService(d, f.clock)
	return f
}

func (f *fixture) clock() time.Time { return f.now }

func (f *fixture) brand(name string) int64 {
	f.t.Helper()
	b, err := brand.Create(context.Background(), f.d, name, "", f.now)
	if err != nil {
		f.t.Fatal(err)
	}
	return b.ID
}

func principal(brandID int64) *auth.Principal {
	return auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: brandID}, []auth.Permission{auth.CreatorsRead, auth.CreatorsWrite})
}

// spec is a creator with one account.
type spec struct {
	handle    string
	platform  string // instagram unless set
	stage     string
	country   string
	langs     []string
	tags      []string
	followers int64
	rate      float64
	name      string
	email     string
	notes     string
}

func (f *fixture) add(brandID int64, p spec) *creator.Creator {
	f.t.Helper()
	f.now = f.now.Add(time.Second)
	if p.platform == "" {
		p.platform = "instagram"
	}
	if p.stage == "" {
		p.stage = "active"
	}
	if p.name == "" {
		p.name = "Name of " + p.handle
	}
	c, err := f.svc.Create(context.Background(), principal(brandID), creator.Fields{
		DisplayName: p.name, Email: p.email, Notes: p.notes, Country: p.country, Languages: p.langs, Tags: p.tags, Stage: p.stage,
		SocialAccounts: []creator.SocialAccountInput{{Platform: p.platform, Handle: p.handle, Followers: p.followers, EngagementRate: p.rate}},
	})
	if err != nil {
		f.t.Fatalf("create %s: %v", p.handle, err)
	}
	return c
}

// seedHome gives a brand the seed every ranking test uses: ten creators,
// 8 in the US and 2 in Canada, 9 speaking English and 1 French, all
// tagged fitness and 4 also yoga, 9 micro and 1 nano, each engaging at
// twice the fallback median of their tier.
func (f *fixture) seedHome(home int64) {
	for i := 1; i <= 10; i++ {
		p := spec{handle: fmt.Sprintf("seed%02d", i), country: "US", langs: []string{"en"}, tags: []string{"fitness"},
			followers: 20_000 + int64(i)*1000, rate: 4.8}
		if i%2 == 0 {
			p.stage = "approved"
		}
		if i >= 9 {
			p.country = "CA"
		}
		if i <= 4 {
			p.tags = append(p.tags, "yoga")
		}
		if i == 10 {
			p.langs, p.followers, p.rate = []string{"fr"}, 5_000, 8.0
		}
		f.add(home, p)
	}
}
