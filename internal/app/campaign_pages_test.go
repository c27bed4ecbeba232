package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func campaignForm(over map[string]string) url.Values {
	v := url.Values{"name": {"Autumn trail run"}, "objective": {"Sell the jacket"}, "brief": {"## Goal\n\n<script>alert(1)</script>\n\nShow it **wet**."},
		"starts_on": {"2026-09-01"}, "ends_on": {"2026-09-30"}, "languages": {"en, es"}, "currency": {"EUR"}, "budget": {"2,000.50"},
		"expected_participants": {"5"}, "offer_product": {"Rain jacket"}, "offer_coupon_code": {"RAIN10"}, "offer_commission": {"12.5"},
		"offer_fee": {"150"}}
	for k, x := range over {
		v.Set(k, x)
	}
	return v
}

func TestCampaignPagesCreateEditAndMove(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Lumen")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)

		// Bad input comes back with messages next to the fields.
		res := cm.PostForm("/campaigns", campaignForm(map[string]string{"name": " ", "ends_on": "2026-08-01", "currency": "EURO",
			"budget": "12.345", "offer_commission": "101"}))
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d", res.Status)
		}
		for _, id := range []string{"name-error", "ends_on-error", "currency-error", "budget-error", "offer_commission-error"} {
			if !strings.Contains(res.Body, `id="`+id+`"`) {
				t.Errorf("no %s in the re-rendered form", id)
			}
		}
		if !strings.Contains(res.Body, "The end date must be on or after the start date.") || !strings.Contains(res.Body, `value="Sell the jacket"`) {
			t.Errorf("the form lost its message or its values")
		}

		res = cm.PostForm("/campaigns", campaignForm(nil))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/campaigns/"), 10, 64)
		c, err := campaign.Get(context.Background(), d, w.Brand.ID, id)
		if err != nil || c.BudgetMinor != 200050 || c.Offer.CommissionBP != 1250 || c.Offer.FeeMinor != 15000 || c.Currency != "EUR" {
			t.Fatalf("stored %+v %v", c, err)
		}

		page := cm.Get(loc)
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "<h2>Goal</h2>") || !strings.Contains(page.Body, "<strong>wet</strong>") {
			t.Fatalf("show: %d", page.Status)
		}
		if strings.Contains(page.Body, "<script>alert") {
			t.Errorf("the brief's script reached the page")
		}
		// A draft offers only recruiting (forward) and archiving.
		if !strings.Contains(page.Body, `name="status" value="recruiting"`) || !strings.Contains(page.Body, `name="status" value="archived"`) ||
			strings.Contains(page.Body, `name="status" value="active"`) {
			t.Errorf("status buttons on a draft are wrong")
		}
		// Moving to recruiting without deliverables or terms says why.
		res = cm.PostForm(loc+"/status", url.Values{"status": {"recruiting"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Add at least one deliverable before recruiting creators.") {
			t.Fatalf("early recruiting: %d", res.Status)
		}

		res = cm.PostForm(loc+"/deliverables", url.Values{"platform": {"instagram"}, "kind": {"reel"}, "quantity": {"0"}, "hashtags": {"ad"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="quantity-error"`) || !strings.Contains(res.Body, `id="hashtags-error"`) {
			t.Fatalf("bad deliverable: %d", res.Status)
		}
		res = cm.PostForm(loc+"/deliverables", url.Values{"platform": {"instagram"}, "kind": {"reel"}, "quantity": {"2"}, "due_on": {"2026-09-15"},
			"hashtags": {"#ad #rainready"}, "mentions": {"@lumen"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("add deliverable: %d %s", res.Status, res.Body)
		}
		ds, _ := campaign.Deliverables(context.Background(), d, w.Brand.ID, id)
		if len(ds) != 1 || ds[0].Quantity != 2 || len(ds[0].Hashtags) != 2 {
			t.Fatalf("deliverables %+v", ds)
		}
		edit := "/campaign-deliverables/" + strconv.FormatInt(ds[0].ID, 10)
		if res := cm.Get(edit); res.Status != http.StatusOK || !strings.Contains(res.Body, `value="#ad #rainready"`) {
			t.Fatalf("deliverable form: %d", res.Status)
		}
		if res := cm.PostForm(edit, url.Values{"platform": {"tiktok"}, "kind": {"short_video"}, "quantity": {"3"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("edit deliverable: %d", res.Status)
		}

		res = cm.PostForm(loc+"/terms", url.Values{"territories": {"US, XX"}, "duration_days": {"90"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="channels-error"`) || !strings.Contains(res.Body, `id="territories-error"`) {
			t.Fatalf("bad terms: %d", res.Status)
		}
		if res := cm.PostForm(loc+"/terms", url.Values{"channels": {"organic_social", "web"}, "territories": {"US CA"}, "duration_days": {"90"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("terms: %d", res.Status)
		}
		if res := cm.PostForm(loc+"/kpis", url.Values{"kpi_reach": {"100,000"}, "kpi_clicks": {"abc"}}); res.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.Body, `id="kpi_clicks-error"`) {
			t.Fatalf("bad kpis: %d", res.Status)
		}
		if res := cm.PostForm(loc+"/kpis", url.Values{"kpi_reach": {"100,000"}, "kpi_sales": {"50"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("kpis: %d", res.Status)
		}
		if res := cm.PostForm(loc+"/status", url.Values{"status": {"recruiting"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("recruiting: %d %s", res.Status, res.Body)
		}
		page = cm.Get(loc)
		for _, want := range []string{"Recruiting", "Version", "Short video", "100,000", `name="status" value="active"`, `name="status" value="draft"`} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("show after the changes lacks %q", want)
			}
		}
		if strings.Contains(page.Body, `/delete" data-confirm`) {
			t.Errorf("a recruiting campaign offers delete")
		}

		// The list: tabs, search, owner filter; a viewer can read it but
		// not write.
		viewer := env.SignIn(w.Users[auth.Viewer].Email)
		list := viewer.Get("/campaigns?status=recruiting&q=autumn")
		if list.Status != http.StatusOK || !strings.Contains(list.Body, "Autumn trail run") || strings.Contains(list.Body, `href="/campaigns/new"`) {
			t.Errorf("viewer's list: %d", list.Status)
		}
		if list := viewer.Get("/campaigns?status=draft"); strings.Contains(list.Body, "Autumn trail run") {
			t.Errorf("the draft tab shows a recruiting campaign")
		}
		if list := viewer.Get("/campaigns?status=nope"); list.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad status filter: %d", list.Status)
		}
		if res := viewer.PostForm(loc+"/status", url.Values{"status": {"active"}}); res.Status != http.StatusForbidden {
			t.Errorf("viewer moved a campaign: %d", res.Status)
		}
		if !strings.Contains(viewer.Get("/creators").Body, `href="/campaigns"`) {
			t.Errorf("no Campaigns link in the navigation")
		}
	})
}

func TestCampaignListPagesAndIsolation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		a := env.NewWorld("Alpha")
		b := env.NewWorld("Bravo")
		newCampaign(t, env, a)
		for range 52 {
			newCampaign(t, env, b)
		}
		cm := env.SignIn(b.Users[auth.CommunityManager].Email)
		first := cm.Get("/campaigns")
		if strings.Contains(first.Body, "Alpha") || strings.Count(first.Body, `<tr>`) != 51 { // header row + 50
			t.Fatalf("first page: %d rows, alpha %v", strings.Count(first.Body, `<tr>`), strings.Contains(first.Body, "Alpha"))
		}
		i := strings.Index(first.Body, `href="/campaigns?cursor=`)
		if i < 0 {
			t.Fatal("no link to the next page")
		}
		next := first.Body[i+len(`href="`):]
		next = strings.ReplaceAll(next[:strings.IndexByte(next, '"')], "&amp;", "&")
		second := cm.Get(next)
		if second.Status != http.StatusOK || strings.Count(second.Body, `<tr>`) != 3 {
			t.Errorf("second page: %d, %d rows", second.Status, strings.Count(second.Body, `<tr>`))
		}
	})
}

func TestCampaignTemplatePages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Lumen")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		src := newCampaign(t, env, w) // 2026-06-01..06-30, a reel due 06-15
		loc := "/campaigns/" + strconv.FormatInt(src.ID, 10)
		if res := cm.PostForm(loc+"/template", url.Values{"name": {""}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="name-error"`) {
			t.Fatalf("nameless template: %d", res.Status)
		}
		if res := cm.PostForm(loc+"/template", url.Values{"name": {"June push"}, "description": {"One reel"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("save template: %d", res.Status)
		}
		list := cm.Get("/campaign-templates")
		i := strings.Index(list.Body, `<a href="/campaign-templates/`)
		if list.Status != http.StatusOK || i < 0 || !strings.Contains(list.Body, "June push") {
			t.Fatalf("templates page: %d", list.Status)
		}
		tplPath := list.Body[i+len(`<a href="`):]
		tplPath = tplPath[:strings.IndexByte(tplPath, '"')]
		if res := cm.Get(tplPath); res.Status != http.StatusOK || !strings.Contains(res.Body, "day 14") {
			t.Fatalf("start form: %d", res.Status)
		}
		if res := cm.PostForm(tplPath+"/start", url.Values{"name": {"July push"}, "starts_on": {"July"}}); res.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.Body, `id="starts_on-error"`) {
			t.Fatalf("bad start date: %d", res.Status)
		}
		res := cm.PostForm(tplPath+"/start", url.Values{"name": {"July push"}, "starts_on": {"2026-07-01"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("start: %d %s", res.Status, res.Body)
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/campaigns/"), 10, 64)
		c, _ := campaign.Get(context.Background(), d, w.Brand.ID, id)
		ds, _ := campaign.Deliverables(context.Background(), d, w.Brand.ID, id)
		if c.Name != "July push" || c.EndsOn != "2026-07-30" || len(ds) != 1 || ds[0].DueOn != "2026-07-15" {
			t.Errorf("started %+v %+v", c, ds)
		}
		viewer := env.SignIn(w.Users[auth.Viewer].Email)
		if res := viewer.Get("/campaign-templates"); res.Status != http.StatusOK || strings.Contains(res.Body, "/delete") {
			t.Errorf("viewer's templates page: %d", res.Status)
		}
		if res := cm.PostForm(tplPath+"/delete", nil); res.Status != http.StatusSeeOther || strings.Contains(cm.Get("/campaign-templates").Body, tplPath+`"`) {
			t.Errorf("delete: %d", res.Status)
		}
	})
}

// TestCampaignAmountsInTheReadersNotation: a Spanish reader types and
// reads amounts with a decimal comma, and yen have no decimals.
func TestCampaignAmountsInTheReadersNotation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Lumen")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		if res := cm.PostForm("/lang", url.Values{"lang": {"es"}, "next": {"/campaigns"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("switch to Spanish: %d", res.Status)
		}
		res := cm.PostForm("/campaigns", campaignForm(map[string]string{"budget": "1.500,50", "offer_fee": "250,5", "offer_commission": "12,5"}))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/campaigns/"), 10, 64)
		c, err := campaign.Get(context.Background(), d, w.Brand.ID, id)
		if err != nil || c.BudgetMinor != 150050 || c.Offer.FeeMinor != 25050 || c.Offer.CommissionBP != 1250 {
			t.Fatalf("stored budget %d fee %d commission %d (%v)", c.BudgetMinor, c.Offer.FeeMinor, c.Offer.CommissionBP, err)
		}
		if form := cm.Get(loc + "/edit"); !strings.Contains(form.Body, `value="1500,50"`) || !strings.Contains(form.Body, `value="12,50"`) {
			t.Errorf("the edit form does not show the amounts in Spanish notation")
		}
		// "1,500" is 1.5 to a Spanish reader: three decimals of euros are refused, not misread as 1500.
		if res := cm.PostForm(loc, campaignForm(map[string]string{"budget": "1,500"})); res.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.Body, `id="budget-error"`) {
			t.Errorf("1,500 EUR in Spanish: %d", res.Status)
		}
		// Yen: a dot groups thousands for a Spanish reader; no decimals.
		res = cm.PostForm("/campaigns", campaignForm(map[string]string{"currency": "JPY", "budget": "150.000", "offer_fee": "20000"}))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create in yen: %d %s", res.Status, res.Body)
		}
		id, _ = strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/campaigns/"), 10, 64)
		if c, err := campaign.Get(context.Background(), d, w.Brand.ID, id); err != nil || c.BudgetMinor != 150000 || c.Offer.FeeMinor != 20000 {
			t.Fatalf("stored yen budget %d fee %d (%v)", c.BudgetMinor, c.Offer.FeeMinor, err)
		}
	})
}
