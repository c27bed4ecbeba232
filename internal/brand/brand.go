// Package brand holds brands (tenants) and the memberships that give
// people a role in them.
package brand

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Brand is a tenant: everything a brand owns carries its id.
type Brand struct {
	ID            int64
	Slug          string
	Name          string
	DefaultLocale string
	CreatedAt     time.Time
}

var slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$`)

// Slugify derives a URL slug from a name ("Café Nube!" → "cafe-nube").
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(name)) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case unicode.Is(unicode.Mn, r):
			// combining accent dropped: é → e
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 50 {
		s = strings.Trim(s[:50], "-")
	}
	return s
}

// Validate checks a new brand's name and slug, deriving the slug when empty.
func Validate(name, slug string) (string, string, apperr.Fields) {
	var f apperr.Fields
	name = strings.TrimSpace(name)
	if name == "" {
		f.Add("name", "validation.required", "This field is required.")
	} else if len(name) > 100 {
		f.Add("name", "validation.too_long", "Use at most 100 characters.", "max", 100)
	}
	if slug = strings.TrimSpace(slug); slug == "" {
		slug = Slugify(name)
	}
	if name != "" && !slugPattern.MatchString(slug) {
		f.Add("slug", "validation.slug", "Use 1–50 lower-case letters, digits and dashes, starting and ending with a letter or digit.")
	}
	return name, slug, f
}

// Create adds a brand.
func Create(ctx context.Context, q db.Querier, name, slug string, now time.Time) (*Brand, error) {
	name, slug, f := Validate(name, slug)
	if err := f.Err(); err != nil {
		return nil, err
	}
	b := &Brand{Slug: slug, Name: name, DefaultLocale: "en", CreatedAt: now.UTC().Truncate(time.Millisecond)}
	err := q.QueryRowContext(ctx, `INSERT INTO brands (slug, name, default_locale, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		slug, name, b.DefaultLocale, now.UnixMilli()).Scan(&b.ID)
	if db.IsUniqueViolation(err, "slug") {
		return nil, &apperr.Error{Code: apperr.Conflict, Message: "The slug " + slug + " is taken by another brand.",
			Fields: []apperr.FieldError{{Field: "slug", Key: "validation.slug_taken", Message: "This slug is taken by another brand."}}}
	}
	if err != nil {
		return nil, err
	}
	return b, nil
}

const columns = `id, slug, name, default_locale, created_at`

func scan(row interface{ Scan(...any) error }) (*Brand, error) {
	b := &Brand{}
	var created int64
	err := row.Scan(&b.ID, &b.Slug, &b.Name, &b.DefaultLocale, &created)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "brand not found")
	}
	b.CreatedAt = time.UnixMilli(created).UTC()
	return b, err
}

// BySlug finds a brand by its slug.
func BySlug(ctx context.Context, q db.Querier, slug string) (*Brand, error) {
	return scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM brands WHERE slug = ?`, strings.ToLower(strings.TrimSpace(slug))))
}

// ByID finds a brand by id.
func ByID(ctx context.Context, q db.Querier, id int64) (*Brand, error) {
	return scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM brands WHERE id = ?`, id))
}

// All lists every brand by name (platform admins).
func All(ctx context.Context, q db.Querier) ([]Brand, error) {
	return list(ctx, q, `SELECT `+columns+` FROM brands ORDER BY name, id`)
}

func list(ctx context.Context, q db.Querier, query string, args ...any) ([]Brand, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Brand
	for rows.Next() {
		b, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *b)
	}
	return out, rows.Err()
}
