package auth

import (
	"context"
	"database/sql"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Kinds of one-time link.
const (
	LinkPasswordReset = "password_reset"
	LinkInvite        = "invite"
)

// Link lifetimes.
const (
	PasswordResetTTL = time.Hour
	InviteTTL        = 7 * 24 * time.Hour
)

// Link is a single-use emailed link (password reset, team invitation).
type Link struct {
	ID        int64
	Kind      string
	Email     string
	UserID    int64
	BrandID   int64
	Role      Role
	CreatedBy int64
}

// CreateLink stores a link and returns its secret, which goes only into
// the email.
func CreateLink(ctx context.Context, q db.Querier, l Link, ttl time.Duration, now time.Time) (string, error) {
	secret := NewSecret(LinkPrefix)
	_, err := q.ExecContext(ctx, `INSERT INTO auth_links (token_hash, kind, email, user_id, brand_id, role, created_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, HashSecret(secret), l.Kind, NormalizeEmail(l.Email), nullID(l.UserID), nullID(l.BrandID),
		string(l.Role), nullID(l.CreatedBy), now.UnixMilli(), now.Add(ttl).UnixMilli())
	return secret, err
}

// Password resets a person may ask for: at most MaxResetLinks emailed
// links for one email within ResetLinkWindow, so the form can't be used
// to flood someone's inbox.
const (
	MaxResetLinks   = 3
	ResetLinkWindow = time.Hour
)

// CreateResetLink stores a password-reset link for l.Email within tx
// unless the email had MaxResetLinks links within ResetLinkWindow
// already; ok is false then, and nothing is kept. It does the same work
// whether or not the email has an account (known says which; for an
// unknown email the link is written and removed again, never mailed), so
// the time a request takes does not tell which emails have accounts. For
// a known account the user's row is locked first on PostgreSQL (SQLite
// runs one write transaction at a time), so requests sent at once count
// each other's links.
func CreateResetLink(ctx context.Context, tx *db.Tx, l Link, known bool, now time.Time) (secret string, ok bool, err error) {
	l.Kind = LinkPasswordReset
	if known && tx.Dialect() == db.Postgres {
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE id = ? FOR UPDATE`, l.UserID).Scan(&id); err != nil {
			return "", false, err
		}
	}
	if secret, err = CreateLink(ctx, tx, l, PasswordResetTTL, now); err != nil {
		return "", false, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM auth_links WHERE kind = ? AND email = ? AND created_at > ?`,
		LinkPasswordReset, NormalizeEmail(l.Email), now.Add(-ResetLinkWindow).UnixMilli()).Scan(&n); err != nil {
		return "", false, err
	}
	if known && n <= MaxResetLinks {
		return secret, true, nil
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM auth_links WHERE token_hash = ?`, HashSecret(secret))
	return "", false, err
}

// PeekLink returns a live link without using it (to show its form).
func PeekLink(ctx context.Context, q db.Querier, kind, secret string, now time.Time) (*Link, error) {
	return scanLink(q.QueryRowContext(ctx, `SELECT id, kind, email, user_id, brand_id, role, created_by FROM auth_links
		WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?`, HashSecret(secret), kind, now.UnixMilli()))
}

// UseLink marks a live link used and returns it; a used, expired or
// unknown link is an error. Run it in the transaction that acts on it.
func UseLink(ctx context.Context, tx *db.Tx, kind, secret string, now time.Time) (*Link, error) {
	return scanLink(tx.QueryRowContext(ctx, `UPDATE auth_links SET used_at = ?
		WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?
		RETURNING id, kind, email, user_id, brand_id, role, created_by`, now.UnixMilli(), HashSecret(secret), kind, now.UnixMilli()))
}

func scanLink(row *sql.Row) (*Link, error) {
	l := &Link{}
	var user, brand, by sql.NullInt64
	var role string
	err := row.Scan(&l.ID, &l.Kind, &l.Email, &user, &brand, &role, &by)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "This link is not valid any more: it was used already or has expired.")
	}
	if err != nil {
		return nil, err
	}
	l.UserID, l.BrandID, l.CreatedBy, l.Role = user.Int64, brand.Int64, by.Int64, Role(role)
	return l, nil
}
