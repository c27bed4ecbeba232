package applications

import (
	"context"
	"database/sql"

	"github.com/rosterhq/roster/internal/db"
)

// CreatorScores gives each of the brand's creators who applied a score
// from 0 to 100 for suggestion seeds (internal/talentspider): the team's
// combined rubric score when the team has scored them (1–5 mapped onto
// 0–100), else the automatic score; a creator who applied more than once
// keeps their best.
func CreatorScores(ctx context.Context, q db.Querier, brandID int64) (map[int64]float64, error) {
	rows, err := q.QueryContext(ctx, `SELECT creator_id, auto_score, team_score FROM applications
		WHERE brand_id = ? AND creator_id IS NOT NULL AND status <> 'withdrawn'`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]float64{}
	for rows.Next() {
		var id int64
		var auto int
		var team sql.NullFloat64
		if err := rows.Scan(&id, &auto, &team); err != nil {
			return nil, err
		}
		score := float64(auto)
		if team.Valid {
			score = (team.Float64 - 1) / 4 * 100
		}
		if prev, ok := out[id]; !ok || score > prev {
			out[id] = score
		}
	}
	return out, rows.Err()
}
