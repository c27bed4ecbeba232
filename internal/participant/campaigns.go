package participant

import (
	"context"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
)

// The campaign room asks this room what a campaign's offers commit.
func init() { campaign.RegisterSpend(Commitments) }

// Commitments sums the flat fees of a campaign's latest offers that are
// accepted, and of those awaiting an answer (the creator's, or the
// team's on a counter-offer), leaving out participant except.
func Commitments(ctx context.Context, q db.Querier, brandID, campaignID, except int64) (campaign.Commitments, error) {
	var m campaign.Commitments
	err := q.QueryRowContext(ctx, `SELECT
			COALESCE(SUM(CASE WHEN p.offer_status = 'accepted' THEN o.fee_minor ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN p.offer_status IN ('awaiting_creator', 'awaiting_brand') THEN o.fee_minor ELSE 0 END), 0)
		FROM campaign_participants p JOIN participant_offers o ON o.id = p.offer_id
		WHERE p.brand_id = ? AND p.campaign_id = ? AND p.id <> ?
			AND p.offer_status IN ('accepted', 'awaiting_creator', 'awaiting_brand')`, brandID, campaignID, except).Scan(&m.Accepted, &m.Offered)
	return m, err
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
	args := []any{"budget", Money(english, w.BudgetMinor, w.Currency), "total", Money(english, w.SpentMinor+w.OfferedMinor+w.NeededMinor, w.Currency)}
	f.Add("confirm_over_budget", "participants.error.over_budget", english.T("participants.error.over_budget", args...), args...)
	return f.Err()
}
