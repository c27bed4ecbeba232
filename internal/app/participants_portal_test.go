package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/participant"
)

// TestParticipantPortalLoop: creators invited to a campaign accept,
// counter-offer and decline in the portal; the team accepts the
// counter-offer; the board shows each in the right stage.
func TestParticipantPortalLoop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		campaignID := newOfferCampaign(t, env, w, 0)
		ids := newCreators(t, env, w, 3, "en")
		res, err := participant.NewService(env.Deps).Invite(ctx, staff(env, w), campaignID, ids, participant.OfferInput{Product: "Shoe", FeeMinor: 20000}, false)
		if err != nil {
			t.Fatal(err)
		}
		pts := map[int64]participant.Participant{}
		for _, p := range res.Participants {
			pts[p.CreatorID] = p
		}
		ana, ben, cy := pts[ids[0]], pts[ids[1]], pts[ids[2]]
		page := func(p participant.Participant) string { return "/portal/campaigns/" + itoa64(p.ID) }

		// Ana reads the offer from her portal home and accepts it.
		anaC := portalSignIn(t, env, ana.Email)
		if r := anaC.Get("/portal/home"); r.Status != http.StatusOK || !strings.Contains(r.Body, page(ana)) {
			t.Fatalf("portal home: %d %s", r.Status, r.Body)
		}
		r := anaC.Get(page(ana))
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "200.00 USD") || !strings.Contains(r.Body, "organic_social") {
			t.Fatalf("offer page: %d %s", r.Status, r.Body)
		}
		// From the offer, Ana can ask the brand about this campaign.
		ask := `href="/portal/messages/new?brand=` + itoa64(w.Brand.ID) + `&amp;campaign=` + itoa64(campaignID) + `"`
		if !strings.Contains(r.Body, ask) {
			t.Errorf("the offer page has no link to ask about the campaign (%s)", ask)
		}
		if r := anaC.Get("/portal/messages/new?brand=" + itoa64(w.Brand.ID) + "&campaign=" + itoa64(campaignID)); r.Status != http.StatusOK ||
			!strings.Contains(r.Body, `<option value="`+itoa64(campaignID)+`" selected>`) {
			t.Errorf("the link's form does not start about the campaign: %d %s", r.Status, r.Body)
		}
		terms, _ := campaign.CurrentTerms(ctx, d, w.Brand.ID, campaignID)
		// Someone else's offer is not found, even signed in.
		if r := anaC.Get(page(ben)); r.Status != http.StatusNotFound {
			t.Errorf("another creator's offer: %d", r.Status)
		}
		if r := anaC.PostForm(page(ben)+"/accept", url.Values{"terms_id": {itoa64(terms.ID)}}); r.Status != http.StatusNotFound {
			t.Errorf("accepting another creator's offer: %d", r.Status)
		}
		if r := anaC.PostForm(page(ana)+"/accept", url.Values{"terms_id": {itoa64(terms.ID)}}); r.Status != http.StatusSeeOther {
			t.Fatalf("accept: %d %s", r.Status, r.Body)
		}
		a, _ := participant.AcceptanceOf(ctx, d, w.Brand.ID, ana.ID)
		if a == nil || a.TermsID == nil || *a.TermsID != terms.ID || a.ClientIP != "127.0.0.1" || a.UserAgent == "" || !a.AcceptedAt.Equal(env.Now().Truncate(time.Millisecond)) {
			t.Errorf("acceptance %+v", a)
		}
		if r := anaC.Get(page(ana)); !strings.Contains(r.Body, "exactly as you accepted it") {
			t.Errorf("accepted offer page: %s", r.Body)
		}

		// Ben counter-offers; the terms change meanwhile; the team accepts.
		benC := portalSignIn(t, env, ben.Email)
		if r := benC.PostForm(page(ben)+"/counter", url.Values{"fee": {"3.5.0"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad fee is refused by the field: %d", r.Status)
		}
		if r := benC.PostForm(page(ben)+"/counter", url.Values{"fee": {"350"}, "quantity_0": {"2"}, "message": {"Two reels"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("counter: %d %s", r.Status, r.Body)
		}
		detail := cm.Get("/participants/" + itoa64(ben.ID))
		if !strings.Contains(detail.Body, "Accept the counter-offer") || !strings.Contains(detail.Body, "350.00 USD") || !strings.Contains(detail.Body, "Two reels") {
			t.Fatalf("team's view of the counter-offer: %s", detail.Body)
		}
		if r := cm.PostForm("/participants/"+itoa64(ben.ID)+"/accept-counter", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("accept counter: %d %s", r.Status, r.Body)
		}
		if subject, _, _, _ := lastEmail(t, d, ben.Email); !strings.Contains(subject, "accepted your counter-offer") {
			t.Errorf("Ben's email: %q", subject)
		}

		// Cy declines after a terms change: the old version is refused first.
		if _, err := campaign.NewService(d, env.Now).PublishTerms(ctx, staff(env, w), campaignID,
			campaign.TermsFields{Channels: []string{"organic_social", "paid_social"}, Territories: []string{"US"}, DurationDays: 60}); err != nil {
			t.Fatal(err)
		}
		cyC := portalSignIn(t, env, cy.Email)
		if r := cyC.PostForm(page(cy)+"/accept", url.Values{"terms_id": {itoa64(terms.ID)}}); r.Status != http.StatusSeeOther {
			t.Errorf("accept outdated: %d", r.Status)
		}
		if r := cyC.Get(page(cy)); !strings.Contains(r.Body, "paid_social") || !strings.Contains(r.Body, "updated the usage-rights terms") {
			t.Errorf("new terms not shown: %s", r.Body)
		}
		if r := cyC.PostForm(page(cy)+"/decline", url.Values{"reason": {"Busy"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("decline: %d", r.Status)
		}

		now := participantsOf(t, d, campaignID)
		if now[ids[0]].Stage != "accepted" || now[ids[1]].Stage != "accepted" || now[ids[2]].Stage != "declined" {
			t.Errorf("stages: %s %s %s", now[ids[0]].Stage, now[ids[1]].Stage, now[ids[2]].Stage)
		}
		board := cm.Get("/campaigns/" + itoa64(campaignID) + "/participants")
		accepted := board.Body[strings.Index(board.Body, `id="col-accepted"`):strings.Index(board.Body, `id="col-product_shipped"`)]
		if !strings.Contains(accepted, `id="card-`+itoa64(ana.ID)+`"`) || !strings.Contains(accepted, `id="card-`+itoa64(ben.ID)+`"`) {
			t.Errorf("accepted column: %s", accepted)
		}
		// Ana's record still shows what she accepted: the first terms, 200.00.
		if a2, _ := participant.AcceptanceOf(ctx, d, w.Brand.ID, ana.ID); a2.Offer.Terms.Version != 1 || a2.Offer.Compensation.FeeMinor != 20000 {
			t.Errorf("Ana's acceptance changed: %+v", a2)
		}
		// Signed out, the offer page asks to sign in.
		if r := env.Anonymous().Get(page(ana)); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/portal?next=") {
			t.Errorf("signed out: %d %s", r.Status, r.Header.Get("Location"))
		}
	})
}
