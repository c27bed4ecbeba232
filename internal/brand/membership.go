package brand

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// Membership is a user's role in a brand.
type Membership struct {
	Brand Brand
	Role  auth.Role
}

// Member is a person on a brand's team.
type Member struct {
	User  auth.User
	Role  auth.Role
	Since time.Time
}

// SetMember gives a user a role in a brand (adding or changing it).
func SetMember(ctx context.Context, q db.Querier, brandID, userID int64, role auth.Role, now time.Time) error {
	if !role.Valid() || role == auth.PlatformAdmin {
		return &apperr.Error{Code: apperr.Invalid, Message: "Unknown role.",
			Fields: []apperr.FieldError{{Field: "role", Key: "validation.role", Message: "Choose one of the roles in the list."}}}
	}
	_, err := q.ExecContext(ctx, `INSERT INTO memberships (user_id, brand_id, role, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, brand_id) DO UPDATE SET role = excluded.role`, userID, brandID, string(role), now.UnixMilli())
	return err
}

// RemoveMember takes a user off a brand's team.
func RemoveMember(ctx context.Context, q db.Querier, brandID, userID int64) error {
	res, err := q.ExecContext(ctx, `DELETE FROM memberships WHERE brand_id = ? AND user_id = ?`, brandID, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "member not found")
	}
	return nil
}

// RoleOf returns a user's role in a brand, or NotFound.
func RoleOf(ctx context.Context, q db.Querier, brandID, userID int64) (auth.Role, error) {
	var role string
	err := q.QueryRowContext(ctx, `SELECT role FROM memberships WHERE brand_id = ? AND user_id = ?`, brandID, userID).Scan(&role)
	if db.IsNoRows(err) {
		return "", apperr.New(apperr.NotFound, "not a member of this brand")
	}
	return auth.Role(role), err
}

// ForUser lists the brands a user belongs to, by name.
func ForUser(ctx context.Context, q db.Querier, userID int64) ([]Membership, error) {
	rows, err := q.QueryContext(ctx, `SELECT b.id, b.slug, b.name, b.default_locale, b.created_at, m.role
		FROM memberships m JOIN brands b ON b.id = m.brand_id WHERE m.user_id = ? ORDER BY b.name, b.id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		var created int64
		var role string
		if err := rows.Scan(&m.Brand.ID, &m.Brand.Slug, &m.Brand.Name, &m.Brand.DefaultLocale, &created, &role); err != nil {
			return nil, err
		}
		m.Brand.CreatedAt = time.UnixMilli(created).UTC()
		m.Role = auth.Role(role)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Members lists a brand's team by name.
func Members(ctx context.Context, q db.Querier, brandID int64) ([]Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.email, u.name, u.locale, u.is_platform_admin, m.role, m.created_at
		FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.brand_id = ? ORDER BY u.name, u.email`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		var role string
		var since int64
		if err := rows.Scan(&m.User.ID, &m.User.Email, &m.User.Name, &m.User.Locale, &m.User.IsPlatformAdmin, &role, &since); err != nil {
			return nil, err
		}
		m.Role, m.Since = auth.Role(role), time.UnixMilli(since).UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}
