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

func TestCreateStoresEverythingAndAudits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		c := f.create(t, full("Spring trail launch"))
		if c.Status != campaign.Draft || c.Name != "Spring trail launch" || c.Currency != "USD" || c.Offer.CouponCode != "TRAIL15" {
			t.Fatalf("created %+v", c)
		}
		if !slices.Equal(c.Languages, []string{"en", "es"}) || c.StartsOn != "2026-04-01" || c.EndsOn != "2026-04-30" {
			t.Errorf("languages %v, dates %s..%s", c.Languages, c.StartsOn, c.EndsOn)
		}
		ds, err := campaign.Deliverables(ctx, d, f.p.BrandID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 2 || ds[0].Kind != "reel" || ds[1].Quantity != 2 || !slices.Equal(ds[0].Hashtags, []string{"#ad", "#trailready"}) ||
			!slices.Equal(ds[0].Mentions, []string{"@lumenpine"}) || len(ds[1].Hashtags) != 0 {
			t.Errorf("deliverables %+v", ds)
		}
		kpis, err := campaign.KPIs(ctx, d, f.p.BrandID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Stored in KPIMetrics order whatever the order given.
		if len(kpis) != 2 || kpis[0].Metric != "reach" || kpis[1].Target != 2000 {
			t.Errorf("kpis %+v", kpis)
		}
		terms, err := campaign.CurrentTerms(ctx, d, f.p.BrandID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if terms.Version != 1 || !slices.Equal(terms.Territories, []string{"US", "CA"}) || terms.DurationDays != 90 {
			t.Errorf("terms %+v", terms)
		}
		if got := f.auditActions(t); !slices.Equal(got, []string{"create"}) {
			t.Errorf("audit %v", got)
		}
	})
}

func TestValidationNamesEachBadField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, "acme")
		other := newFixture(t, d, "other")
		n := full("")
		n.StartsOn, n.EndsOn = "2026-05-01", "2026-04-30"
		n.Currency = "usd"
		n.Languages = []string{"en", "not a language"}
		n.BudgetMinor = -1
		n.Offer.CommissionBP = 10001
		n.Offer.CouponCode = "TWO WORDS"
		n.OwnerUserID = &other.p.User.ID // not on this brand's team
		n.Deliverables = []campaign.DeliverableFields{{Platform: "myspace", Kind: "tweet", Quantity: 0, DueOn: "2026-02-30",
			Hashtags: []string{"ad"}, Mentions: []string{"brand"}}}
		n.KPIs = []campaign.KPITarget{{Metric: "vibes", Target: 1}, {Metric: "reach", Target: 0}}
		n.Terms.Territories = []string{"XX"}
		n.Terms.Channels = nil
		_, err := f.svc.Create(context.Background(), f.p, n)
		want := []string{"name", "ends_on", "languages", "currency", "budget_minor", "default_offer.coupon_code", "default_offer.commission_bp",
			"owner_user_id", "deliverables[0].platform", "deliverables[0].kind", "deliverables[0].quantity", "deliverables[0].due_on",
			"deliverables[0].hashtags", "deliverables[0].mentions", "kpis[0].metric", "kpis[1].target", "terms.channels", "terms.territories"}
		got := fields(t, err)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("no error for %s; got %v", w, got)
			}
		}
		if len(got) != len(want) {
			t.Errorf("got %d errors %v, want %d", len(got), got, len(want))
		}
		if list, _ := campaign.List(context.Background(), d, f.p.BrandID, campaign.ListQuery{}); len(list.Items) != 0 {
			t.Errorf("an invalid campaign was stored")
		}
	})
}

func TestTransitionsFollowTheWorkflow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		c := f.create(t, full("Spring"))
		step := func(to string, ok bool) {
			t.Helper()
			got, err := f.svc.Transition(ctx, f.p, c.ID, to)
			if ok && err != nil {
				t.Fatalf("%s → %s: %v", c.Status, to, err)
			}
			if !ok {
				if fs := fields(t, err); !slices.Equal(fs, []string{"status"}) {
					t.Fatalf("%s → %s: fields %v", c.Status, to, fs)
				}
				return
			}
			if got.Status != to {
				t.Fatalf("status %s, want %s", got.Status, to)
			}
			c = got
		}
		step(campaign.Active, false) // no skipping recruiting
		step(campaign.Completed, false)
		step(campaign.Recruiting, true)
		step(campaign.Draft, true) // back to editing
		step(campaign.Recruiting, true)
		step(campaign.Active, true)
		step(campaign.Recruiting, true) // recruit more
		step(campaign.Active, true)
		step(campaign.Completed, true)
		step(campaign.Draft, false)
		step(campaign.Active, true) // reopen
		step(campaign.Completed, true)
		step(campaign.Archived, true)
		step(campaign.Active, false)
		step(campaign.Completed, true) // unarchive
		step("launched", false)
		events := f.auditActions(t)
		if n := len(events); n != 12 || events[1] != "transition" {
			t.Errorf("audit %v", events)
		}
	})
}

func TestRecruitingNeedsDatesDeliverablesAndTerms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		c := f.create(t, campaign.New{Fields: campaign.Fields{Name: "Bare", Currency: "EUR"}})
		_, err := f.svc.Transition(ctx, f.p, c.ID, campaign.Recruiting)
		if got := fields(t, err); !slices.Equal(got, []string{"starts_on", "ends_on", "deliverables", "terms"}) {
			t.Fatalf("fields %v", got)
		}
		got, _ := campaign.Get(ctx, d, f.p.BrandID, c.ID)
		if got.Status != campaign.Draft {
			t.Errorf("status moved to %s", got.Status)
		}
		// An archived draft skips the check: it is going nowhere.
		if _, err := f.svc.Transition(ctx, f.p, c.ID, campaign.Archived); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTermsVersionsAreNeverRewritten(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		c := f.create(t, full("Spring"))
		v1, _ := campaign.CurrentTerms(ctx, d, f.p.BrandID, c.ID)
		same, err := f.svc.PublishTerms(ctx, f.p, c.ID, v1.FieldsOf())
		if err != nil || same.ID != v1.ID {
			t.Fatalf("republishing the same terms: %+v %v", same, err)
		}
		next := v1.FieldsOf()
		next.PaidMedia, next.DurationDays = true, 365
		v2, err := f.svc.PublishTerms(ctx, f.p, c.ID, next)
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v2.ID == v1.ID || !v2.PaidMedia {
			t.Errorf("v2 %+v", v2)
		}
		old, err := campaign.TermsByID(ctx, d, f.p.BrandID, v1.ID)
		if err != nil || old.Version != 1 || old.PaidMedia || old.DurationDays != 90 {
			t.Errorf("version 1 changed: %+v %v", old, err)
		}
		cur, _ := campaign.CurrentTerms(ctx, d, f.p.BrandID, c.ID)
		hist, _ := campaign.TermsHistory(ctx, d, f.p.BrandID, c.ID)
		if cur.ID != v2.ID || len(hist) != 2 || hist[0].Version != 2 {
			t.Errorf("current %+v history %d", cur, len(hist))
		}
		bad := next
		bad.Territories = []string{"worldwide", "US"}
		if got := fields(t, mustErr(f.svc.PublishTerms(ctx, f.p, c.ID, bad))); !slices.Equal(got, []string{"territories"}) {
			t.Errorf("fields %v", got)
		}
	})
}

func mustErr[T any](_ T, err error) error { return err }

func TestDeliverableEditsAndDueDateMoves(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		c := f.create(t, full("Spring"))
		ds, _ := campaign.Deliverables(ctx, d, f.p.BrandID, c.ID)
		added, err := f.svc.AddDeliverable(ctx, f.p, c.ID, campaign.DeliverableFields{Platform: "youtube", Kind: "long_video", Quantity: 1})
		if err != nil || added.Position != 3 {
			t.Fatalf("added %+v %v", added, err)
		}
		edit := ds[1].FieldsOf()
		edit.Quantity, edit.Hashtags = 3, []string{"#sponsored"}
		got, err := f.svc.UpdateDeliverable(ctx, f.p, c.ID, ds[1].ID, edit)
		if err != nil || got.Quantity != 3 || !slices.Equal(got.Hashtags, []string{"#sponsored"}) {
			t.Fatalf("updated %+v %v", got, err)
		}
		moved, err := f.svc.SetDeliverableDue(ctx, f.p, c.ID, ds[0].ID, "2026-04-12")
		if err != nil || moved.DueOn != "2026-04-12" || moved.Kind != "reel" {
			t.Fatalf("moved %+v %v", moved, err)
		}
		if err := f.svc.RemoveDeliverable(ctx, f.p, c.ID, added.ID); err != nil {
			t.Fatal(err)
		}
		after, _ := campaign.Deliverables(ctx, d, f.p.BrandID, c.ID)
		if len(after) != 2 {
			t.Errorf("%d deliverables", len(after))
		}
		// A deliverable is found only through its own campaign.
		other := f.create(t, campaign.New{Fields: campaign.Fields{Name: "Other", Currency: "USD"}})
		if _, err := f.svc.UpdateDeliverable(ctx, f.p, other.ID, ds[0].ID, edit); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("edit through another campaign: %v", err)
		}
		set, err := f.svc.SetDeliverables(ctx, f.p, c.ID, []campaign.DeliverableFields{{Platform: "blog", Kind: "blog", Quantity: 1}})
		if err != nil || len(set) != 1 || set[0].Position != 1 {
			t.Fatalf("set %+v %v", set, err)
		}
		kpis, err := f.svc.SetKPIs(ctx, f.p, c.ID, []campaign.KPITarget{{Metric: "sales", Target: 40}})
		if err != nil || len(kpis) != 1 {
			t.Fatalf("kpis %+v %v", kpis, err)
		}
		want := []string{"create", "add_deliverable", "update_deliverable", "update_deliverable", "remove_deliverable", "create", "set_deliverables", "set_kpis"}
		if got := f.auditActions(t); !slices.Equal(got, want) {
			t.Errorf("audit %v, want %v", got, want)
		}
	})
}

func TestAnotherBrandsCampaignIsNotFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		mine := newFixture(t, d, "acme")
		theirs := newFixture(t, d, "other")
		c := theirs.create(t, full("Theirs"))
		ds, _ := campaign.Deliverables(ctx, d, theirs.p.BrandID, c.ID)
		notFound := func(what string, err error) {
			t.Helper()
			if apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("%s: %v", what, err)
			}
		}
		notFound("get", mustErr(campaign.Get(ctx, d, mine.p.BrandID, c.ID)))
		notFound("update", mustErr(mine.svc.Update(ctx, mine.p, c.ID, campaign.FieldsOf(c))))
		notFound("transition", mustErr(mine.svc.Transition(ctx, mine.p, c.ID, campaign.Recruiting)))
		notFound("delete", mine.svc.Delete(ctx, mine.p, c.ID))
		notFound("terms", mustErr(campaign.CurrentTerms(ctx, d, mine.p.BrandID, c.ID)))
		notFound("publish", mustErr(mine.svc.PublishTerms(ctx, mine.p, c.ID, campaign.TermsFields{Channels: []string{"web"}, Territories: []string{"US"}})))
		notFound("deliverable", mustErr(mine.svc.SetDeliverableDue(ctx, mine.p, c.ID, ds[0].ID, "2026-04-02")))
		notFound("kpis", mustErr(mine.svc.SetKPIs(ctx, mine.p, c.ID, nil)))
		notFound("budget", mustErr(campaign.BudgetCheck(ctx, d, mine.p.BrandID, c.ID, 100, 1, 0)))
		if list, _ := campaign.Deliverables(ctx, d, mine.p.BrandID, c.ID); len(list) != 0 {
			t.Errorf("saw %d of their deliverables", len(list))
		}
		if got, _ := campaign.Get(ctx, d, theirs.p.BrandID, c.ID); got.Status != campaign.Draft || got.Name != "Theirs" {
			t.Errorf("their campaign changed: %+v", got)
		}
	})
}

func TestOnlyDraftsAreDeleted(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		c := f.create(t, full("Spring"))
		if _, err := f.svc.Transition(ctx, f.p, c.ID, campaign.Recruiting); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Delete(ctx, f.p, c.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("deleting a recruiting campaign: %v", err)
		}
		if _, err := f.svc.Transition(ctx, f.p, c.ID, campaign.Draft); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Delete(ctx, f.p, c.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := campaign.Get(ctx, d, f.p.BrandID, c.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("still there: %v", err)
		}
		if ds, _ := campaign.Deliverables(ctx, d, f.p.BrandID, c.ID); len(ds) != 0 {
			t.Errorf("deliverables left behind")
		}
	})
}

func TestUpdateRecordsOnlyChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "acme")
		c := f.create(t, full("Spring"))
		same, err := f.svc.Update(ctx, f.p, c.ID, campaign.FieldsOf(c))
		if err != nil || same.Name != "Spring" {
			t.Fatal(same, err)
		}
		fl := campaign.FieldsOf(c)
		fl.Name, fl.OwnerUserID = "  Spring launch ", &f.p.User.ID
		got, err := f.svc.Update(ctx, f.p, c.ID, fl)
		if err != nil || got.Name != "Spring launch" || got.OwnerUserID == nil || got.OwnerName != "Casey Manager" {
			t.Fatalf("%+v %v", got, err)
		}
		if a := f.auditActions(t); !slices.Equal(a, []string{"create", "update"}) {
			t.Errorf("audit %v", a)
		}
	})
}
