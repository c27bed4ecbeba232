package stages

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// MaxReason bounds the reason kept with a stage change.
const MaxReason = 500

// Event is one change of a creator's stage. From is empty for the stage
// a creator was created in.
type Event struct {
	ID          int64     `json:"id"`
	CreatorID   int64     `json:"creator_id"`
	From        string    `json:"from"`
	To          string    `json:"to"`
	ActorUserID *int64    `json:"actor_user_id"`
	Actor       string    `json:"actor"`
	Reason      string    `json:"reason"`
	At          time.Time `json:"at"`
}

// CleanReason trims a reason to one tidy line of at most MaxReason
// characters.
func CleanReason(reason string) string {
	reason = strings.Join(strings.Fields(reason), " ")
	if utf8.RuneCountInString(reason) > MaxReason {
		reason = string([]rune(reason)[:MaxReason])
	}
	return reason
}

// Record writes one stage change of a creator, in the caller's
// transaction. Every path that changes a creator's stage calls it (the
// creator service) or writes the same rows in bulk (Remove, and the
// importer's batches in internal/importer/stage_events.go).
func Record(ctx context.Context, q db.Querier, p *auth.Principal, brandID, creatorID int64, from, to, reason string, now time.Time) error {
	return Pipeline.Members.Record(ctx, q, p, brandID, creatorID, from, to, reason, now)
}

// History returns a creator's stage changes, newest first, at most limit.
func History(ctx context.Context, q db.Querier, brandID, creatorID int64, limit int) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, creator_id, from_stage, to_stage, actor_user_id, actor_label, reason, at
		FROM creator_stage_events WHERE brand_id = ? AND creator_id = ? ORDER BY id DESC LIMIT ?`, brandID, creatorID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		var at int64
		if err := rows.Scan(&e.ID, &e.CreatorID, &e.From, &e.To, &e.ActorUserID, &e.Actor, &e.Reason, &at); err != nil {
			return nil, err
		}
		e.At = time.UnixMilli(at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
