package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/demo"
)

// TestDemoHasCampaignsInEveryStatus: the demo brand gets three templates
// and campaigns started from them, one per status, each ready for the
// calendar (dates, deliverables) and for invitations (terms).
func TestDemoHasCampaignsInEveryStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		b := seedDemo(t, d)
		tpls, err := campaign.ListTemplates(ctx, d, b.ID)
		if err != nil || len(tpls) != 3 {
			t.Fatalf("%d templates, %v", len(tpls), err)
		}
		counts, err := campaign.StatusCounts(ctx, d, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range campaign.Statuses {
			if counts[s] != 1 {
				t.Errorf("%d %s campaigns, want 1", counts[s], s)
			}
		}
		page, _ := campaign.List(ctx, d, b.ID, campaign.ListQuery{})
		for _, c := range page.Items {
			ds, _ := campaign.Deliverables(ctx, d, b.ID, c.ID)
			_, terr := campaign.CurrentTerms(ctx, d, b.ID, c.ID)
			if c.StartsOn == "" || len(ds) == 0 || ds[0].DueOn == "" || terr != nil {
				t.Errorf("%s: start %q, %d deliverables, terms %v", c.Name, c.StartsOn, len(ds), terr)
			}
		}
	})
}

// seedDemo fills d with the demo and returns its brand.
func seedDemo(t *testing.T, d *db.DB) *brand.Brand {
	t.Helper()
	ctx := context.Background()
	if _, err := demo.Seed(ctx, d, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	b, err := brand.BySlug(ctx, d, "lumen-pine")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
