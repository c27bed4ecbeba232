package invite

import (
	"context"
	"database/sql"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

var errNotFound = apperr.New(apperr.NotFound, "invitation not found")

func isNotFound(err error) bool { return apperr.CodeOf(err) == apperr.NotFound }

const selectInvitation = `SELECT i.id, i.brand_id, b.name, i.creator_id, c.display_name, c.email, i.template_id, i.status, i.locale, i.sender_name,
	i.scheduled_at, i.sent_at, i.followups_sent, i.next_followup_at, i.replied_at, i.responded_at, i.created_at
	FROM invitations i JOIN creators c ON c.id = i.creator_id JOIN brands b ON b.id = i.brand_id `

func scanInvitation(row interface{ Scan(...any) error }) (*Invitation, error) {
	var inv Invitation
	var tpl, sent, next, replied, responded sql.NullInt64
	var scheduled, created int64
	err := row.Scan(&inv.ID, &inv.BrandID, &inv.BrandName, &inv.CreatorID, &inv.CreatorName, &inv.Email, &tpl, &inv.Status,
		&inv.Locale, &inv.SenderName, &scheduled, &sent, &inv.FollowupsSent, &next, &replied, &responded, &created)
	if db.IsNoRows(err) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	if tpl.Valid {
		inv.TemplateID = &tpl.Int64
	}
	inv.ScheduledAt, inv.CreatedAt = ms(scheduled), ms(created)
	inv.SentAt, inv.NextFollowupAt, inv.RepliedAt, inv.RespondedAt = msPtr(sent), msPtr(next), msPtr(replied), msPtr(responded)
	return &inv, nil
}

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func msPtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := ms(v.Int64)
	return &t
}

func queryInvitations(ctx context.Context, q db.Querier, where string, args ...any) ([]Invitation, error) {
	rows, err := q.QueryContext(ctx, selectInvitation+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *inv)
	}
	return out, rows.Err()
}

// Get returns one invitation of the brand, or NotFound.
func Get(ctx context.Context, q db.Querier, brandID, id int64) (*Invitation, error) {
	return scanInvitation(q.QueryRowContext(ctx, selectInvitation+`WHERE i.brand_id = ? AND i.id = ?`, brandID, id))
}

// List returns the brand's invitations newest first, optionally of one
// status, with ids below beforeID when it is not 0.
func List(ctx context.Context, q db.Querier, brandID int64, status string, beforeID int64, limit int) ([]Invitation, error) {
	if beforeID <= 0 {
		beforeID = 1 << 62
	}
	if status != "" {
		return queryInvitations(ctx, q, `WHERE i.brand_id = ? AND i.status = ? AND i.id < ? ORDER BY i.id DESC LIMIT ?`, brandID, status, beforeID, limit)
	}
	return queryInvitations(ctx, q, `WHERE i.brand_id = ? AND i.id < ? ORDER BY i.id DESC LIMIT ?`, brandID, beforeID, limit)
}

// Queued returns the brand's invitations waiting for their first send
// (booked on a later day by the daily limit), soonest first.
func Queued(ctx context.Context, q db.Querier, brandID int64, limit int) ([]Invitation, error) {
	return queryInvitations(ctx, q, `WHERE i.brand_id = ? AND i.status = 'pending' AND i.sent_at IS NULL
		ORDER BY i.scheduled_at, i.id LIMIT ?`, brandID, limit)
}

// ForEmail returns the invitations sent to a person, across every brand,
// newest first: what the creator portal shows.
func ForEmail(ctx context.Context, q db.Querier, email string) ([]Invitation, error) {
	return queryInvitations(ctx, q, `WHERE c.email = ? AND i.sent_at IS NOT NULL ORDER BY i.id DESC LIMIT 200`, email)
}

// GetForEmail returns one sent invitation of the person with this email;
// anybody else's is NotFound.
func GetForEmail(ctx context.Context, q db.Querier, email string, id int64) (*Invitation, error) {
	return scanInvitation(q.QueryRowContext(ctx, selectInvitation+`WHERE c.email = ? AND i.id = ? AND i.sent_at IS NOT NULL`, email, id))
}

// openFor returns the creators among ids that already have a pending
// invitation.
func openFor(ctx context.Context, q db.Querier, brandID int64, creatorID int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM invitations WHERE brand_id = ? AND creator_id = ? AND status = 'pending'`,
		brandID, creatorID).Scan(&n)
	return n > 0, err
}
