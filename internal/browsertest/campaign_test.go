package browsertest_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// TestCampaignFromTemplateToRecruiting: a community manager starts a
// campaign from a template on a chosen day (its due dates follow), edits
// a deliverable (a bad hashtag is refused next to its field, then fixed)
// and opens recruiting with the status button.
func TestCampaignFromTemplateToRecruiting(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		b := env.Brand("Lumen & Pine Outdoor")
		u := env.User("cm@example.com", b.ID, auth.CommunityManager)
		cm := auth.NewPrincipal(auth.Principal{User: u, BrandID: b.ID, BrandName: b.Name, Role: auth.CommunityManager},
			auth.PermissionsOf(auth.CommunityManager))
		due, length := 9, 27
		svc := campaign.NewService(d, env.Now)
		tpl, err := svc.SaveTemplate(context.Background(), cm, campaign.Template{Name: "Product launch", Body: campaign.TemplateBody{
			Brief: "## Launch\n\nShow it **outdoors**.", Currency: "USD", BudgetMinor: 500000, DurationDays: &length,
			Offer:        campaign.Offer{Product: "Ridge Shell", FeeMinor: 40000},
			Deliverables: []campaign.TemplateDeliverable{{Platform: "instagram", Kind: "reel", Quantity: 1, DueDay: &due, Hashtags: []string{"#ad"}}},
			Terms:        &campaign.TermsFields{Channels: []string{"organic_social"}, Territories: []string{"US"}, DurationDays: 90},
		}})
		if err != nil {
			t.Fatal(err)
		}
		en := i18n.For("en")

		ctx := browsertest.New(t)
		signInBrowser(t, ctx, env, u.Email)
		loadAfter(t, ctx, "open campaigns", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/campaigns"]`)))
		wantPath(t, ctx, "/campaigns")
		loadAfter(t, ctx, "new campaign", chromedp.Click(chromedp.CSS(`a[href="/campaigns/new"]`)))
		loadAfter(t, ctx, "or from a template", chromedp.Click(chromedp.CSS(`main a[href="/campaign-templates"]`)))
		wantPath(t, ctx, "/campaign-templates")
		loadAfter(t, ctx, "pick the template", chromedp.Click(chromedp.CSS(`td a[href="/campaign-templates/`+itoa(tpl.ID)+`"]`)))
		browsertest.Do(t, ctx, "name it and pick the start",
			setField("name", "Ridge Shell launch"),
			setField("starts_on", "2026-05-04"),
		)
		loadAfter(t, ctx, "create the campaign", chromedp.Click(chromedp.CSS(`form[action$="/start"] button[type=submit]`)))
		path := wantPath(t, ctx, `/campaigns/\d+`)
		noFormError(t, ctx)
		wantText(t, ctx, chromedp.CSS("main .flash"), en.T("campaign.created", "name", "Ridge Shell launch"))
		wantText(t, ctx, chromedp.CSS(".brief h2"), "Launch")
		id := mustAtoi(t, strings.TrimPrefix(path, "/campaigns/"))
		ds, err := campaign.Deliverables(context.Background(), d, b.ID, id)
		if err != nil || len(ds) != 1 || ds[0].DueOn != "2026-05-13" {
			t.Fatalf("deliverables after the start: %+v %v", ds, err)
		}
		browsertest.NoConsoleErrors(t, ctx, "starting from the template")

		// Edit the deliverable: a hashtag without # is refused by its field.
		loadAfter(t, ctx, "edit the deliverable", chromedp.Click(chromedp.CSS(`a[href="/campaign-deliverables/`+itoa(ds[0].ID)+`"]`)))
		browsertest.Do(t, ctx, "change it",
			setField("quantity", "2"),
			setField("hashtags", "#ad trailready"),
			setField("mentions", "@lumenpine"),
		)
		loadAfter(t, ctx, "save with a bad hashtag", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
		wantFieldError(t, ctx, "hashtags", "hashtags", en.T("campaign.validation.hashtag", "value", `"trailready"`))
		browsertest.Screenshot(t, ctx, "campaign-deliverable-error.png")
		browsertest.Do(t, ctx, "fix the hashtag", setField("hashtags", "#ad #trailready"))
		loadAfter(t, ctx, "save the deliverable", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
		wantPath(t, ctx, path)
		wantText(t, ctx, chromedp.CSS("main .flash"), en.T("campaign.deliverable_saved"))
		got, err := campaign.GetDeliverable(context.Background(), d, b.ID, id, ds[0].ID)
		if err != nil || got.Quantity != 2 || strings.Join(got.Hashtags, " ") != "#ad #trailready" || strings.Join(got.Mentions, " ") != "@lumenpine" {
			t.Errorf("deliverable after the edit: %+v %v", got, err)
		}

		// Open recruiting: the page then offers only the moves from there.
		loadAfter(t, ctx, "start recruiting", chromedp.Click(chromedp.CSS(`form[action$="/status"] input[value="recruiting"] + button`)))
		wantPath(t, ctx, path)
		wantText(t, ctx, chromedp.CSS("main .flash"), en.T("campaign.moved", "status", en.T("campaign.status.recruiting")))
		moves := browsertest.Run(t, ctx, "read the status buttons", chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll('form[action$="/status"] input[name=status]'), e => e.value)`))
		if strings.Join(moves, ",") != "active,draft" {
			t.Errorf("a recruiting campaign offers %v, want active and draft", moves)
		}
		c, err := campaign.Get(context.Background(), d, b.ID, id)
		if err != nil || c.Status != campaign.Recruiting {
			t.Errorf("status after the button: %+v %v", c, err)
		}
		browsertest.NoConsoleErrors(t, ctx, "editing and moving the campaign")
		browsertest.Screenshot(t, ctx, "campaign-recruiting.png")
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// setField sets an input's value as typing would leave it (date inputs
// take no keystrokes through the protocol).
func setField(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const el = document.getElementById(%q); el.value = %q; el.dispatchEvent(new Event("input", {bubbles: true})); })()`, id, value))
}
