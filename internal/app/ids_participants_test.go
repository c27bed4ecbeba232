package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/participant"
)

// Campaign participants, for the tenant, role and scope walks: routes
// under a campaign get a fresh campaign with one participant in it;
// routes of a participant get a fresh participant. The portal's routes
// name their id {participant}: they answer to the creator's own portal
// session, and participants_portal_test.go tests them.
func init() {
	withParticipant := func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		id, _ := newParticipant(t, env, w)
		return id
	}
	inCampaign := func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		_, campaignID := newParticipant(t, env, w)
		return campaignID
	}
	idMakers["/campaigns/{id}/participants"] = inCampaign
	idMakers["/api/v1/campaigns/{id}/participants"] = inCampaign
	idMakers["/participants/"] = withParticipant
	idMakers["/api/v1/participants/"] = withParticipant
}

// newOfferCampaign makes a campaign of world w with a deliverable and terms.
func newOfferCampaign(t *testing.T, env *apptest.Env, w *apptest.World, budgetMinor int64) int64 {
	t.Helper()
	env.Advance(1)
	c, err := campaign.NewService(env.DB, env.Now).Create(context.Background(), staff(env, w), campaign.New{
		Fields: campaign.Fields{Name: fmt.Sprintf("Campaign %d", env.Now().UnixNano()), StartsOn: "2026-12-01", EndsOn: "2026-12-31",
			Languages: []string{"en"}, Currency: "USD", BudgetMinor: budgetMinor,
			Offer: campaign.Offer{Product: "Trail shoe", FeeMinor: 20000}},
		Deliverables: []campaign.DeliverableFields{{Platform: "instagram", Kind: "reel", Quantity: 1, DueOn: "2026-12-10", Hashtags: []string{"#ad"}}},
		Terms:        &campaign.TermsFields{Channels: []string{"organic_social"}, Territories: []string{"US"}, DurationDays: 30},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// newParticipant invites a fresh creator of world w to a fresh campaign
// and returns the participant's and the campaign's ids.
func newParticipant(t *testing.T, env *apptest.Env, w *apptest.World) (int64, int64) {
	t.Helper()
	campaignID := newOfferCampaign(t, env, w, 0)
	c, err := creator.NewService(env.DB, env.Now).Create(context.Background(), staff(env, w), creator.Fields{
		DisplayName: fmt.Sprintf("Participant %d", env.Now().UnixNano()), Email: fmt.Sprintf("p%d@example.test", env.Now().UnixNano())})
	if err != nil {
		t.Fatal(err)
	}
	res, err := participant.NewService(env.Deps).Invite(context.Background(), staff(env, w), campaignID, []int64{c.ID},
		participant.OfferInput{FeeMinor: 15000}, false)
	if err != nil || len(res.Participants) != 1 {
		t.Fatalf("invite: %+v %v", res, err)
	}
	return res.Participants[0].ID, campaignID
}
