package browsertest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// TestSuggestionsDismissAndAdd: a brand whose active creators share a
// niche and a country sees two look-alikes from another brand suggested,
// each with its reasons; dismissing one removes it for good, adding the
// other makes it a prospect of the brand and takes it off the list.
func TestSuggestionsDismissAndAdd(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		start := time.Now()
		env := apptest.New(t, d)
		home, other := env.Brand("Lumen & Pine Outdoor"), env.Brand("Other Outfitters")
		cm := env.User("cm@example.com", home.ID, auth.CommunityManager)
		svc := creator.NewService(d, env.Now)
		add := func(brandID int64, handle, stage string) {
			t.Helper()
			p := auth.NewPrincipal(auth.Principal{BrandID: brandID, TokenName: "fixture"}, nil)
			if _, err := svc.Create(context.Background(), p, creator.Fields{DisplayName: "Name of " + handle, Stage: stage,
				Country: "US", Languages: []string{"en"}, Tags: []string{"yoga"},
				SocialAccounts: []creator.SocialAccountInput{{Platform: "instagram", Handle: handle, Followers: 40_000, EngagementRate: 3.5}},
			}); err != nil {
				t.Fatalf("create %s: %v", handle, err)
			}
		}
		add(home.ID, "homeyogi", "active")
		add(home.ID, "homeflow", "approved")
		const dismissed, added = "trailyogi", "sunsalute"
		add(other.ID, dismissed, "active")
		add(other.ID, added, "active")

		en := i18n.For("en")
		ctx := browsertest.New(t)
		signInBrowser(t, ctx, env, cm.Email)
		loadAfter(t, ctx, "open Suggestions", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/suggestions"]`)))
		wantPath(t, ctx, "/suggestions")
		if got := suggestedHandles(t, ctx); fmt.Sprint(got) != fmt.Sprint([]string{added, dismissed}) && fmt.Sprint(got) != fmt.Sprint([]string{dismissed, added}) {
			t.Fatalf("suggested %q, want %s and %s", got, dismissed, added)
		}
		reasons := browsertest.Run(t, ctx, "read the reasons", chromedp.Evaluate[string](
			`document.querySelector("tbody tr ul.reasons").innerText`))
		if !strings.Contains(reasons, "yoga") || !strings.Contains(reasons, "US") {
			t.Errorf("reasons %q, want the shared niche (yoga) and country (US)", reasons)
		}
		browsertest.Screenshot(t, ctx, "suggestions.png")
		browsertest.NoConsoleErrors(t, ctx, "opening the suggestions")

		loadAfter(t, ctx, "dismiss "+dismissed, chromedp.Click(rowButton(dismissed, "dismiss")))
		wantPath(t, ctx, "/suggestions")
		wantText(t, ctx, chromedp.CSS("main .flash"), en.T("talentspider.dismissed", "handle", dismissed))
		if got := suggestedHandles(t, ctx); fmt.Sprint(got) != fmt.Sprint([]string{added}) {
			t.Errorf("after dismissing %s, suggested %q", dismissed, got)
		}
		loadAfter(t, ctx, "reload", chromedp.Reload())
		if got := suggestedHandles(t, ctx); fmt.Sprint(got) != fmt.Sprint([]string{added}) {
			t.Errorf("after a reload, suggested %q, want only %s", got, added)
		}

		loadAfter(t, ctx, "add "+added, chromedp.Click(rowButton(added, "add")))
		wantPath(t, ctx, "/suggestions")
		wantText(t, ctx, chromedp.CSS("main .flash"), en.T("talentspider.added", "handle", added))
		if got := suggestedHandles(t, ctx); len(got) != 0 {
			t.Errorf("after adding %s, suggested %q, want none", added, got)
		}
		var stage string
		if err := d.QueryRowContext(context.Background(), `SELECT c.stage FROM creators c JOIN social_accounts a ON a.creator_id = c.id
			WHERE c.brand_id = ? AND a.handle = ?`, home.ID, added).Scan(&stage); err != nil {
			t.Fatalf("find %s in the brand: %v", added, err)
		}
		if stage != "prospect" {
			t.Errorf("%s was added in stage %q, want prospect", added, stage)
		}
		browsertest.NoConsoleErrors(t, ctx, "dismissing and adding")
		t.Logf("suggestions test took %s", time.Since(start).Round(time.Millisecond))
	})
}

// suggestedHandles lists the handles of the suggestions on the page.
func suggestedHandles(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return browsertest.Run(t, ctx, "list the suggestions", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("tbody tr form[action$='/dismiss']"), f => f.closest("tr").querySelector("td").innerText.match(/@(\S+)/)[1])`))
}

// rowButton selects the submit button of the action (add or dismiss) of
// the suggestion of handle.
func rowButton(handle, action string) chromedp.Search {
	return chromedp.Search(fmt.Sprintf(`//tbody/tr[td[1][contains(., %q)]]//form[contains(@action, "/%s")]//button[@type="submit"]`, "@"+handle, action))
}
