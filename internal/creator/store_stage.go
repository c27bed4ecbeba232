package creator

import (
	"context"
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
