package applications

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

var errNotFound = apperr.New(apperr.NotFound, "application not found")

// queueRank orders the queue: auto score first, then the team's score.
func queueRank(auto int, team *float64) int64 {
	r := int64(auto) * 1000
	if team != nil {
		r += int64(math.Round(*team * 100))
	}
	return r
}

// insert stores a new application and its accounts.
func insert(ctx context.Context, tx *db.Tx, a *Application, recorded map[string]int64, fingerprint string) error {
	answers, _ := json.Marshal(a.Answers)
	reasons, _ := json.Marshal(a.AutoReasons)
	rec, _ := json.Marshal(recorded)
	err := tx.QueryRowContext(ctx, `INSERT INTO applications (brand_id, creator_id, status, name, email, country, languages,
		answers, auto_score, auto_reasons, recorded_followers, queue_rank, fingerprint, locale, submitted_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.BrandID, a.CreatorID, a.Status, a.Name, a.Email, a.Country, strings.Join(a.Languages, ","), string(answers),
		a.AutoScore, string(reasons), string(rec), queueRank(a.AutoScore, nil), fingerprint, a.Locale, a.SubmittedAt.UnixMilli()).Scan(&a.ID)
	if err != nil {
		return err
	}
	for _, acc := range a.Accounts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO application_accounts (brand_id, application_id, platform, handle, followers,
			engagement_rate, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			a.BrandID, a.ID, acc.Platform, acc.Handle, acc.Followers, acc.EngagementRate, a.SubmittedAt.UnixMilli()); err != nil {
			return err
		}
	}
	return nil
}

const selectColumns = `SELECT id, brand_id, creator_id, status, name, email, country, languages, answers, auto_score,
	auto_reasons, team_score, locale, submitted_at, decided_at, decided_by, decision_reason, queue_rank FROM applications`

// scan reads one row of selectColumns; rank is the queue key.
func scan(row interface{ Scan(...any) error }) (a Application, rank int64, err error) {
	var creatorID, decidedAt, decidedBy sql.NullInt64
	var team sql.NullFloat64
	var langs, answers, reasons string
	var submitted int64
	if err = row.Scan(&a.ID, &a.BrandID, &creatorID, &a.Status, &a.Name, &a.Email, &a.Country, &langs, &answers, &a.AutoScore,
		&reasons, &team, &a.Locale, &submitted, &decidedAt, &decidedBy, &a.DecisionReason, &rank); err != nil {
		return a, 0, err
	}
	if creatorID.Valid {
		a.CreatorID = &creatorID.Int64
	}
	if team.Valid {
		a.TeamScore = &team.Float64
	}
	if decidedAt.Valid {
		t := time.UnixMilli(decidedAt.Int64).UTC()
		a.DecidedAt = &t
	}
	if decidedBy.Valid {
		a.DecidedBy = &decidedBy.Int64
	}
	a.Languages = []string{}
	if langs != "" {
		a.Languages = strings.Split(langs, ",")
	}
	a.SubmittedAt = time.UnixMilli(submitted).UTC()
	if err = json.Unmarshal([]byte(answers), &a.Answers); err != nil {
		return a, 0, err
	}
	if a.Answers == nil {
		a.Answers = map[string]Answer{}
	}
	err = json.Unmarshal([]byte(reasons), &a.AutoReasons)
	if a.AutoReasons == nil {
		a.AutoReasons = []Reason{}
	}
	return a, rank, err
}

// Get returns one application of the brand with its accounts.
func Get(ctx context.Context, q db.Querier, brandID, id int64) (*Application, error) {
	a, _, err := scan(q.QueryRowContext(ctx, selectColumns+` WHERE brand_id = ? AND id = ?`, brandID, id))
	if db.IsNoRows(err) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	list := []Application{a}
	if err := attachAccounts(ctx, q, brandID, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// attachAccounts loads the accounts of a page of applications.
func attachAccounts(ctx context.Context, q db.Querier, brandID int64, apps []Application) error {
	if len(apps) == 0 {
		return nil
	}
	index := map[int64]int{}
	args := []any{brandID}
	marks := make([]string, len(apps))
	for i := range apps {
		index[apps[i].ID] = i
		apps[i].Accounts = []Account{}
		args = append(args, apps[i].ID)
		marks[i] = "?"
	}
	rows, err := q.QueryContext(ctx, `SELECT application_id, platform, handle, followers, engagement_rate FROM application_accounts
		WHERE brand_id = ? AND application_id IN (`+strings.Join(marks, ",")+`) ORDER BY id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var acc Account
		if err := rows.Scan(&id, &acc.Platform, &acc.Handle, &acc.Followers, &acc.EngagementRate); err != nil {
			return err
		}
		apps[index[id]].Accounts = append(apps[index[id]].Accounts, acc)
	}
	return rows.Err()
}

// ForEmail lists the applications made with an email address in every
// brand of the installation, newest first, for the creator portal.
func ForEmail(ctx context.Context, q db.Querier, email string) ([]Summary, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id, b.name, a.status, a.submitted_at, a.decided_at FROM applications a
		JOIN brands b ON b.id = a.brand_id WHERE a.email = ? ORDER BY a.submitted_at DESC, a.id DESC`,
		strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var s Summary
		var submitted int64
		var decided sql.NullInt64
		if err := rows.Scan(&s.ID, &s.BrandName, &s.Status, &submitted, &decided); err != nil {
			return nil, err
		}
		s.SubmittedAt = time.UnixMilli(submitted).UTC()
		if decided.Valid {
			t := time.UnixMilli(decided.Int64).UTC()
			s.DecidedAt = &t
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
