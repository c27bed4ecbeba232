package stages

import (
	"context"
	"slices"

	"github.com/rosterhq/roster/internal/db"
)

// List returns the brand's stages in order; a brand that never changed
// its stages has the defaults.
func List(ctx context.Context, q db.Querier, brandID int64) ([]Stage, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, label, kind, position FROM brand_stages
		WHERE brand_id = ? ORDER BY position, id`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Stage
	for rows.Next() {
		var s Stage
		if err := rows.Scan(&s.Key, &s.Label, &s.Kind, &s.Position); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return Defaults(), nil
	}
	return out, nil
}

// Keys returns the keys of the brand's stages in order.
func Keys(ctx context.Context, q db.Querier, brandID int64) ([]string, error) {
	list, err := List(ctx, q, brandID)
	if err != nil {
		return nil, err
	}
	return keysOf(list), nil
}

// Has reports whether key is one of the brand's stages.
func Has(ctx context.Context, q db.Querier, brandID int64, key string) (bool, error) {
	keys, err := Keys(ctx, q, brandID)
	return slices.Contains(keys, key), err
}

// save replaces the brand's stages with list, renumbering positions. The
// first change writes the defaults with it, so a brand's rows are always
// its whole list.
func save(ctx context.Context, tx *db.Tx, brandID int64, list []Stage) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM brand_stages WHERE brand_id = ?`, brandID); err != nil {
		return err
	}
	for i, s := range list {
		if _, err := tx.ExecContext(ctx, `INSERT INTO brand_stages (brand_id, key, label, kind, position) VALUES (?, ?, ?, ?, ?)`,
			brandID, s.Key, s.Label, s.Kind, i); err != nil {
			return err
		}
	}
	return nil
}

// countIn counts the brand's creators in stage key.
func countIn(ctx context.Context, q db.Querier, brandID int64, key string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM creators WHERE brand_id = ? AND stage = ?`, brandID, key).Scan(&n)
	return n, err
}

// Counts returns how many of the brand's creators are in each stage.
func Counts(ctx context.Context, q db.Querier, brandID int64) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT stage, count(*) FROM creators WHERE brand_id = ? GROUP BY stage`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var key string
		var n int64
		if err := rows.Scan(&key, &n); err != nil {
			return nil, err
		}
		out[key] = n
	}
	return out, rows.Err()
}
