package browsertest_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/participant"
)

// TestSavedFilterToCampaignInvite: on a phone, the community manager
// filters the creator list, saves the filters under a name from the
// keyboard and sees the list mark the saved filter; a creator who matches
// is added afterwards; one click on the saved filter shows her too; the
// campaign invitation form takes the saved filter from its select and
// invites exactly the creators who match it then.
func TestSavedFilterToCampaignInvite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		start := time.Now()
		ctx := context.Background()
		env := apptest.New(t, d)
		b, cm, fixture, camp := trailLaunch(t, env, 0)
		svc := creator.NewService(d, env.Now)
		ids := map[string]int64{}
		add := func(name, country string, tags ...string) {
			env.Advance(time.Second)
			c, err := svc.Create(ctx, fixture, creator.Fields{DisplayName: name, Email: name[:3] + "@example.com", Country: country,
				Languages: []string{"en"}, Tags: tags})
			if err != nil {
				t.Fatal(err)
			}
			ids[name] = c.ID
		}
		add("Ana Ridge", "US", "trail")
		add("Ben Canyon", "US", "trail")
		add("Cleo Coast", "DE", "trail")
		add("Dan Dune", "US")
		en := i18n.For("en")

		phone := browsertest.New(t)
		browsertest.Do(t, phone, "become a phone", chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
		signInBrowser(t, phone, env, cm.Email)
		browsertest.Do(t, phone, "open the creator list and choose the filters",
			chromedp.Navigate(env.Server.URL+"/creators"),
			chromedp.WaitVisible(chromedp.ID("f-tag")),
			chromedp.SetValue(chromedp.ID("f-tag"), "trail"),
			chromedp.SetValue(chromedp.ID("f-country"), "US"),
		)
		loadAfter(t, phone, "filter", chromedp.Click(chromedp.CSS(`form[role=search] button[type=submit]`)))
		if got := listedNames(t, phone); !sameNames(got, "Ana Ridge", "Ben Canyon") {
			t.Fatalf("the filtered list shows %v", got)
		}
		fitsWidth(t, phone, "the filtered creator list")
		browsertest.Do(t, phone, "name the filters", chromedp.Focus(chromedp.ID("filter-name")), chromedp.SendKeys(chromedp.ID("filter-name"), "US trail"))
		loadAfter(t, phone, "save them with Enter", chromedp.KeyEvent(kb.Enter))
		wantText(t, phone, chromedp.CSS("main .flash"), en.T("saved_filters.saved", "name", "US trail"))
		wantText(t, phone, chromedp.CSS(`nav.saved-filters a[aria-current="true"]`), "US trail")
		fitsWidth(t, phone, "the creator list with its saved filters")
		browsertest.Screenshot(t, phone, "saved-filter-list.png")
		filters, err := creator.SavedFilters(ctx, d, b.ID)
		if err != nil || len(filters) != 1 || filters[0].Query != "country=US&tag=trail" {
			t.Fatalf("saved filters %+v %v", filters, err)
		}
		filterID := strconv.FormatInt(filters[0].ID, 10)

		add("Eve Ember", "US", "trail") // matches, after the filter was saved
		browsertest.Do(t, phone, "open the whole list", chromedp.Navigate(env.Server.URL+"/creators"), chromedp.WaitVisible(chromedp.CSS("nav.saved-filters")))
		loadAfter(t, phone, "apply the saved filter with one click", chromedp.Click(chromedp.CSS(`nav.saved-filters a[href^="/creators?"]`)))
		if got := listedNames(t, phone); !sameNames(got, "Ana Ridge", "Ben Canyon", "Eve Ember") {
			t.Errorf("the saved filter shows %v", got)
		}
		browsertest.Do(t, phone, "open the saved filters", chromedp.Navigate(env.Server.URL+"/saved-filters"), chromedp.WaitVisible(chromedp.ID("rename-"+filterID)))
		fitsWidth(t, phone, "the saved filters page")
		browsertest.Screenshot(t, phone, "saved-filters.png")
		browsertest.NoConsoleErrors(t, phone, "saving and applying a filter")

		browsertest.Do(t, phone, "open the campaign invitation form", chromedp.Navigate(env.Server.URL+"/participants/invite"), chromedp.WaitVisible(chromedp.ID("pick-filter")))
		loadAfter(t, phone, "pick the saved filter", chromedp.SetValue(chromedp.ID("pick-filter"), filterID))
		loadAfter(t, phone, "choose the campaign", chromedp.SetValue(chromedp.ID("pick-campaign"), strconv.FormatInt(camp.ID, 10)))
		if q := query(t, phone); q.Get("filter") != filterID || q.Get("campaign_id") != strconv.FormatInt(camp.ID, 10) {
			t.Fatalf("the form is at %v, want the filter and the campaign", q)
		}
		browsertest.Do(t, phone, "wait for the offer form", chromedp.WaitVisible(chromedp.ID("fee")))
		browsertest.Screenshot(t, phone, "saved-filter-invite.png")
		loadAfter(t, phone, "send the invitations", chromedp.Click(chromedp.CSS(`form[method="post"][action="/participants/invite"] button[type=submit]`)))
		board := "/campaigns/" + strconv.FormatInt(camp.ID, 10) + "/participants"
		browsertest.WaitPath(t, phone, board)
		browsertest.NoConsoleErrors(t, phone, "inviting from the saved filter")

		list, err := participant.List(ctx, d, b.ID, camp.ID, "", 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, p := range list {
			got = append(got, p.CreatorID)
		}
		want := []int64{ids["Ana Ridge"], ids["Ben Canyon"], ids["Eve Ember"]}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("invited creators %v; want Ana, Ben and Eve %v", got, want)
		}
		t.Logf("saved filter journey took %s", time.Since(start).Round(time.Millisecond))
	})
}

// sameNames reports whether the list shows exactly names, in any order.
func sameNames(got []string, names ...string) bool {
	return slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(names)))
}
