package inbox

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

var errCannedNotFound = apperr.New(apperr.NotFound, "canned answer not found")

const maxCannedTitle = 100

const selectCanned = `SELECT id, brand_id, locale, title, body, updated_at FROM inbox_canned_answers `

func scanCanned(row interface{ Scan(...any) error }) (*Canned, error) {
	var c Canned
	var updated int64
	err := row.Scan(&c.ID, &c.BrandID, &c.Locale, &c.Title, &c.Body, &updated)
	if db.IsNoRows(err) {
		return nil, errCannedNotFound
	}
	if err != nil {
		return nil, err
	}
	c.UpdatedAt = ms(updated)
	return &c, nil
}

// ListCanned returns the brand's canned answers by language and title;
// locale "" lists every language.
func ListCanned(ctx context.Context, q db.Querier, brandID int64, locale string) ([]Canned, error) {
	query, args := selectCanned+`WHERE brand_id = ?`, []any{brandID}
	if locale != "" {
		query, args = query+` AND locale = ?`, append(args, locale)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY locale, title, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Canned
	for rows.Next() {
		c, err := scanCanned(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

// GetCanned returns one canned answer of the brand, or NotFound.
func GetCanned(ctx context.Context, q db.Querier, brandID, id int64) (*Canned, error) {
	return scanCanned(q.QueryRowContext(ctx, selectCanned+`WHERE brand_id = ? AND id = ?`, brandID, id))
}

// mergeField matches a {name} placeholder.
var mergeField = regexp.MustCompile(`\{([a-z_]+)\}`)

func validateCanned(c *Canned) error {
	var f apperr.Fields
	c.Title = strings.Join(strings.Fields(c.Title), " ")
	c.Body = strings.TrimSpace(strings.ReplaceAll(c.Body, "\r\n", "\n"))
	switch {
	case c.Title == "":
		f.Add("title", "validation.required", "This field is required.")
	case utf8.RuneCountInString(c.Title) > maxCannedTitle:
		f.Add("title", "validation.too_long", "This is too long.", "max", maxCannedTitle)
	}
	if !i18n.IsSupported(c.Locale) {
		f.Add("locale", "validation.choose_from_list", "Choose one of the languages in the list.")
	}
	switch {
	case c.Body == "":
		f.Add("body", "validation.required", "This field is required.")
	case utf8.RuneCountInString(c.Body) > MaxBody:
		f.Add("body", "validation.too_long", "This is too long.", "max", MaxBody)
	}
	for _, m := range mergeField.FindAllStringSubmatch(c.Body, -1) {
		if !slices.Contains(CannedFields, m[1]) {
			f.Add("body", "inbox.validation.unknown_field", "Unknown merge field "+m[0]+".", "field", m[0],
				"fields", "{"+strings.Join(CannedFields, "}, {")+"}")
			break
		}
	}
	return f.Err()
}

// SaveCanned creates (ID 0) or updates a canned answer of the principal's
// brand.
func (s *Service) SaveCanned(ctx context.Context, p *auth.Principal, c *Canned) error {
	c.BrandID = p.BrandID
	if err := validateCanned(c); err != nil {
		return err
	}
	now := s.d.Clock()
	return s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		action, changes := "canned_created", audit.Created(map[string]any{"title": c.Title, "locale": c.Locale, "body": c.Body})
		var err error
		if c.ID == 0 {
			err = tx.QueryRowContext(ctx, `INSERT INTO inbox_canned_answers (brand_id, locale, title, body, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.BrandID, c.Locale, c.Title, c.Body, now.UnixMilli(), now.UnixMilli()).Scan(&c.ID)
		} else {
			before, gerr := GetCanned(ctx, tx, c.BrandID, c.ID)
			if gerr != nil {
				return gerr
			}
			action = "canned_updated"
			changes = audit.Diff(map[string]any{"title": before.Title, "locale": before.Locale, "body": before.Body},
				map[string]any{"title": c.Title, "locale": c.Locale, "body": c.Body})
			_, err = tx.ExecContext(ctx, `UPDATE inbox_canned_answers SET locale = ?, title = ?, body = ?, updated_at = ?
				WHERE brand_id = ? AND id = ?`, c.Locale, c.Title, c.Body, now.UnixMilli(), c.BrandID, c.ID)
		}
		if db.IsUniqueViolation(err, "title") {
			var f apperr.Fields
			f.Add("title", "inbox.validation.title_taken", "Another canned answer in this language has this title.")
			return f.Err()
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, c.BrandID, action, "canned_answer", itoa(c.ID), changes, now)
	})
}

// DeleteCanned removes a canned answer of the principal's brand.
func (s *Service) DeleteCanned(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.d.Clock()
	return s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		c, err := GetCanned(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM inbox_canned_answers WHERE brand_id = ? AND id = ?`, p.BrandID, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "canned_deleted", "canned_answer", itoa(id),
			map[string]audit.Change{"title": {From: c.Title}, "locale": {From: c.Locale}}, now)
	})
}

// MergeCanned fills a canned answer's merge fields for one thread and the
// team member answering it.
func MergeCanned(body string, t *Thread, sender string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(t.CreatorName), " ")
	values := map[string]string{"creator_first_name": first, "creator_name": t.CreatorName, "brand_name": t.BrandName,
		"sender_name": sender, "campaign_name": t.CampaignName}
	return mergeField.ReplaceAllStringFunc(body, func(m string) string {
		if v, ok := values[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}
