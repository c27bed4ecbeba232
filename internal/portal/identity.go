package portal

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

// Address is where a creator wants products shipped.
type Address struct {
	Name       string
	Line1      string
	Line2      string
	City       string
	Region     string
	PostalCode string
	Country    string
	Phone      string
}

// Identity is one person across every brand of the installation: the
// creator records of any brand with the same email belong to it.
type Identity struct {
	ID        int64
	Email     string
	Name      string
	Locale    string // the portal's language; "" follows the browser
	Ship      Address
	CreatedAt time.Time
	UpdatedAt time.Time
}

const identityColumns = `id, email, name, locale, ship_name, ship_line1, ship_line2, ship_city, ship_region,
	ship_postal_code, ship_country, ship_phone, created_at, updated_at`

func scanIdentity(row interface{ Scan(...any) error }) (*Identity, error) {
	var i Identity
	var created, updated int64
	s := &i.Ship
	err := row.Scan(&i.ID, &i.Email, &i.Name, &i.Locale, &s.Name, &s.Line1, &s.Line2, &s.City, &s.Region,
		&s.PostalCode, &s.Country, &s.Phone, &created, &updated)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "not found")
	}
	if err != nil {
		return nil, err
	}
	i.CreatedAt, i.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return &i, nil
}

// IdentityByEmail returns the identity of an email, or NotFound.
func IdentityByEmail(ctx context.Context, q db.Querier, email string) (*Identity, error) {
	return scanIdentity(q.QueryRowContext(ctx, `SELECT `+identityColumns+` FROM creator_identities WHERE email = ?`, auth.NormalizeEmail(email)))
}

// KnownEmail reports whether any brand has a creator with this email, or
// someone with it has signed in to the portal before.
func KnownEmail(ctx context.Context, q db.Querier, email string) (bool, error) {
	email = auth.NormalizeEmail(email)
	var n int
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM (SELECT 1 FROM creators WHERE email = ? LIMIT 1) c) +
		(SELECT COUNT(*) FROM creator_identities WHERE email = ?)`, email, email).Scan(&n)
	return n > 0, err
}

// ensureIdentity returns the identity of email, creating it from the
// person's creator records (name, first supported language) when new.
func ensureIdentity(ctx context.Context, tx *db.Tx, email string, now time.Time) (*Identity, error) {
	email = auth.NormalizeEmail(email)
	if id, err := IdentityByEmail(ctx, tx, email); err == nil || apperr.CodeOf(err) != apperr.NotFound {
		return id, err
	}
	var name, langs string
	err := tx.QueryRowContext(ctx, `SELECT display_name, languages FROM creators WHERE email = ? ORDER BY id LIMIT 1`, email).Scan(&name, &langs)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	locale := ""
	for _, l := range strings.Split(langs, ",") {
		if locale = i18n.Match(l); locale != "" {
			break
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO creator_identities (email, name, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		email, name, locale, now.UnixMilli(), now.UnixMilli())
	if err != nil {
		return nil, err
	}
	return IdentityByEmail(ctx, tx, email)
}

// saveIdentity writes the editable fields of an identity.
func saveIdentity(ctx context.Context, tx *db.Tx, i *Identity, now time.Time) error {
	s := i.Ship
	_, err := tx.ExecContext(ctx, `UPDATE creator_identities SET name = ?, locale = ?, ship_name = ?, ship_line1 = ?, ship_line2 = ?,
		ship_city = ?, ship_region = ?, ship_postal_code = ?, ship_country = ?, ship_phone = ?, updated_at = ? WHERE id = ?`,
		i.Name, i.Locale, s.Name, s.Line1, s.Line2, s.City, s.Region, s.PostalCode, s.Country, s.Phone, now.UnixMilli(), i.ID)
	return err
}
