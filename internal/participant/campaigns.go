package participant

import (
	"context"
	"database/sql"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// campaignInfo is what this room needs to know of a campaign.
type campaignInfo struct {
	ID                     int64
	Name, Status, Currency string
	BudgetMinor            int64
	Product, CouponCode    string
	CommissionBP           int
	FeeMinor               int64
	StartsOn, EndsOn       string
}

// loadCampaign reads one campaign of the brand; another brand's is
// NotFound.
func loadCampaign(ctx context.Context, q db.Querier, brandID, id int64) (*campaignInfo, error) {
	var c campaignInfo
	var starts, ends sql.NullString
	err := q.QueryRowContext(ctx, `SELECT id, name, status, currency, budget_minor, offer_product, offer_coupon_code,
		offer_commission_bp, offer_fee_minor, starts_on, ends_on FROM campaigns WHERE brand_id = ? AND id = ?`, brandID, id).
		Scan(&c.ID, &c.Name, &c.Status, &c.Currency, &c.BudgetMinor, &c.Product, &c.CouponCode, &c.CommissionBP, &c.FeeMinor, &starts, &ends)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "campaign not found")
	}
	c.StartsOn, c.EndsOn = starts.String, ends.String
	return &c, err
}

// campaignDeliverables snapshots the campaign's deliverables in order.
func campaignDeliverables(ctx context.Context, q db.Querier, brandID, campaignID int64) ([]Deliverable, error) {
	rows, err := q.QueryContext(ctx, `SELECT platform, kind, quantity, due_on, hashtags, mentions, disclosure, notes
		FROM campaign_deliverables WHERE brand_id = ? AND campaign_id = ? ORDER BY position, id`, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Deliverable{}
	for rows.Next() {
		var d Deliverable
		var due sql.NullString
		if err := rows.Scan(&d.Platform, &d.Kind, &d.Quantity, &due, &d.Hashtags, &d.Mentions, &d.Disclosure, &d.Notes); err != nil {
			return nil, err
		}
		d.DueOn = due.String
		out = append(out, d)
	}
	return out, rows.Err()
}

// currentTerms returns the campaign's terms version in force (the
// highest), or nil when it has none.
func currentTerms(ctx context.Context, q db.Querier, brandID, campaignID int64) (*Terms, error) {
	var t Terms
	err := q.QueryRowContext(ctx, `SELECT id, version, channels, territories, duration_days, paid_media, exclusivity_days, notes
		FROM campaign_terms WHERE brand_id = ? AND campaign_id = ? ORDER BY version DESC LIMIT 1`, brandID, campaignID).
		Scan(&t.ID, &t.Version, &t.Channels, &t.Territories, &t.DurationDays, &t.PaidMedia, &t.ExclusivityDays, &t.Notes)
	if db.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// campaignChoice is a campaign in the invite form's list.
type campaignChoice struct {
	ID   int64
	Name string
}

// openCampaigns lists the brand's campaigns creators can be invited to
// (not completed or archived), newest first.
func openCampaigns(ctx context.Context, q db.Querier, brandID int64) ([]campaignChoice, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM campaigns WHERE brand_id = ? AND status IN ('draft', 'recruiting', 'active')
		ORDER BY id DESC LIMIT 500`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []campaignChoice
	for rows.Next() {
		var c campaignChoice
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// committedMinor sums the fees of the campaign's live offers (awaiting an
// answer or accepted): what the budget is already promised to.
func committedMinor(ctx context.Context, q db.Querier, brandID, campaignID int64) (int64, error) {
	var n sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT SUM(o.fee_minor) FROM campaign_participants p JOIN participant_offers o ON o.id = p.offer_id
		WHERE p.brand_id = ? AND p.campaign_id = ? AND p.offer_status IN ('awaiting_creator', 'awaiting_brand', 'accepted')`,
		brandID, campaignID).Scan(&n)
	return n.Int64, err
}
