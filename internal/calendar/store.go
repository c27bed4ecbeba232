package calendar

import (
	"context"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Deliverable is what the move form needs to know about a deliverable.
type Deliverable struct {
	ID         int64
	CampaignID int64
	Campaign   string
	Platform   string
	Kind       string
	Quantity   int64
	DueOn      string // "" when it has no due date
}

// GetDeliverable returns one of the brand's deliverables; another brand's
// id is NotFound.
func GetDeliverable(ctx context.Context, q db.Querier, brandID, id int64) (*Deliverable, error) {
	var d Deliverable
	var due *string
	err := q.QueryRowContext(ctx, `SELECT d.id, d.campaign_id, c.name, d.platform, d.kind, d.quantity, d.due_on
		FROM campaign_deliverables d JOIN campaigns c ON c.id = d.campaign_id
		WHERE d.brand_id = ? AND c.brand_id = ? AND d.id = ?`, brandID, brandID, id).
		Scan(&d.ID, &d.CampaignID, &d.Campaign, &d.Platform, &d.Kind, &d.Quantity, &due)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "There is no deliverable %d.", id)
	}
	if err != nil {
		return nil, err
	}
	if due != nil {
		d.DueOn = *due
	}
	return &d, nil
}

// MoveDue sets a deliverable's due date through the campaign room's
// service, which writes it and its audit event ("update_deliverable" on
// the campaign) in one transaction. The calendar asks for a date where
// the campaign form may clear one, so an empty or malformed date is
// refused here with the calendar's own message.
func MoveDue(ctx context.Context, d *db.DB, p *auth.Principal, id int64, dueOn string, now func() time.Time) (*Deliverable, error) {
	due, ok := ParseDate(dueOn)
	if !ok {
		var f apperr.Fields
		if dueOn == "" {
			f.Add("due_on", "validation.required", "Enter the new due date.")
		} else {
			f.Add("due_on", "calendar.error.date", "Enter the date as YYYY-MM-DD.")
		}
		return nil, f.Err()
	}
	cur, err := GetDeliverable(ctx, d, p.BrandID, id)
	if err != nil {
		return nil, err
	}
	moved, err := campaign.NewService(d, now).SetDeliverableDue(ctx, p, cur.CampaignID, id, due.Format(DateLayout))
	if err != nil {
		return nil, err
	}
	cur.DueOn = moved.DueOn
	return cur, nil
}

// Option is a choice in a filter's select.
type Option struct {
	ID   int64
	Name string
}

// CampaignOptions lists the brand's campaigns that are not archived, by
// name, for the campaign filter.
func CampaignOptions(ctx context.Context, q db.Querier, brandID int64) ([]Option, error) {
	return options(ctx, q, `SELECT id, name FROM campaigns WHERE brand_id = ? AND status <> 'archived' ORDER BY name, id`, brandID)
}

// OwnerOptions lists the people who own at least one of the brand's
// campaigns, for the owner filter.
func OwnerOptions(ctx context.Context, q db.Querier, brandID int64) ([]Option, error) {
	return options(ctx, q, `SELECT u.id, CASE WHEN u.name = '' THEN u.email ELSE u.name END AS label FROM users u
		WHERE u.id IN (SELECT owner_user_id FROM campaigns WHERE brand_id = ? AND owner_user_id IS NOT NULL)
		ORDER BY label, u.id`, brandID)
}

func options(ctx context.Context, q db.Querier, query string, args ...any) ([]Option, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Option
	for rows.Next() {
		var o Option
		if err := rows.Scan(&o.ID, &o.Name); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
