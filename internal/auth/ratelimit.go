package auth

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// Login throttling: failures are counted in the database so every node
// sees them. More than LoginMaxFailures for one email, or
// LoginMaxFailuresPerIP from one address, within LoginWindow blocks
// further tries until the window has passed.
const (
	LoginWindow           = 15 * time.Minute
	LoginMaxFailures      = 5
	LoginMaxFailuresPerIP = 30
)

// RecordLogin notes a sign-in attempt.
func RecordLogin(ctx context.Context, q db.Querier, email, ip string, success bool, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO login_attempts (email, ip, success, at) VALUES (?, ?, ?, ?)`,
		NormalizeEmail(email), ip, success, now.UnixMilli())
	if err != nil || !success {
		return err
	}
	// A success clears the email's failures, so a person who finally got
	// it right isn't locked out by their own typos next time.
	_, err = q.ExecContext(ctx, `DELETE FROM login_attempts WHERE email = ? AND success = ?`, NormalizeEmail(email), false)
	return err
}

// LoginBlocked reports whether sign-in for email from ip is throttled.
func LoginBlocked(ctx context.Context, q db.Querier, email, ip string, now time.Time) (bool, error) {
	since := now.Add(-LoginWindow).UnixMilli()
	var byEmail, byIP int
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM login_attempts WHERE email = ? AND success = ? AND at > ?),
		(SELECT COUNT(*) FROM login_attempts WHERE ip = ? AND success = ? AND at > ?)`,
		NormalizeEmail(email), false, since, ip, false, since).Scan(&byEmail, &byIP)
	if err != nil {
		return false, err
	}
	return byEmail >= LoginMaxFailures || byIP >= LoginMaxFailuresPerIP, nil
}

// PruneLoginAttempts deletes attempts older than the window.
func PruneLoginAttempts(ctx context.Context, q db.Querier, now time.Time) error {
	_, err := q.ExecContext(ctx, `DELETE FROM login_attempts WHERE at < ?`, now.Add(-LoginWindow).UnixMilli())
	return err
}
