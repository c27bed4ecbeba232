package creator

import (
	"context"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

var errFilterNotFound = apperr.New(apperr.NotFound, "saved filter not found")

const filterColumns = `f.id, f.brand_id, f.name, f.query, f.created_by, COALESCE(NULLIF(u.name, ''), u.email, ''), f.created_at, f.updated_at
	FROM saved_filters f LEFT JOIN users u ON u.id = f.created_by`

// SavedFilters returns the brand's saved filters by name.
func SavedFilters(ctx context.Context, q db.Querier, brandID int64) ([]SavedFilter, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+filterColumns+` WHERE f.brand_id = ? ORDER BY f.name_key, f.id`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []SavedFilter{}
	for rows.Next() {
		f, err := scanFilter(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *f)
	}
	return out, rows.Err()
}

// GetSavedFilter returns one saved filter of the brand; another brand's
// is NotFound.
func GetSavedFilter(ctx context.Context, q db.Querier, brandID, id int64) (*SavedFilter, error) {
	f, err := scanFilter(q.QueryRowContext(ctx, `SELECT `+filterColumns+` WHERE f.brand_id = ? AND f.id = ?`, brandID, id))
	if db.IsNoRows(err) {
		return nil, errFilterNotFound
	}
	return f, err
}

func scanFilter(row interface{ Scan(...any) error }) (*SavedFilter, error) {
	var f SavedFilter
	var created, updated int64
	if err := row.Scan(&f.ID, &f.BrandID, &f.Name, &f.Query, &f.CreatedBy, &f.CreatorName, &created, &updated); err != nil {
		return nil, err
	}
	f.CreatedAt, f.UpdatedAt = fromMillis(created), fromMillis(updated)
	return &f, nil
}

// SaveFilter validates and stores a new saved filter of the principal's
// brand, made by the principal.
func (s *Service) SaveFilter(ctx context.Context, p *auth.Principal, name, query string) (*SavedFilter, error) {
	f := &SavedFilter{BrandID: p.BrandID, Name: name, Query: query}
	if err := checkFilter(f); err != nil {
		return nil, err
	}
	if p.User != nil {
		f.CreatedBy = &p.User.ID
	}
	now := s.Now().UTC()
	f.CreatedAt, f.UpdatedAt = now, now
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO saved_filters (brand_id, name, name_key, query, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, f.BrandID, f.Name, nameKey(f.Name), f.Query, f.CreatedBy,
			now.UnixMilli(), now.UnixMilli()).Scan(&f.ID)
		if db.IsUniqueViolation(err, "name_key") {
			return filterNameTaken(f.Name)
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "create", "saved_filter", itoa(f.ID), audit.Created(filterSnapshot(f)), now)
	})
	if err != nil {
		return nil, err
	}
	return GetSavedFilter(ctx, s.DB, p.BrandID, f.ID)
}

// UpdateFilter renames a saved filter and/or replaces its query; a nil
// one is left as it is.
func (s *Service) UpdateFilter(ctx context.Context, p *auth.Principal, id int64, name, query *string) (*SavedFilter, error) {
	before, err := GetSavedFilter(ctx, s.DB, p.BrandID, id)
	if err != nil {
		return nil, err
	}
	after := *before
	if name != nil {
		after.Name = *name
	}
	if query != nil {
		after.Query = *query
	}
	if err := checkFilter(&after); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE saved_filters SET name = ?, name_key = ?, query = ?, updated_at = ?
			WHERE brand_id = ? AND id = ?`, after.Name, nameKey(after.Name), after.Query, now.UnixMilli(), p.BrandID, id)
		if db.IsUniqueViolation(err, "name_key") {
			return filterNameTaken(after.Name)
		}
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errFilterNotFound // deleted meanwhile
		}
		changes := audit.Diff(filterSnapshot(before), filterSnapshot(&after))
		if len(changes) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, p, p.BrandID, "update", "saved_filter", itoa(id), changes, now)
	})
	if err != nil {
		return nil, err
	}
	return GetSavedFilter(ctx, s.DB, p.BrandID, id)
}

// DeleteFilter removes a saved filter of the principal's brand.
func (s *Service) DeleteFilter(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		f, err := GetSavedFilter(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM saved_filters WHERE brand_id = ? AND id = ?`, p.BrandID, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "delete", "saved_filter", itoa(id), audit.Diff(filterSnapshot(f), nil), now)
	})
}
