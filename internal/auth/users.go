package auth

import (
	"context"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// NormalizeEmail lower-cases and trims an email so one person has one
// identity however they type it.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser adds a user; the email must be new.
func CreateUser(ctx context.Context, q db.Querier, email, name, passwordHash, locale string, platformAdmin bool, now time.Time) (*User, error) {
	email = NormalizeEmail(email)
	var id int64
	err := q.QueryRowContext(ctx, `INSERT INTO users (email, name, password_hash, locale, is_platform_admin, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, email, name, passwordHash, locale, platformAdmin, now.UnixMilli(), now.UnixMilli()).Scan(&id)
	if db.IsUniqueViolation(err, "email") {
		return nil, apperr.New(apperr.Conflict, "A user with the email %s already exists.", email)
	}
	if err != nil {
		return nil, err
	}
	return &User{ID: id, Email: email, Name: name, Locale: locale, IsPlatformAdmin: platformAdmin}, nil
}

const userColumns = `id, email, name, locale, is_platform_admin`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (*User, error) {
	u := &User{}
	err := row.Scan(append([]any{&u.ID, &u.Email, &u.Name, &u.Locale, &u.IsPlatformAdmin}, extra...)...)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "user not found")
	}
	return u, err
}

// UserByEmail returns the user and their password hash.
func UserByEmail(ctx context.Context, q db.Querier, email string) (*User, string, error) {
	var hash string
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = ?`, NormalizeEmail(email)), &hash)
	return u, hash, err
}

// UserByID returns a user.
func UserByID(ctx context.Context, q db.Querier, id int64) (*User, error) {
	return scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
}

// PasswordHash returns a user's password hash.
func PasswordHash(ctx context.Context, q db.Querier, userID int64) (string, error) {
	var h string
	err := q.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, userID).Scan(&h)
	return h, err
}

// SetPassword replaces a user's password hash and ends the account's
// unused password-reset links: a link from an older email must not set
// the password again (the one being used is marked used already).
func SetPassword(ctx context.Context, q db.Querier, userID int64, hash string, now time.Time) error {
	if _, err := q.ExecContext(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, now.UnixMilli(), userID); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `UPDATE auth_links SET used_at = ? WHERE kind = ? AND user_id = ? AND used_at IS NULL`,
		now.UnixMilli(), LinkPasswordReset, userID)
	return err
}

// UpdateProfile changes a user's name and language.
func UpdateProfile(ctx context.Context, q db.Querier, userID int64, name, locale string, now time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE users SET name = ?, locale = ?, updated_at = ? WHERE id = ?`, name, locale, now.UnixMilli(), userID)
	return err
}

// CountUsers returns how many users exist (0 means a fresh install).
func CountUsers(ctx context.Context, q db.Querier) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}
