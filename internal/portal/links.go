package portal

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// Magic links and their rate limit. A link works once, for LinkTTL; only
// its SHA-256 is stored. Requests are counted in the database so every
// node sees them: more than MaxLinksPerEmail for one email, or
// MaxLinksPerIP from one address, within LinkWindow are refused.
const (
	LinkTTL          = 15 * time.Minute
	LinkWindow       = 15 * time.Minute
	MaxLinksPerEmail = 5
	MaxLinksPerIP    = 20
	linkPrefix       = auth.PortalLinkPrefix
)

// magicLink is a used link: who it signs in and where they go next.
type magicLink struct {
	Email string
	Next  string
}

// createLink stores a link for email and returns its secret, which goes
// only into the email.
func createLink(ctx context.Context, q db.Querier, email, next string, now time.Time) (string, error) {
	secret := auth.NewSecret(linkPrefix)
	_, err := q.ExecContext(ctx, `INSERT INTO portal_links (token_hash, email, next_path, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		auth.HashSecret(secret), auth.NormalizeEmail(email), next, now.UnixMilli(), now.Add(LinkTTL).UnixMilli())
	return secret, err
}

var errLinkInvalid = apperr.New(apperr.NotFound, "This link is not valid any more: it was used already or has expired.")

// linkLive reports whether a link can still be used, without using it.
func linkLive(ctx context.Context, q db.Querier, secret string, now time.Time) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`,
		auth.HashSecret(secret), now.UnixMilli()).Scan(&n)
	return n > 0, err
}

// useLink marks a live link used and returns it; a used, expired or
// unknown link is NotFound.
func useLink(ctx context.Context, tx *db.Tx, secret string, now time.Time) (*magicLink, error) {
	var l magicLink
	err := tx.QueryRowContext(ctx, `UPDATE portal_links SET used_at = ?
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING email, next_path`,
		now.UnixMilli(), auth.HashSecret(secret), now.UnixMilli()).Scan(&l.Email, &l.Next)
	if db.IsNoRows(err) {
		return nil, errLinkInvalid
	}
	return &l, err
}

// linkRequestAllowed records a request for a link and reports whether it
// is within the limits. Every request counts, known email or not, so the
// answer says nothing about who is a creator. The request is stored
// first, outside any transaction, and then counted with the others, so
// requests sent at once see each other (on PostgreSQL, transactions
// running side by side would each count without the others' rows and
// all pass); a refused request's row is removed again.
func linkRequestAllowed(ctx context.Context, q db.Querier, email, ip string, now time.Time) (bool, error) {
	since := now.Add(-LinkWindow).UnixMilli()
	if _, err := q.ExecContext(ctx, `DELETE FROM portal_link_requests WHERE at < ?`, since); err != nil {
		return false, err
	}
	var id int64
	if err := q.QueryRowContext(ctx, `INSERT INTO portal_link_requests (email, ip, at) VALUES (?, ?, ?) RETURNING id`,
		email, ip, now.UnixMilli()).Scan(&id); err != nil {
		return false, err
	}
	var byEmail, byIP int
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM portal_link_requests WHERE email = ? AND at > ?),
		(SELECT COUNT(*) FROM portal_link_requests WHERE ip = ? AND at > ?)`, email, since, ip, since).Scan(&byEmail, &byIP)
	if err != nil {
		return false, err
	}
	if byEmail <= MaxLinksPerEmail && byIP <= MaxLinksPerIP {
		return true, nil
	}
	_, err = q.ExecContext(ctx, `DELETE FROM portal_link_requests WHERE id = ?`, id)
	return false, err
}
