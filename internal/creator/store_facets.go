package creator

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rosterhq/roster/internal/db"
)

// Count returns how many creators the brand has.
func (s *Store) Count(ctx context.Context, q db.Querier, brandID int64) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM creators WHERE brand_id = ?`, brandID).Scan(&n)
	return n, err
}

// Tags returns the brand's distinct tags, sorted, for filter menus.
func (s *Store) Tags(ctx context.Context, q db.Querier, brandID int64) ([]string, error) {
	return scanStrings(q.QueryContext(ctx, `SELECT DISTINCT tag FROM creator_tags WHERE brand_id = ? ORDER BY tag`, brandID))
}

// Countries returns the distinct countries of the brand's creators,
// sorted, for filter menus.
func (s *Store) Countries(ctx context.Context, q db.Querier, brandID int64) ([]string, error) {
	return scanStrings(q.QueryContext(ctx, `SELECT DISTINCT country FROM creators WHERE brand_id = ? AND country <> '' ORDER BY country`, brandID))
}

// scanStrings reads a one-column result of strings.
func scanStrings(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func joinComma(items []string) string { return strings.Join(items, ", ") }
