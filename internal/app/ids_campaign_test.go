package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/campaign"
)

// Campaigns and their deliverables, for the tenant and role walks. Each
// fresh campaign is a draft that could start recruiting, so routes that
// move, edit or delete it get through for roles that may.
func init() {
	idMakers["/campaigns/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		return newCampaign(t, env, w).ID
	}
	idMakers["/campaign-deliverables/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		c := newCampaign(t, env, w)
		ds, err := campaign.Deliverables(context.Background(), env.DB, w.Brand.ID, c.ID)
		if err != nil || len(ds) == 0 {
			t.Fatalf("deliverables of a fresh campaign: %v %v", ds, err)
		}
		return ds[0].ID
	}
	idMakers["/api/v1/campaigns/"] = idMakers["/campaigns/"]
	idMakers["/api/v1/campaign-deliverables/"] = idMakers["/campaign-deliverables/"]
	idMakers["/campaign-templates/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		c := newCampaign(t, env, w)
		tpl, err := campaign.NewService(env.DB, env.Now).SaveCampaignAsTemplate(context.Background(), staff(env, w), c.ID, c.Name, "")
		if err != nil {
			t.Fatal(err)
		}
		return tpl.ID
	}
	idMakers["/api/v1/campaign-templates/"] = idMakers["/campaign-templates/"]
}

// newCampaign makes a draft campaign of world w with a deliverable, a KPI
// target and terms.
func newCampaign(t *testing.T, env *apptest.Env, w *apptest.World) *campaign.Campaign {
	t.Helper()
	env.Advance(1)
	c, err := campaign.NewService(env.DB, env.Now).Create(context.Background(), staff(env, w), campaign.New{
		Fields: campaign.Fields{Name: fmt.Sprintf("Secret campaign of %s %d", w.Brand.Name, env.Now().UnixNano()), Currency: "USD",
			StartsOn: "2026-06-01", EndsOn: "2026-06-30", BudgetMinor: 100000, Brief: "Secret brief of " + w.Brand.Name},
		Deliverables: []campaign.DeliverableFields{{Platform: "instagram", Kind: "reel", Quantity: 1, DueOn: "2026-06-15", Hashtags: []string{"#ad"}}},
		KPIs:         []campaign.KPITarget{{Metric: "reach", Target: 10000}},
		Terms:        &campaign.TermsFields{Channels: []string{"organic_social"}, Territories: []string{"US"}, DurationDays: 30},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
