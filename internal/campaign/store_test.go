package campaign_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestListFiltersAndPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		theirs := newFixture(t, d, "other")
		theirs.create(t, full("Summer trail 9"))
		for i := range 7 {
			n := campaign.New{Fields: campaign.Fields{Name: fmt.Sprintf("Summer trail %d", i), Currency: "USD"}}
			if i%2 == 0 {
				n.Name = fmt.Sprintf("Winter 50%% sale %d", i)
				n.OwnerUserID = &f.p.User.ID
			}
			f.create(t, n)
		}
		names := func(q campaign.ListQuery) []string {
			t.Helper()
			page, err := campaign.List(ctx, d, f.p.BrandID, q)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range page.Items {
				out = append(out, c.Name)
			}
			return out
		}
		if got := names(campaign.ListQuery{Q: "SUMMER trail"}); fmt.Sprint(got) != "[Summer trail 5 Summer trail 3 Summer trail 1]" {
			t.Errorf("search: %v", got)
		}
		if got := names(campaign.ListQuery{Q: "50%"}); len(got) != 4 {
			t.Errorf("search with %%: %v", got)
		}
		if got := names(campaign.ListQuery{Q: "5_"}); len(got) != 0 {
			t.Errorf("_ matched as a wildcard: %v", got)
		}
		if got := names(campaign.ListQuery{Owner: &f.p.User.ID}); len(got) != 4 {
			t.Errorf("owner: %v", got)
		}
		if got := names(campaign.ListQuery{Status: campaign.Recruiting}); len(got) != 0 {
			t.Errorf("status: %v", got)
		}
		var all []string
		cursor := ""
		for pages := 0; ; pages++ {
			page, err := campaign.List(ctx, d, f.p.BrandID, campaign.ListQuery{Limit: 3, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Items {
				all = append(all, c.Name)
			}
			if cursor = page.NextCursor; cursor == "" {
				if pages != 2 {
					t.Errorf("%d pages", pages+1)
				}
				break
			}
		}
		if len(all) != 7 || all[0] != "Winter 50% sale 6" || all[6] != "Winter 50% sale 0" {
			t.Errorf("paged: %v", all)
		}
		if _, err := campaign.List(ctx, d, f.p.BrandID, campaign.ListQuery{Cursor: "abc"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("bad cursor: %v", err)
		}
		counts, err := campaign.StatusCounts(ctx, d, f.p.BrandID)
		if err != nil || counts[campaign.Draft] != 7 {
			t.Errorf("counts %v %v", counts, err)
		}
	})
}

func TestSpendComesFromTheRegisteredSourceAndBudgetCheckWarns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		c := f.create(t, full("Spring")) // budget 5,000.00; 10 expected × 250.00 planned
		b, err := campaign.Spend(ctx, d, f.p.BrandID, c.ID)
		if err != nil || b.SpentMinor != 0 || b.RemainingMinor != 500000 {
			t.Fatalf("before any source: %+v %v", b, err)
		}
		campaign.RegisterSpend(func(_ context.Context, _ db.Querier, brandID, campaignID, except int64) (campaign.Commitments, error) {
			if brandID != f.p.BrandID || campaignID != c.ID {
				return campaign.Commitments{}, nil
			}
			if except == 7 { // participant 7's open offer of 300.00 is left out
				return campaign.Commitments{Accepted: 400000, Offered: 20000}, nil
			}
			return campaign.Commitments{Accepted: 400000, Offered: 50000}, nil
		})
		t.Cleanup(func() { campaign.RegisterSpend(nil) })
		w, err := campaign.BudgetCheck(ctx, d, f.p.BrandID, c.ID, 25000, 2, 0)
		if err != nil {
			t.Fatal(err)
		}
		if w.RemainingMinor != 50000 || w.OfferedMinor != 50000 || w.NeededMinor != 50000 || w.Over {
			t.Errorf("2 offers: %+v", w)
		}
		w, _ = campaign.BudgetCheck(ctx, d, f.p.BrandID, c.ID, 25000, 3, 0)
		if !w.Over || w.ShortMinor != 25000 {
			t.Errorf("3 offers: %+v", w)
		}
		w, _ = campaign.BudgetCheck(ctx, d, f.p.BrandID, c.ID, 25000, 3, 7)
		if w.Over || w.RemainingMinor != 80000 {
			t.Errorf("3 offers, one replacing participant 7's: %+v", w)
		}
		plan, _ := campaign.PlannedCheck(ctx, d, c)
		if plan.Over || plan.NeededMinor != 250000 {
			t.Errorf("plan: %+v", plan)
		}
		fl := campaign.FieldsOf(c)
		fl.ExpectedParticipants = 30
		c2, _ := f.svc.Update(ctx, f.p, c.ID, fl)
		if plan, _ = campaign.PlannedCheck(ctx, d, c2); !plan.Over || plan.ShortMinor != 250000 {
			t.Errorf("plan of 30: %+v", plan)
		}
		noBudget := f.create(t, campaign.New{Fields: campaign.Fields{Name: "Gifting only", Currency: "USD"}})
		if w, _ := campaign.BudgetCheck(ctx, d, f.p.BrandID, noBudget.ID, 100000, 50, 0); w.Over {
			t.Errorf("a campaign without a budget warned: %+v", w)
		}
	})
}
