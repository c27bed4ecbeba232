package participant_test

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/participant"
)

func TestInviteMakesOffersAndEmailsInTheCreatorsLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "alpha")
		ids := f.creators(t, 2)
		noEmail, err := creator.NewService(d, f.deps.Clock).Create(ctx, f.p, creator.Fields{DisplayName: "No Mail"})
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.svc.Invite(ctx, f.p, f.campaign, []int64{ids[0], ids[1], ids[1], noEmail.ID, 999999},
			participant.OfferInput{Product: "Trail shoes", FeeMinor: 25000}, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Participants) != 2 || len(res.Skipped) != 2 {
			t.Fatalf("invited %d, skipped %+v", len(res.Participants), res.Skipped)
		}
		pt := res.Participants[0]
		if pt.Stage != "invited" || pt.OfferStatus != participant.AwaitingCreator || pt.Locale != "es" || pt.OfferID == nil {
			t.Errorf("participant %+v", pt)
		}
		o, err := participant.GetOffer(ctx, d, f.brandID, pt.ID, *pt.OfferID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Revision != 1 || o.MadeBy != participant.ByBrand || len(o.Deliverables) != 2 || o.Deliverables[1].Kind != "story" ||
			o.Deliverables[1].Quantity != 2 || o.Terms == nil || o.Terms.Version != 1 || o.Compensation.Currency != "EUR" || o.Compensation.FeeMinor != 25000 {
			t.Errorf("offer %+v", o)
		}
		// Inviting again skips those already in.
		again, err := f.svc.Invite(ctx, f.p, f.campaign, ids, participant.OfferInput{FeeMinor: 100}, false)
		if err != nil || len(again.Participants) != 0 || len(again.Skipped) != 2 || again.Skipped[0].Reason != participant.SkipAlreadyInvited {
			t.Errorf("second invite: %+v, %v", again, err)
		}
		// One email each, in the creator's language, with the portal link.
		rows, err := d.QueryContext(ctx, `SELECT to_addr, locale, subject, body FROM outbox WHERE kind = 'participants.email.invited' ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var to, locale, subject, body string
			if err := rows.Scan(&to, &locale, &subject, &body); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(body, "https://roster.test/portal?email=") || !strings.Contains(body, "Spring launch") {
				t.Errorf("email body lacks the link or campaign: %s", body)
			}
			got = append(got, to+" "+locale)
		}
		if want := []string{"c0@" + itoa(f.brandID) + ".example es", "c1@" + itoa(f.brandID) + ".example en"}; !slices.Equal(got, want) {
			t.Errorf("emails %v; want %v", got, want)
		}
		h, _ := participant.History(ctx, d, f.brandID, pt.ID, 10)
		if len(h) != 1 || h[0].From != "" || h[0].To != "invited" || h[0].Actor != "cm@alpha.test" {
			t.Errorf("history %+v", h)
		}
	})
}

func TestOfferValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "alpha")
		ids := f.creators(t, 1)
		for field, in := range map[string]participant.OfferInput{
			"fee_minor":     {},
			"commission_bp": {CommissionBP: 10001},
			"due_on":        {FeeMinor: 1, DueOn: "15/12/2026"},
			"product":       {Product: strings.Repeat("x", 201)},
		} {
			_, err := f.svc.Invite(ctx, f.p, f.campaign, ids, in, false)
			if !hasField(err, field) {
				t.Errorf("%s: err = %v", field, err)
			}
		}
		other := newFixture(t, d, "bravo")
		if _, err := f.svc.Invite(ctx, f.p, other.campaign, ids, participant.OfferInput{FeeMinor: 1}, false); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand's campaign: %v", err)
		}
	})
}

// TestBudgetWarnsBeforeGoingOver: offers are checked against the budget
// less what accepted offers spend and what open offers would spend if
// accepted, so offers sent in several rounds are checked together; a new
// offer to someone with an open one replaces it rather than adding to it.
func TestBudgetWarnsBeforeGoingOver(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "alpha") // budget 1,000.00 EUR
		ids := f.creators(t, 6)
		pts := f.invite(t, ids[:3]...) // 3 × 250.00 offered
		terms, _ := participant.TermsInForce(ctx, d, f.brandID, f.campaign)
		for _, pt := range pts[:2] { // 500.00 accepted, 250.00 still offered
			if _, err := f.svc.Accept(ctx, pt.Email, pt.ID, terms.ID, participant.Client{IP: "127.0.0.1"}); err != nil {
				t.Fatal(err)
			}
		}
		if m, _ := participant.Commitments(ctx, d, f.brandID, f.campaign, 0); m.Accepted != 50000 || m.Offered != 25000 {
			t.Errorf("commitments %+v", m)
		}
		b, _ := campaign.Spend(ctx, d, f.brandID, f.campaign)
		if b.SpentMinor != 50000 || b.OfferedMinor != 25000 || b.RemainingMinor != 25000 {
			t.Errorf("the campaign room sees %+v", b)
		}
		_, err := f.svc.Invite(ctx, f.p, f.campaign, ids[3:], participant.OfferInput{FeeMinor: 25000}, false) // 3 × 250.00 > 250.00 left
		if !hasField(err, "confirm_over_budget") {
			t.Fatalf("over budget without confirmation: %v", err)
		}
		if msg := err.(*apperr.Error).Fields[0].Message; !strings.Contains(msg, "1,500.00 EUR") || !strings.Contains(msg, "1,000.00 EUR") {
			t.Errorf("message %q", msg)
		}
		round2, err := f.svc.Invite(ctx, f.p, f.campaign, ids[3:4], participant.OfferInput{FeeMinor: 20000}, false)
		if err != nil {
			t.Fatalf("within budget: %v", err)
		}
		// 50.00 is left once the open offers count: a third round of 100.00 warns
		// although nobody accepted anything since.
		if _, err := f.svc.Invite(ctx, f.p, f.campaign, ids[4:5], participant.OfferInput{FeeMinor: 10000}, false); !hasField(err, "confirm_over_budget") {
			t.Errorf("a later round over what the open offers leave: %v", err)
		}
		// A counter-offer of 300.00 replaces its 250.00 offer: 500 + 200 + 300 fits exactly.
		if _, err := f.svc.Counter(ctx, pts[2].Email, pts[2].ID, participant.CounterInput{FeeMinor: 30000}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AcceptCounter(ctx, f.p, pts[2].ID, participant.Client{}, false); err != nil {
			t.Errorf("accepting a counter that fits the budget: %v", err)
		}
		if _, err := f.svc.Invite(ctx, f.p, f.campaign, ids[5:], participant.OfferInput{FeeMinor: 60000}, true); err != nil {
			t.Errorf("confirmed: %v", err)
		}
		// A counter-offer accepted by the team is checked the same way.
		late := round2.Participants[0]
		if _, err := f.svc.Counter(ctx, late.Email, late.ID, participant.CounterInput{FeeMinor: 50000}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AcceptCounter(ctx, f.p, late.ID, participant.Client{}, false); !hasField(err, "confirm_over_budget") {
			t.Errorf("accepting a counter over budget: %v", err)
		}
	})
}

// TestAcceptanceRecordNeverChanges proves that what an acceptance
// recorded stays as it was when, afterwards, the campaign's terms get a
// new version, its deliverables change, and other creators counter-offer
// and have their counters answered.
func TestAcceptanceRecordNeverChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "alpha")
		ids := f.creators(t, 3)
		pts := f.invite(t, ids...)
		ana, ben, cy := pts[0], pts[1], pts[2]
		terms1, _ := participant.TermsInForce(ctx, d, f.brandID, f.campaign)

		client := participant.Client{IP: "203.0.113.7", UserAgent: "Mobile Safari"}
		f.now = t0.Add(90*60*1000*1000*1000 + 123*1000*1000) // 10:30:00.123
		accepted, err := f.svc.Accept(ctx, ana.Email, ana.ID, terms1.ID, client)
		if err != nil {
			t.Fatal(err)
		}
		before, err := participant.AcceptanceOf(ctx, d, f.brandID, ana.ID)
		if err != nil || before == nil {
			t.Fatalf("acceptance: %+v %v", before, err)
		}
		if before.OfferID != *ana.OfferID || before.TermsID == nil || *before.TermsID != terms1.ID || !before.AcceptedAt.Equal(f.now) ||
			before.ClientIP != "203.0.113.7" || before.UserAgent != "Mobile Safari" || before.Offer.Compensation.FeeMinor != 25000 ||
			before.Actor != "token:creator:"+ana.Email || accepted.ID != before.ID {
			t.Errorf("acceptance recorded %+v", before)
		}
		if got, _ := participant.Get(ctx, d, f.brandID, ana.ID); got.Stage != "accepted" || got.OfferStatus != participant.Accepted {
			t.Errorf("after accepting: %+v", got)
		}

		// Then everything around it changes.
		f.now = f.now.Add(3600 * 1000 * 1000 * 1000)
		f.publishTerms(t, f.campaign, "organic_social", "paid_social")
		if _, err := campaign.NewService(d, f.deps.Clock).SetDeliverables(ctx, f.p, f.campaign, []campaign.DeliverableFields{
			{Platform: "tiktok", Kind: "short_video", Quantity: 9, Hashtags: []string{"#changed"}}}); err != nil {
			t.Fatal(err)
		}
		// Ben read version 1: accepting now is refused until he reads version 2.
		if _, err := f.svc.Accept(ctx, ben.Email, ben.ID, terms1.ID, client); err != participant.ErrTermsChanged {
			t.Errorf("accepting outdated terms: %v", err)
		}
		counter, err := f.svc.Counter(ctx, ben.Email, ben.ID, participant.CounterInput{FeeMinor: 40000, Quantities: []int{2, 3}, DueOn: "2026-12-20", Message: "Two reels"})
		if err != nil {
			t.Fatal(err)
		}
		if counter.Revision != 2 || counter.MadeBy != participant.ByCreator || counter.Terms.Version != 2 || counter.Deliverables[0].Quantity != 2 ||
			counter.Deliverables[0].Hashtags[0] != "#spring" || counter.DueOn != "2026-12-20" {
			t.Errorf("counter-offer %+v", counter)
		}
		if _, err := f.svc.AcceptCounter(ctx, f.p, ben.ID, participant.Client{IP: "198.51.100.1", UserAgent: "Firefox"}, true); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Counter(ctx, cy.Email, cy.ID, participant.CounterInput{FeeMinor: 50000}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Revise(ctx, f.p, cy.ID, participant.OfferInput{FeeMinor: 30000}, true); err != nil {
			t.Fatal(err)
		}
		// Ana's own offer can no longer be countered: it is accepted.
		if _, err := f.svc.Counter(ctx, ana.Email, ana.ID, participant.CounterInput{FeeMinor: 1}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("countering an accepted offer: %v", err)
		}

		after, err := participant.AcceptanceOf(ctx, d, f.brandID, ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before, after) {
			t.Errorf("Ana's acceptance changed:\nbefore %+v\nafter  %+v", before, after)
		}
		if after.Offer.Terms.Version != 1 || !slices.Equal(after.Offer.Terms.Channels, []string{"organic_social"}) || after.Offer.Deliverables[0].Quantity != 1 ||
			after.Offer.Deliverables[0].Hashtags[0] != "#spring" {
			t.Errorf("Ana's accepted offer shows later changes: %+v", after.Offer)
		}
		// Ben's acceptance is of his counter-offer, under version 2.
		benA, _ := participant.AcceptanceOf(ctx, d, f.brandID, ben.ID)
		if benA.OfferID != counter.ID || benA.Offer.Compensation.FeeMinor != 40000 || *benA.TermsID == terms1.ID || benA.ClientIP != "198.51.100.1" {
			t.Errorf("Ben's acceptance %+v", benA)
		}
		offers, _ := participant.Offers(ctx, d, f.brandID, cy.ID)
		if len(offers) != 3 || offers[2].MadeBy != participant.ByBrand || offers[2].Compensation.FeeMinor != 30000 || offers[2].Deliverables[0].Quantity != 9 {
			t.Errorf("Cy's offers %+v", offers)
		}
	})
}

func TestDeclineAndMoves(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, "alpha")
		pts := f.invite(t, f.creators(t, 3)...)
		if err := f.svc.Decline(ctx, pts[0].Email, pts[0].ID, "  busy   in December "); err != nil {
			t.Fatal(err)
		}
		h, _ := participant.History(ctx, d, f.brandID, pts[0].ID, 10)
		if len(h) != 2 || h[0].To != "declined" || h[0].Reason != "offer declined: busy in December" || h[0].Actor != "token:creator:"+pts[0].Email {
			t.Errorf("decline history %+v", h)
		}
		if err := f.svc.Decline(ctx, pts[0].Email, pts[0].ID, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("declining twice: %v", err)
		}
		// Someone else's participation is not found from the portal.
		if err := f.svc.Decline(ctx, pts[2].Email, pts[1].ID, ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("declining another's: %v", err)
		}
		if _, err := f.svc.Move(ctx, f.p, pts[1].ID, "product_shipped", "sent by DHL"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Move(ctx, f.p, pts[1].ID, "nowhere", ""); !hasField(err, "stage") {
			t.Errorf("unknown stage: %v", err)
		}
		n, err := f.svc.BulkMove(ctx, f.p, f.campaign, []int64{pts[1].ID, pts[2].ID, 424242}, "posted", "")
		if err != nil || n != 2 {
			t.Fatalf("bulk move %d %v", n, err)
		}
		n, err = f.svc.Remove(ctx, f.p, f.campaign, []int64{pts[2].ID}, "not a fit")
		if err != nil || n != 1 {
			t.Fatalf("remove %d %v", n, err)
		}
		got, _ := participant.Get(ctx, d, f.brandID, pts[2].ID)
		if got.Stage != "removed" || got.OfferStatus != participant.Withdrawn {
			t.Errorf("removed: %+v", got)
		}
		h, _ = participant.History(ctx, d, f.brandID, pts[1].ID, 10)
		var moves []string
		for _, e := range h {
			moves = append(moves, e.From+">"+e.To)
		}
		if want := []string{"product_shipped>posted", "invited>product_shipped", ">invited"}; !slices.Equal(moves, want) {
			t.Errorf("moves %v; want %v", moves, want)
		}
		other := newFixture(t, d, "bravo")
		if _, err := other.svc.Move(ctx, other.p, pts[1].ID, "posted", ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand's participant: %v", err)
		}
		if n, err := other.svc.BulkMove(ctx, other.p, other.campaign, []int64{pts[1].ID}, "posted", ""); err != nil || n != 0 {
			t.Errorf("another brand's bulk move: %d %v", n, err)
		}
		events, _ := audit.List(ctx, d, f.brandID, 0, 100)
		var moveEvents int
		for _, e := range events {
			if e.Entity == "participant" && e.Action == "move" {
				moveEvents++
			}
		}
		if moveEvents != 5 { // declined, shipped, 2 posted, removed
			t.Errorf("%d audited moves", moveEvents)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
