package participant

import (
	"context"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
)

// The campaign room asks this room for a campaign's spend: the fees of
// its accepted offers.
func init() { campaign.RegisterSpend(AcceptedSpend) }

// AcceptedSpend sums the flat fees of a campaign's accepted offers, in
// the campaign's minor units.
func AcceptedSpend(ctx context.Context, q db.Querier, brandID, campaignID int64) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(o.fee_minor), 0) FROM campaign_participants p
		JOIN participant_acceptances a ON a.participant_id = p.id JOIN participant_offers o ON o.id = a.offer_id
		WHERE p.brand_id = ? AND p.campaign_id = ? AND p.offer_status = 'accepted' AND o.id = p.offer_id`, brandID, campaignID).Scan(&n)
	return n, err
}

// loadCampaign reads one campaign of the brand; another brand's is
// NotFound.
func loadCampaign(ctx context.Context, q db.Querier, brandID, id int64) (*campaign.Campaign, error) {
	return campaign.Get(ctx, q, brandID, id)
}

// invitable refuses campaigns that are over: completed or archived.
func invitable(c *campaign.Campaign) error {
	if c.Status == campaign.Completed || c.Status == campaign.Archived {
		return fieldErr("campaign_id", "participants.error.campaign_closed")
	}
	return nil
}

// campaignDeliverables snapshots the campaign's deliverables in order.
func campaignDeliverables(ctx context.Context, q db.Querier, brandID, campaignID int64) ([]Deliverable, error) {
	list, err := campaign.Deliverables(ctx, q, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	out := make([]Deliverable, 0, len(list))
	for _, d := range list {
		out = append(out, Deliverable{Platform: d.Platform, Kind: d.Kind, Quantity: d.Quantity, DueOn: d.DueOn,
			Hashtags: d.Hashtags, Mentions: d.Mentions, Disclosure: d.Disclosure, Notes: d.Notes})
	}
	return out, nil
}

// currentTerms returns the campaign's terms version in force as an offer
// carries it, or nil when it has none.
func currentTerms(ctx context.Context, q db.Querier, brandID, campaignID int64) (*Terms, error) {
	t, err := campaign.CurrentTerms(ctx, q, brandID, campaignID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &Terms{ID: t.ID, Version: t.Version, Channels: t.Channels, Territories: t.Territories, DurationDays: t.DurationDays,
		PaidMedia: t.PaidMedia, ExclusivityDays: t.ExclusivityDays, Notes: t.Notes}, nil
}

// campaignChoice is a campaign in the invite form's list.
type campaignChoice struct {
	ID   int64
	Name string
}

// openCampaigns lists the brand's campaigns creators can be invited to
// (not completed or archived), newest first.
func openCampaigns(ctx context.Context, q db.Querier, brandID int64) ([]campaignChoice, error) {
	var out []campaignChoice
	for _, status := range []string{campaign.Recruiting, campaign.Active, campaign.Draft} {
		page, err := campaign.List(ctx, q, brandID, campaign.ListQuery{Status: status, Limit: 200})
		if err != nil {
			return nil, err
		}
		for _, c := range page.Items {
			out = append(out, campaignChoice{c.ID, c.Name})
		}
	}
	return out, nil
}

// overBudget is the error that asks for confirmation before offers go
// over what remains of the campaign's budget.
func overBudget(w *campaign.BudgetWarning) error {
	var f apperr.Fields
	args := []any{"budget", Money(english, w.BudgetMinor, w.Currency), "total", Money(english, w.SpentMinor+w.NeededMinor, w.Currency)}
	f.Add("confirm_over_budget", "participants.error.over_budget", english.T("participants.error.over_budget", args...), args...)
	return f.Err()
}
