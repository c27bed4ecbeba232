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

// BeginLogin counts a sign-in attempt before its password is checked and
// reports whether it is throttled. The attempt is stored as a failure
// first and the failures are counted with it, so a burst of concurrent
// attempts cannot all pass the check before any failure is recorded: of
// any number sent at once, at most LoginMaxFailures get their password
// checked. A throttled attempt's row is removed again (waiting out the
// window works); a checked one stays as the failure it is, unless
// RecordLogin records a success, which clears the email's failures.
func BeginLogin(ctx context.Context, q db.Querier, email, ip string, now time.Time) (blocked bool, err error) {
	email = NormalizeEmail(email)
	// Attempts matter only within the window; anyone can add them, so
	// older ones go rather than pile up.
	if err := PruneLoginAttempts(ctx, q, now); err != nil {
		return false, err
	}
	var id int64
	if err := q.QueryRowContext(ctx, `INSERT INTO login_attempts (email, ip, success, at) VALUES (?, ?, ?, ?) RETURNING id`,
		email, ip, false, now.UnixMilli()).Scan(&id); err != nil {
		return false, err
	}
	since := now.Add(-LoginWindow).UnixMilli()
	var byEmail, byIP int
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM login_attempts WHERE email = ? AND success = ? AND at > ?),
		(SELECT COUNT(*) FROM login_attempts WHERE ip = ? AND success = ? AND at > ?)`,
		email, false, since, ip, false, since).Scan(&byEmail, &byIP)
	if err != nil {
		return false, err
	}
	if byEmail <= LoginMaxFailures && byIP <= LoginMaxFailuresPerIP {
		return false, nil
	}
	_, err = q.ExecContext(ctx, `DELETE FROM login_attempts WHERE id = ?`, id)
	return true, err
}

// LoginSucceeded records that the attempt BeginLogin counted had the
// right password: the email's failures (that attempt's included) are
// cleared.
func LoginSucceeded(ctx context.Context, q db.Querier, email, ip string, now time.Time) error {
	return RecordLogin(ctx, q, email, ip, true, now)
}

// PruneLoginAttempts deletes attempts older than the window.
func PruneLoginAttempts(ctx context.Context, q db.Querier, now time.Time) error {
	_, err := q.ExecContext(ctx, `DELETE FROM login_attempts WHERE at < ?`, now.Add(-LoginWindow).UnixMilli())
	return err
}
