package campaign

import (
	"context"
	"encoding/json"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

var errTemplateNotFound = apperr.New(apperr.NotFound, "campaign template not found")

const selectTemplate = `SELECT id, brand_id, name, description, body, created_at, updated_at FROM campaign_templates `

func scanTemplate(row interface{ Scan(...any) error }) (*Template, error) {
	var t Template
	var body string
	var created, updated int64
	err := row.Scan(&t.ID, &t.BrandID, &t.Name, &t.Description, &body, &created, &updated)
	if db.IsNoRows(err) {
		return nil, errTemplateNotFound
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(body), &t.Body); err != nil {
		return nil, err
	}
	t.CreatedAt, t.UpdatedAt = ms(created), ms(updated)
	return &t, nil
}

// GetTemplate returns one of the brand's campaign templates.
func GetTemplate(ctx context.Context, q db.Querier, brandID, id int64) (*Template, error) {
	return scanTemplate(q.QueryRowContext(ctx, selectTemplate+`WHERE brand_id = ? AND id = ?`, brandID, id))
}

// ListTemplates returns the brand's campaign templates by name. A brand
// keeps a handful, so there are no pages.
func ListTemplates(ctx context.Context, q db.Querier, brandID int64) ([]Template, error) {
	rows, err := q.QueryContext(ctx, selectTemplate+`WHERE brand_id = ? ORDER BY name, id LIMIT 500`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Template{}
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

func insertTemplate(ctx context.Context, tx *db.Tx, t *Template, by int64, now time.Time) error {
	body, err := json.Marshal(t.Body)
	if err != nil {
		return err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO campaign_templates (brand_id, name, description, body, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, t.BrandID, t.Name, t.Description, string(body), nullID(&by), now.UnixMilli(), now.UnixMilli()).Scan(&t.ID)
	if db.IsUniqueViolation(err, "name") {
		var f apperr.Fields
		add(&f, "name", "campaign.validation.template_name_taken")
		return f.Err()
	}
	t.CreatedAt, t.UpdatedAt = now, now
	return err
}

func deleteTemplate(ctx context.Context, tx *db.Tx, brandID, id int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM campaign_templates WHERE brand_id = ? AND id = ?`, brandID, id)
	return err
}
