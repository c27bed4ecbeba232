package onboarding

import (
	"context"
	"database/sql"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// trigger finds when an event first happened in a brand: the unix
// milliseconds of its first occurrence, or not valid when it has not.
type trigger func(ctx context.Context, q db.Querier, brandID int64, now time.Time) (sql.NullInt64, error)

func first(query string) trigger {
	return func(ctx context.Context, q db.Querier, brandID int64, _ time.Time) (sql.NullInt64, error) {
		var at sql.NullInt64
		err := q.QueryRowContext(ctx, query, brandID).Scan(&at)
		return at, err
	}
}

// Triggers are the events that complete milestones by themselves.
var Triggers = map[string]trigger{
	"first_import":   first(`SELECT MIN(finished_at) FROM imports WHERE brand_id = ? AND status = 'done'`),
	"first_goal":     first(`SELECT MIN(created_at) FROM account_goals WHERE brand_id = ?`),
	"first_campaign": first(`SELECT MIN(created_at) FROM campaigns WHERE brand_id = ?`),
	// A campaign that is or was live; its last change is the nearest time
	// Roster keeps of its going live.
	"first_campaign_active": first(`SELECT MIN(updated_at) FROM campaigns WHERE brand_id = ? AND status IN ('active', 'completed')`),
	"contract_saved":        first(`SELECT MIN(updated_at) FROM brand_contracts WHERE brand_id = ?`),
	"templates_customised":  first(`SELECT MIN(created_at) FROM invite_templates WHERE brand_id = ?`),
	// A community manager on the team: the brand's day-to-day operator.
	"team_invited": first(`SELECT MIN(created_at) FROM memberships WHERE brand_id = ? AND role = 'community_manager'`),
	// A training meeting whose day has come.
	"training_held": func(ctx context.Context, q db.Querier, brandID int64, now time.Time) (sql.NullInt64, error) {
		var day sql.NullString
		err := q.QueryRowContext(ctx, `SELECT MIN(day) FROM account_meetings WHERE brand_id = ? AND kind = 'training' AND day <= ?`,
			brandID, now.UTC().Format(dateLayout)).Scan(&day)
		if err != nil || !day.Valid {
			return sql.NullInt64{}, err
		}
		t, err := time.Parse(dateLayout, day.String)
		if err != nil {
			return sql.NullInt64{}, nil
		}
		return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}, nil
	},
}

// TriggerKeys lists the triggers in display order ("" is none).
var TriggerKeys = []string{"", "contract_saved", "team_invited", "training_held", "first_import", "first_goal", "templates_customised", "first_campaign", "first_campaign_active"}
