package campaign

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

var errDeliverableNotFound = apperr.New(apperr.NotFound, "deliverable not found")

const selectDeliverable = `SELECT id, campaign_id, position, platform, kind, quantity, due_on, hashtags, mentions, disclosure, notes
	FROM campaign_deliverables `

func scanDeliverable(row interface{ Scan(...any) error }) (*Deliverable, error) {
	var d Deliverable
	var due sql.NullString
	var hashtags, mentions string
	err := row.Scan(&d.ID, &d.CampaignID, &d.Position, &d.Platform, &d.Kind, &d.Quantity, &due, &hashtags, &mentions, &d.Disclosure, &d.Notes)
	if db.IsNoRows(err) {
		return nil, errDeliverableNotFound
	}
	if err != nil {
		return nil, err
	}
	d.DueOn = due.String
	d.Hashtags, d.Mentions = splitList(hashtags, " "), splitList(mentions, " ")
	return &d, nil
}

// Deliverables returns a campaign's deliverables in order. A campaign of
// another brand has none.
func Deliverables(ctx context.Context, q db.Querier, brandID, campaignID int64) ([]Deliverable, error) {
	rows, err := q.QueryContext(ctx, selectDeliverable+`WHERE brand_id = ? AND campaign_id = ? ORDER BY position, id`, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Deliverable{}
	for rows.Next() {
		d, err := scanDeliverable(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, rows.Err()
}

// GetDeliverable returns one deliverable of one of the brand's campaigns.
func GetDeliverable(ctx context.Context, q db.Querier, brandID, campaignID, id int64) (*Deliverable, error) {
	return scanDeliverable(q.QueryRowContext(ctx, selectDeliverable+`WHERE brand_id = ? AND campaign_id = ? AND id = ?`, brandID, campaignID, id))
}

// DeliverableByID returns one of the brand's deliverables by its id
// alone, whatever its campaign.
func DeliverableByID(ctx context.Context, q db.Querier, brandID, id int64) (*Deliverable, error) {
	return scanDeliverable(q.QueryRowContext(ctx, selectDeliverable+`WHERE brand_id = ? AND id = ?`, brandID, id))
}

func insertDeliverable(ctx context.Context, tx *db.Tx, brandID, campaignID int64, position int, d DeliverableFields, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO campaign_deliverables (brand_id, campaign_id, position, platform, kind, quantity, due_on,
		hashtags, mentions, disclosure, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, campaignID, position, d.Platform, d.Kind, d.Quantity, nullDate(d.DueOn), strings.Join(d.Hashtags, " "),
		strings.Join(d.Mentions, " "), d.Disclosure, d.Notes, now.UnixMilli(), now.UnixMilli()).Scan(&id)
	return id, err
}

func updateDeliverable(ctx context.Context, tx *db.Tx, brandID, id int64, d DeliverableFields, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE campaign_deliverables SET platform = ?, kind = ?, quantity = ?, due_on = ?, hashtags = ?,
		mentions = ?, disclosure = ?, notes = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
		d.Platform, d.Kind, d.Quantity, nullDate(d.DueOn), strings.Join(d.Hashtags, " "), strings.Join(d.Mentions, " "),
		d.Disclosure, d.Notes, now.UnixMilli(), brandID, id)
	return err
}

func deleteDeliverables(ctx context.Context, tx *db.Tx, brandID, campaignID int64, id int64) error {
	query, args := `DELETE FROM campaign_deliverables WHERE brand_id = ? AND campaign_id = ?`, []any{brandID, campaignID}
	if id != 0 {
		query, args = query+` AND id = ?`, append(args, id)
	}
	_, err := tx.ExecContext(ctx, query, args...)
	return err
}

func nextPosition(ctx context.Context, tx *db.Tx, brandID, campaignID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM campaign_deliverables WHERE brand_id = ? AND campaign_id = ?`,
		brandID, campaignID).Scan(&n)
	return n, err
}

// KPIs returns a campaign's KPI targets in KPIMetrics order.
func KPIs(ctx context.Context, q db.Querier, brandID, campaignID int64) ([]KPITarget, error) {
	rows, err := q.QueryContext(ctx, `SELECT metric, target FROM campaign_kpi_targets WHERE brand_id = ? AND campaign_id = ?`, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []KPITarget{}
	for rows.Next() {
		var k KPITarget
		if err := rows.Scan(&k.Metric, &k.Target); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sorted, _ := ValidateKPIs(out)
	return sorted, nil
}

func replaceKPIs(ctx context.Context, tx *db.Tx, brandID, campaignID int64, list []KPITarget) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_kpi_targets WHERE brand_id = ? AND campaign_id = ?`, brandID, campaignID); err != nil {
		return err
	}
	for _, k := range list {
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_kpi_targets (campaign_id, brand_id, metric, target) VALUES (?, ?, ?, ?)`,
			campaignID, brandID, k.Metric, k.Target); err != nil {
			return err
		}
	}
	return nil
}

var errNoTerms = apperr.New(apperr.NotFound, "this campaign has no terms yet")

const selectTerms = `SELECT id, campaign_id, version, channels, territories, duration_days, paid_media, exclusivity_days, notes, created_by, created_at
	FROM campaign_terms `

func scanTerms(row interface{ Scan(...any) error }) (*Terms, error) {
	var t Terms
	var channels, territories string
	var by sql.NullInt64
	var created int64
	err := row.Scan(&t.ID, &t.CampaignID, &t.Version, &channels, &territories, &t.DurationDays, &t.PaidMedia, &t.ExclusivityDays, &t.Notes, &by, &created)
	if db.IsNoRows(err) {
		return nil, errNoTerms
	}
	if err != nil {
		return nil, err
	}
	t.Channels, t.Territories = splitList(channels, ","), splitList(territories, ",")
	if by.Valid {
		t.CreatedBy = &by.Int64
	}
	t.CreatedAt = ms(created)
	return &t, nil
}

// CurrentTerms returns the terms version in force (the highest), or
// NotFound when none was published.
func CurrentTerms(ctx context.Context, q db.Querier, brandID, campaignID int64) (*Terms, error) {
	return scanTerms(q.QueryRowContext(ctx, selectTerms+`WHERE brand_id = ? AND campaign_id = ? ORDER BY version DESC LIMIT 1`, brandID, campaignID))
}

// TermsByID returns one terms version by its row id, as acceptances
// record it; a version of another brand is NotFound.
func TermsByID(ctx context.Context, q db.Querier, brandID, id int64) (*Terms, error) {
	return scanTerms(q.QueryRowContext(ctx, selectTerms+`WHERE brand_id = ? AND id = ?`, brandID, id))
}

// TermsHistory returns every terms version of a campaign, newest first.
func TermsHistory(ctx context.Context, q db.Querier, brandID, campaignID int64) ([]Terms, error) {
	rows, err := q.QueryContext(ctx, selectTerms+`WHERE brand_id = ? AND campaign_id = ? ORDER BY version DESC`, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Terms{}
	for rows.Next() {
		t, err := scanTerms(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// insertTerms writes the next version. The caller holds the campaign's
// row (lockCampaign), and UNIQUE (campaign_id, version) refuses a race
// that slipped through.
func insertTerms(ctx context.Context, tx *db.Tx, brandID, campaignID int64, t TermsFields, by int64, now time.Time) (*Terms, error) {
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM campaign_terms WHERE brand_id = ? AND campaign_id = ?`,
		brandID, campaignID).Scan(&version); err != nil {
		return nil, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO campaign_terms (brand_id, campaign_id, version, channels, territories, duration_days,
		paid_media, exclusivity_days, notes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, campaignID, version, strings.Join(t.Channels, ","), strings.Join(t.Territories, ","), t.DurationDays, t.PaidMedia,
		t.ExclusivityDays, t.Notes, nullID(&by), now.UnixMilli()).Scan(&id)
	if db.IsUniqueViolation(err, "") {
		return nil, apperr.New(apperr.Conflict, "someone else published terms at the same moment; reload and try again")
	}
	if err != nil {
		return nil, err
	}
	return TermsByID(ctx, tx, brandID, id)
}
