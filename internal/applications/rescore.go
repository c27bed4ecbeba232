package applications

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/rosterhq/roster/internal/db"
)

// rescore recomputes the automatic score of the brand's applications
// still waiting for a decision, after the setup they are scored against
// changed. Medians are measured once for all of them.
func rescore(ctx context.Context, tx *db.Tx, brandID int64, cfg Config) (int, error) {
	medians, err := LoadMedians(ctx, tx, brandID)
	if err != nil {
		return 0, err
	}
	type pending struct {
		app      Application
		recorded map[string]int64
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, country, languages, recorded_followers, team_score FROM applications
		WHERE brand_id = ? AND status = ?`, brandID, StatusSubmitted)
	if err != nil {
		return 0, err
	}
	var list []pending
	for rows.Next() {
		var p pending
		var langs, rec string
		if err := rows.Scan(&p.app.ID, &p.app.Country, &langs, &rec, &p.app.TeamScore); err != nil {
			rows.Close()
			return 0, err
		}
		if langs != "" {
			p.app.Languages = strings.Split(langs, ",")
		}
		if err := json.Unmarshal([]byte(rec), &p.recorded); err != nil {
			rows.Close()
			return 0, err
		}
		list = append(list, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	apps := make([]Application, len(list))
	for i := range list {
		apps[i] = list[i].app
	}
	if err := attachAccounts(ctx, tx, brandID, apps); err != nil {
		return 0, err
	}
	for i, a := range apps {
		score, reasons := AutoScore(cfg, Applicant{Country: a.Country, Languages: a.Languages, Accounts: a.Accounts, Recorded: list[i].recorded}, medians)
		body, _ := json.Marshal(reasons)
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET auto_score = ?, auto_reasons = ?, queue_rank = ? WHERE brand_id = ? AND id = ?`,
			score, string(body), queueRank(score, list[i].app.TeamScore), brandID, a.ID); err != nil {
			return 0, err
		}
	}
	return len(apps), nil
}
