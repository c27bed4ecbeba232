package creator

import (
	"context"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// setStage moves one creator of the brand to stage.
func (s *Store) setStage(ctx context.Context, tx *db.Tx, brandID, id int64, stage string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE creators SET stage = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
		stage, now.UnixMilli(), brandID, id)
	return err
}

// stagesOf returns the current stage of each of the brand's creators
// among ids (others are absent from the map).
func (s *Store) stagesOf(ctx context.Context, tx *db.Tx, brandID int64, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	for start := 0; start < len(ids); start += bulkChunk {
		chunk := ids[start:min(start+bulkChunk, len(ids))]
		rows, err := tx.QueryContext(ctx, `SELECT id, stage FROM creators WHERE brand_id = ? AND id IN (`+db.Placeholders(len(chunk))+`)`,
			append([]any{brandID}, int64Args(chunk)...)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var stage string
			if err := rows.Scan(&id, &stage); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = stage
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// StageCounts counts the brand's creators matching lq's filters in each
// stage (lq.Stage, sort and cursor are ignored). Without filters it reads
// only the (brand_id, stage, …) index.
func (s *Store) StageCounts(ctx context.Context, q db.Querier, brandID int64, lq ListQuery) (map[string]int64, error) {
	lq.Stage = ""
	where, args := listFilters(q.Dialect(), brandID, lq, false)
	rows, err := q.QueryContext(ctx, `SELECT c.stage, count(*) FROM creators c WHERE `+strings.Join(where, " AND ")+` GROUP BY c.stage`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var stage string
		var n int64
		if err := rows.Scan(&stage, &n); err != nil {
			return nil, err
		}
		out[stage] = n
	}
	return out, rows.Err()
}
