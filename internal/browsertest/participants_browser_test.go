package browsertest_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/participant"
)

// TestParticipantsJourney: the community manager ticks two creators in the
// creator list and invites them to a campaign with an offer; one accepts
// in the portal on a phone and the board shows her accepted; the other
// counter-offers, the team accepts the counter-offer and the board shows
// him accepted too.
func TestParticipantsJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		start := time.Now()
		ctx := context.Background()
		env := apptest.New(t, d)
		b, cm, fixture, camp := trailLaunch(t, env, 500000)
		svc := creator.NewService(d, env.Now)
		var ids []int64
		for _, f := range []creator.Fields{
			{DisplayName: "Ana Ridge", Email: "ana@example.com", Languages: []string{"en"}},
			{DisplayName: "Ben Canyon", Email: "ben@example.com", Languages: []string{"en"}},
		} {
			c, err := svc.Create(ctx, fixture, f)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		en := i18n.For("en")
		board := "/campaigns/" + strconv.FormatInt(camp.ID, 10) + "/participants"

		desk := browsertest.New(t)
		signInBrowser(t, desk, env, cm.Email)
		browsertest.Do(t, desk, "open the creator list and tick both",
			chromedp.Navigate(env.Server.URL+"/creators"),
			chromedp.WaitVisible(chromedp.CSS(`input[name=ids][value="`+strconv.FormatInt(ids[0], 10)+`"]`)),
			chromedp.Click(chromedp.CSS(`input[name=ids][value="`+strconv.FormatInt(ids[0], 10)+`"]`)),
			chromedp.Click(chromedp.CSS(`input[name=ids][value="`+strconv.FormatInt(ids[1], 10)+`"]`)),
		)
		loadAfter(t, desk, "add them to a campaign", chromedp.Click(chromedp.CSS(`button[formaction="/participants/invite"]`)))
		wantPath(t, desk, "/participants/invite")
		// The select submits its form on change (data-autosubmit), and
		// SetValue fires change: that load is the one to wait for. Clicking
		// the form's button as well raced two navigations.
		loadAfter(t, desk, "choose the campaign", chromedp.SetValue(chromedp.ID("pick-campaign"), strconv.FormatInt(camp.ID, 10)))
		browsertest.Do(t, desk, "wait for the offer form", chromedp.WaitVisible(chromedp.ID("fee")))
		if v := browsertest.Run(t, desk, "read the fee", chromedp.Value(chromedp.ID("fee"))); v != "250.00" {
			t.Errorf("fee prefilled %q, want the campaign's 250", v)
		}
		loadAfter(t, desk, "send the invitations", chromedp.Click(chromedp.CSS(`form[method="post"][action="/participants/invite"] button[type=submit]`)))
		// The post answers with a redirect: wait for the board itself, not
		// just any load event, before reading it.
		browsertest.WaitPath(t, desk, board)
		wantPath(t, desk, board)
		browsertest.NoConsoleErrors(t, desk, "inviting")

		pts := map[int64]participant.Participant{}
		list, err := participant.List(ctx, d, b.ID, camp.ID, "", 0, 10)
		if err != nil || len(list) != 2 {
			t.Fatalf("participants %+v %v", list, err)
		}
		for _, p := range list {
			pts[p.CreatorID] = p
		}
		ana, ben := pts[ids[0]], pts[ids[1]]
		card := func(p participant.Participant) string { return "card-" + strconv.FormatInt(p.ID, 10) }
		if col := cardColumn(t, desk, card(ana)); col != "invited" {
			t.Fatalf("Ana starts in %q", col)
		}

		phone := browsertest.New(t)
		browsertest.Do(t, phone, "become a phone", chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
		portalSignInBrowser(t, phone, env, ana.Email)
		loadAfter(t, phone, "open the offer", chromedp.Click(chromedp.CSS(`a[href="/portal/campaigns/`+strconv.FormatInt(ana.ID, 10)+`"]`)))
		fitsWidth(t, phone, "the offer")
		loadAfter(t, phone, "accept", chromedp.Click(chromedp.CSS(`form[action$="/accept"] button`)))
		wantText(t, phone, chromedp.CSS("main .flash"), en.T("participants.portal.accepted"))
		browsertest.NoConsoleErrors(t, phone, "accepting")

		benPhone := browsertest.New(t)
		browsertest.Do(t, benPhone, "become a phone", chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
		portalSignInBrowser(t, benPhone, env, ben.Email)
		loadAfter(t, benPhone, "open the offer", chromedp.Click(chromedp.CSS(`a[href="/portal/campaigns/`+strconv.FormatInt(ben.ID, 10)+`"]`)))
		browsertest.Do(t, benPhone, "open the counter-offer form",
			chromedp.Click(chromedp.CSS("details summary")),
			chromedp.WaitVisible(chromedp.ID("fee")),
			chromedp.SetValue(chromedp.ID("fee"), "350"),
			chromedp.SendKeys(chromedp.ID("message"), "Two reels for 350"),
		)
		loadAfter(t, benPhone, "send the counter-offer", chromedp.Click(chromedp.CSS(`form[action$="/counter"] button`)))
		wantText(t, benPhone, chromedp.CSS("main .flash"), en.T("participants.portal.countered"))
		browsertest.NoConsoleErrors(t, benPhone, "counter-offering")

		browsertest.Do(t, desk, "open Ben's page", chromedp.Navigate(env.Server.URL+"/participants/"+strconv.FormatInt(ben.ID, 10)),
			chromedp.WaitVisible(chromedp.CSS(`form[action$="/accept-counter"] button`)))
		loadAfter(t, desk, "accept the counter-offer", chromedp.Click(chromedp.CSS(`form[action$="/accept-counter"] button`)))
		wantText(t, desk, chromedp.CSS("main .flash"), en.T("participants.counter_accepted", "name", ben.CreatorName))
		browsertest.Do(t, desk, "open the board", chromedp.Navigate(env.Server.URL+board), chromedp.WaitVisible(chromedp.ID(card(ana))))
		for _, p := range []participant.Participant{ana, ben} {
			if col := cardColumn(t, desk, card(p)); col != "accepted" {
				t.Errorf("%s is in %q, want accepted", p.CreatorName, col)
			}
		}
		browsertest.NoConsoleErrors(t, desk, "the board after the answers")
		browsertest.Screenshot(t, desk, "participants-board.png")
		a, _ := participant.AcceptanceOf(ctx, d, b.ID, ben.ID)
		if a == nil || a.Offer.Compensation.FeeMinor != 35000 || a.Actor != cm.Email {
			t.Errorf("Ben's acceptance %+v", a)
		}
		t.Logf("participants journey took %s", time.Since(start).Round(time.Millisecond))
	})
}

// trailLaunch makes a brand with a community manager (also returned as
// a principal) and a draft campaign "Trail launch" with a 250 USD default
// fee, a reel to deliver, terms in force and budgetMinor.
func trailLaunch(t *testing.T, env *apptest.Env, budgetMinor int64) (*brand.Brand, *auth.User, *auth.Principal, *campaign.Campaign) {
	t.Helper()
	b := env.Brand("Lumen & Pine Outdoor")
	cm := env.User("cm@example.com", b.ID, auth.CommunityManager)
	fixture := auth.NewPrincipal(auth.Principal{User: cm, BrandID: b.ID, BrandName: b.Name}, auth.PermissionsOf(auth.CommunityManager))
	camp, err := campaign.NewService(env.DB, env.Now).Create(context.Background(), fixture, campaign.New{
		Fields: campaign.Fields{Name: "Trail launch", StartsOn: "2026-12-01", EndsOn: "2026-12-31", Languages: []string{"en"},
			Currency: "USD", BudgetMinor: budgetMinor, Offer: campaign.Offer{Product: "Trail shoe", FeeMinor: 25000}},
		Deliverables: []campaign.DeliverableFields{{Platform: "instagram", Kind: "reel", Quantity: 1, DueOn: "2026-12-10"}},
		Terms:        &campaign.TermsFields{Channels: []string{"organic_social"}, Territories: []string{"US"}, DurationDays: 90},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b, cm, fixture, camp
}
