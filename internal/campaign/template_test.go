package campaign_test

import (
	"context"
	"slices"
	"testing"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestTemplatesShiftEveryDateToTheNewStart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		src := f.create(t, full("Spring")) // 2026-04-01..04-30, due 04-10 and 04-20
		tpl, err := f.svc.SaveCampaignAsTemplate(ctx, f.p, src.ID, " Trail launch ", "Four weeks, two deliverables")
		if err != nil {
			t.Fatal(err)
		}
		if tpl.Name != "Trail launch" || *tpl.Body.DurationDays != 29 || *tpl.Body.Deliverables[0].DueDay != 9 || tpl.Body.Terms == nil {
			t.Fatalf("template %+v", tpl)
		}
		got, err := campaign.GetTemplate(ctx, d, f.p.BrandID, tpl.ID)
		if err != nil || got.Body.Offer.CouponCode != "TRAIL15" || len(got.Body.KPIs) != 2 {
			t.Fatalf("stored %+v %v", got, err)
		}
		c, err := f.svc.StartFromTemplate(ctx, f.p, tpl.ID, "", "2026-12-20", &f.p.User.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Name != "Trail launch" || c.StartsOn != "2026-12-20" || c.EndsOn != "2027-01-18" || c.Status != campaign.Draft || *c.OwnerUserID != f.p.User.ID {
			t.Errorf("started %+v", c)
		}
		ds, _ := campaign.Deliverables(ctx, d, f.p.BrandID, c.ID)
		if len(ds) != 2 || ds[0].DueOn != "2026-12-29" || ds[1].DueOn != "2027-01-08" || !slices.Equal(ds[0].Mentions, []string{"@lumenpine"}) {
			t.Errorf("deliverables %+v", ds)
		}
		terms, err := campaign.CurrentTerms(ctx, d, f.p.BrandID, c.ID)
		if err != nil || terms.Version != 1 || terms.DurationDays != 90 {
			t.Errorf("terms %+v %v", terms, err)
		}
		// Ready to recruit straight away.
		if _, err := f.svc.Transition(ctx, f.p, c.ID, campaign.Recruiting); err != nil {
			t.Errorf("recruiting: %v", err)
		}
		if _, err := f.svc.StartFromTemplate(ctx, f.p, tpl.ID, "x", "2026-02-30", nil); !slices.Equal(fields(t, err), []string{"starts_on"}) {
			t.Errorf("bad start date: %v", err)
		}
		if _, err := f.svc.SaveCampaignAsTemplate(ctx, f.p, src.ID, "Trail launch", ""); !slices.Equal(fields(t, err), []string{"name"}) {
			t.Errorf("a second template with the same name: %v", err)
		}
		list, _ := campaign.ListTemplates(ctx, d, f.p.BrandID)
		if len(list) != 1 {
			t.Errorf("%d templates", len(list))
		}
		other := newFixture(t, d, "other")
		if _, err := other.svc.StartFromTemplate(ctx, other.p, tpl.ID, "", "2026-12-20", nil); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand started our template: %v", err)
		}
		if err := other.svc.DeleteTemplate(ctx, other.p, tpl.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand deleted our template: %v", err)
		}
		if err := f.svc.DeleteTemplate(ctx, f.p, tpl.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := campaign.Get(ctx, d, f.p.BrandID, c.ID); err != nil {
			t.Errorf("deleting the template touched its campaign: %v", err)
		}
		want := []string{"create", "create", "transition"}
		if got := f.auditActions(t); !slices.Equal(got, want) {
			t.Errorf("audit %v, want %v", got, want)
		}
	})
}

func TestTemplateBodyIsValidatedLikeACampaign(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, "acme")
		minus := -3
		_, err := f.svc.SaveTemplate(context.Background(), f.p, campaign.Template{Name: "", Body: campaign.TemplateBody{
			Currency: "XYZ", DurationDays: &minus,
			Deliverables: []campaign.TemplateDeliverable{{Platform: "instagram", Kind: "reel", Quantity: 1, DueDay: &minus, Hashtags: []string{"nohash"}}},
			Terms:        &campaign.TermsFields{Channels: []string{"radio"}, Territories: []string{"US"}},
		}})
		want := []string{"name", "body.duration_days", "body.deliverables[0].due_day", "body.currency", "body.deliverables[0].hashtags", "body.terms.channels"}
		if got := fields(t, err); !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
	})
}
