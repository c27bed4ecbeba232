package invite

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

var errTemplateNotFound = apperr.New(apperr.NotFound, "template not found")

// ListTemplates returns the brand's templates by name, with their texts.
func ListTemplates(ctx context.Context, q db.Querier, brandID int64) ([]Template, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM invite_templates WHERE brand_id = ? ORDER BY name, id`, brandID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Template, 0, len(ids))
	for _, id := range ids {
		t, err := GetTemplate(ctx, q, brandID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, nil
}

// GetTemplate returns one template of the brand, or NotFound.
func GetTemplate(ctx context.Context, q db.Querier, brandID, id int64) (*Template, error) {
	t := &Template{Texts: map[string]Text{}}
	var updated int64
	err := q.QueryRowContext(ctx, `SELECT id, brand_id, name, followup_days, max_followups, updated_at FROM invite_templates
		WHERE brand_id = ? AND id = ?`, brandID, id).Scan(&t.ID, &t.BrandID, &t.Name, &t.FollowupDays, &t.MaxFollowups, &updated)
	if db.IsNoRows(err) {
		return nil, errTemplateNotFound
	}
	if err != nil {
		return nil, err
	}
	t.UpdatedAt = ms(updated)
	rows, err := q.QueryContext(ctx, `SELECT locale, subject, body FROM invite_template_texts WHERE brand_id = ? AND template_id = ?`, brandID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var x Text
		if err := rows.Scan(&x.Locale, &x.Subject, &x.Body); err != nil {
			return nil, err
		}
		t.Texts[x.Locale] = x
	}
	return t, rows.Err()
}

// saveTemplate inserts (ID 0) or updates a validated template and its texts.
func saveTemplate(ctx context.Context, tx *db.Tx, t *Template, now time.Time) error {
	var err error
	if t.ID == 0 {
		err = tx.QueryRowContext(ctx, `INSERT INTO invite_templates (brand_id, name, followup_days, max_followups, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, t.BrandID, t.Name, t.FollowupDays, t.MaxFollowups, now.UnixMilli(), now.UnixMilli()).Scan(&t.ID)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE invite_templates SET name = ?, followup_days = ?, max_followups = ?, updated_at = ?
			WHERE brand_id = ? AND id = ?`, t.Name, t.FollowupDays, t.MaxFollowups, now.UnixMilli(), t.BrandID, t.ID)
	}
	if db.IsUniqueViolation(err, "name") {
		var f apperr.Fields
		f.Add("name", "invite.validation.name_taken", "Another template already has this name.")
		return f.Err()
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM invite_template_texts WHERE brand_id = ? AND template_id = ?`, t.BrandID, t.ID); err != nil {
		return err
	}
	for _, x := range t.Texts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invite_template_texts (template_id, brand_id, locale, subject, body) VALUES (?, ?, ?, ?, ?)`,
			t.ID, t.BrandID, x.Locale, x.Subject, x.Body); err != nil {
			return err
		}
	}
	return nil
}

// DailyLimit returns the brand's daily sending limit.
func DailyLimit(ctx context.Context, q db.Querier, brandID int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT daily_limit FROM invite_settings WHERE brand_id = ?`, brandID).Scan(&n)
	if db.IsNoRows(err) {
		return DefaultDailyLimit, nil
	}
	return n, err
}

func setDailyLimit(ctx context.Context, tx *db.Tx, brandID int64, n int, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO invite_settings (brand_id, daily_limit, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (brand_id) DO UPDATE SET daily_limit = excluded.daily_limit, updated_at = excluded.updated_at`, brandID, n, now.UnixMilli())
	return err
}
