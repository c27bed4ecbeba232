package auth

import (
	"context"
	"database/sql"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Session lifetimes: idle sessions end after SessionIdle, every session
// after SessionMax.
const (
	SessionIdle = 14 * 24 * time.Hour
	SessionMax  = 90 * 24 * time.Hour
)

// Session is a signed-in browser.
type Session struct {
	ID         int64
	UserID     int64
	BrandID    int64 // 0 when none chosen
	UserAgent  string
	IP         string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// CreateSession starts a session and returns the secret for the cookie.
// Only its hash is stored.
func CreateSession(ctx context.Context, q db.Querier, userID, brandID int64, userAgent, ip string, now time.Time) (string, int64, error) {
	secret := NewSecret(SessionPrefix)
	var id int64
	err := q.QueryRowContext(ctx, `INSERT INTO sessions (token_hash, user_id, brand_id, user_agent, ip, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		HashSecret(secret), userID, nullID(brandID), truncate(userAgent, 300), ip, now.UnixMilli(), now.UnixMilli(), now.Add(SessionIdle).UnixMilli()).Scan(&id)
	return secret, id, err
}

// SessionBySecret returns the live session for a cookie value.
func SessionBySecret(ctx context.Context, q db.Querier, secret string, now time.Time) (*Session, error) {
	s := &Session{}
	var brand sql.NullInt64
	var created, seen, expires int64
	err := q.QueryRowContext(ctx, `SELECT id, user_id, brand_id, user_agent, ip, created_at, last_seen_at, expires_at
		FROM sessions WHERE token_hash = ?`, HashSecret(secret)).
		Scan(&s.ID, &s.UserID, &brand, &s.UserAgent, &s.IP, &created, &seen, &expires)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.Unauthorized, "session not found")
	}
	if err != nil {
		return nil, err
	}
	s.BrandID = brand.Int64
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = ms(created), ms(seen), ms(expires)
	if !now.Before(s.ExpiresAt) || now.Sub(s.CreatedAt) > SessionMax {
		return nil, apperr.New(apperr.Unauthorized, "session expired")
	}
	return s, nil
}

// TouchSession slides the idle expiry forward; it writes at most once a
// minute per session so reads stay reads.
func TouchSession(ctx context.Context, q db.Querier, s *Session, now time.Time) error {
	if now.Sub(s.LastSeenAt) < time.Minute {
		return nil
	}
	_, err := q.ExecContext(ctx, `UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?`,
		now.UnixMilli(), now.Add(SessionIdle).UnixMilli(), s.ID)
	return err
}

// SetSessionBrand switches the brand a session works in.
func SetSessionBrand(ctx context.Context, q db.Querier, sessionID, brandID int64) error {
	_, err := q.ExecContext(ctx, `UPDATE sessions SET brand_id = ? WHERE id = ?`, brandID, sessionID)
	return err
}

// DeleteSession ends one session of a user.
func DeleteSession(ctx context.Context, q db.Querier, userID, sessionID int64) (bool, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE id = ? AND user_id = ?`, sessionID, userID)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DeleteOtherSessions ends every session of a user except keepID (0: all).
func DeleteOtherSessions(ctx context.Context, q db.Querier, userID, keepID int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND id <> ?`, userID, keepID)
	return err
}

// ListSessions returns a user's live sessions, newest first.
func ListSessions(ctx context.Context, q db.Querier, userID int64, now time.Time) ([]Session, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, user_id, brand_id, user_agent, ip, created_at, last_seen_at, expires_at
		FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC`, userID, now.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var s Session
		var brand sql.NullInt64
		var created, seen, expires int64
		if err := rows.Scan(&s.ID, &s.UserID, &brand, &s.UserAgent, &s.IP, &created, &seen, &expires); err != nil {
			return nil, err
		}
		s.BrandID = brand.Int64
		s.CreatedAt, s.LastSeenAt, s.ExpiresAt = ms(created), ms(seen), ms(expires)
		out = append(out, s)
	}
	return out, rows.Err()
}

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
