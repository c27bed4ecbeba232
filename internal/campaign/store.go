package campaign

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

var errNotFound = apperr.New(apperr.NotFound, "campaign not found")

const selectCampaign = `SELECT c.id, c.brand_id, c.name, c.objective, c.brief, c.status, c.starts_on, c.ends_on, c.languages,
	c.currency, c.budget_minor, c.expected_participants, c.offer_product, c.offer_coupon_code, c.offer_commission_bp, c.offer_fee_minor,
	c.owner_user_id, COALESCE(u.name, u.email, ''), c.created_at, c.updated_at
	FROM campaigns c LEFT JOIN users u ON u.id = c.owner_user_id `

func scanCampaign(row interface{ Scan(...any) error }) (*Campaign, error) {
	var c Campaign
	var starts, ends sql.NullString
	var languages string
	var owner sql.NullInt64
	var created, updated int64
	err := row.Scan(&c.ID, &c.BrandID, &c.Name, &c.Objective, &c.Brief, &c.Status, &starts, &ends, &languages,
		&c.Currency, &c.BudgetMinor, &c.ExpectedParticipants, &c.Offer.Product, &c.Offer.CouponCode, &c.Offer.CommissionBP, &c.Offer.FeeMinor,
		&owner, &c.OwnerName, &created, &updated)
	if db.IsNoRows(err) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	c.StartsOn, c.EndsOn = starts.String, ends.String
	c.Languages = splitList(languages, ",")
	if owner.Valid {
		c.OwnerUserID = &owner.Int64
	}
	c.CreatedAt, c.UpdatedAt = ms(created), ms(updated)
	return &c, nil
}

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

// splitList splits a stored list; an empty string is an empty list.
func splitList(s, sep string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, sep)
}

// nullable stores "" and 0 as NULL.
func nullDate(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullID(id *int64) any {
	if id == nil || *id == 0 {
		return nil
	}
	return *id
}

// Get returns one campaign of the brand, or NotFound.
func Get(ctx context.Context, q db.Querier, brandID, id int64) (*Campaign, error) {
	return scanCampaign(q.QueryRowContext(ctx, selectCampaign+`WHERE c.brand_id = ? AND c.id = ?`, brandID, id))
}

// List returns a page of the brand's campaigns, newest first.
func List(ctx context.Context, q db.Querier, brandID int64, lq ListQuery) (*Page, error) {
	limit := lq.Limit
	if limit <= 0 {
		limit = 50
	}
	where, args := []string{"c.brand_id = ?"}, []any{brandID}
	if lq.Status != "" {
		where, args = append(where, "c.status = ?"), append(args, lq.Status)
	}
	if lq.Owner != nil {
		where, args = append(where, "c.owner_user_id = ?"), append(args, *lq.Owner)
	}
	for _, word := range strings.Fields(strings.ToLower(lq.Q)) {
		where, args = append(where, `LOWER(c.name) LIKE ? ESCAPE '\'`), append(args, "%"+escapeLike(word)+"%")
	}
	if lq.Cursor != "" {
		before, err := strconv.ParseInt(lq.Cursor, 10, 64)
		if err != nil || before <= 0 {
			return nil, badCursor()
		}
		where, args = append(where, "c.id < ?"), append(args, before)
	}
	rows, err := q.QueryContext(ctx, selectCampaign+"WHERE "+strings.Join(where, " AND ")+" ORDER BY c.id DESC LIMIT ?", append(args, limit+1)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	page := &Page{Items: []Campaign{}}
	for rows.Next() {
		c, err := scanCampaign(rows)
		if err != nil {
			return nil, err
		}
		page.Items = append(page.Items, *c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.NextCursor = strconv.FormatInt(page.Items[limit-1].ID, 10)
	}
	return page, nil
}

func badCursor() error {
	var f apperr.Fields
	add(&f, "cursor", "validation.cursor")
	return f.Err()
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// StatusCounts returns how many of the brand's campaigns are in each
// status, for the list's tabs.
func StatusCounts(ctx context.Context, q db.Querier, brandID int64) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT status, COUNT(*) FROM campaigns WHERE brand_id = ? GROUP BY status`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

func insertCampaign(ctx context.Context, tx *db.Tx, brandID int64, f Fields, createdBy int64, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO campaigns (brand_id, name, objective, brief, status, starts_on, ends_on, languages, currency,
		budget_minor, expected_participants, offer_product, offer_coupon_code, offer_commission_bp, offer_fee_minor, owner_user_id, created_by,
		created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, f.Name, f.Objective, f.Brief, nullDate(f.StartsOn), nullDate(f.EndsOn), strings.Join(f.Languages, ","), f.Currency,
		f.BudgetMinor, f.ExpectedParticipants, f.Offer.Product, f.Offer.CouponCode, f.Offer.CommissionBP, f.Offer.FeeMinor,
		nullID(f.OwnerUserID), nullID(&createdBy), now.UnixMilli(), now.UnixMilli()).Scan(&id)
	return id, err
}

func updateCampaign(ctx context.Context, tx *db.Tx, brandID, id int64, f Fields, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE campaigns SET name = ?, objective = ?, brief = ?, starts_on = ?, ends_on = ?, languages = ?,
		currency = ?, budget_minor = ?, expected_participants = ?, offer_product = ?, offer_coupon_code = ?, offer_commission_bp = ?,
		offer_fee_minor = ?, owner_user_id = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
		f.Name, f.Objective, f.Brief, nullDate(f.StartsOn), nullDate(f.EndsOn), strings.Join(f.Languages, ","), f.Currency,
		f.BudgetMinor, f.ExpectedParticipants, f.Offer.Product, f.Offer.CouponCode, f.Offer.CommissionBP, f.Offer.FeeMinor,
		nullID(f.OwnerUserID), now.UnixMilli(), brandID, id)
	return err
}

func setStatus(ctx context.Context, tx *db.Tx, brandID, id int64, status string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE campaigns SET status = ?, updated_at = ? WHERE brand_id = ? AND id = ?`, status, now.UnixMilli(), brandID, id)
	return err
}

func touch(ctx context.Context, tx *db.Tx, brandID, id int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE campaigns SET updated_at = ? WHERE brand_id = ? AND id = ?`, now.UnixMilli(), brandID, id)
	return err
}

func deleteCampaign(ctx context.Context, tx *db.Tx, brandID, id int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM campaigns WHERE brand_id = ? AND id = ?`, brandID, id)
	return err
}

// lockCampaign reads a campaign inside a write transaction; on PostgreSQL
// the row stays locked until the transaction ends, so two writers of the
// same campaign (a status move and a terms version) take turns.
func lockCampaign(ctx context.Context, tx *db.Tx, brandID, id int64) (*Campaign, error) {
	suffix := ""
	if tx.Dialect() == db.Postgres {
		suffix = " FOR UPDATE OF c"
	}
	return scanCampaign(tx.QueryRowContext(ctx, selectCampaign+`WHERE c.brand_id = ? AND c.id = ?`+suffix, brandID, id))
}
