package applications

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// Review is one team member's rubric scores (1–5 per criterion key) and
// comment on an application.
type Review struct {
	UserID    int64          `json:"user_id"`
	Reviewer  string         `json:"reviewer"`
	Scores    map[string]int `json:"scores"`
	Comment   string         `json:"comment"`
	UpdatedAt time.Time      `json:"updated_at"`
}

const maxComment = 5000

// Reviews lists an application's reviews, oldest first.
func Reviews(ctx context.Context, q db.Querier, brandID, appID int64) ([]Review, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.user_id, COALESCE(NULLIF(u.name, ''), u.email), r.scores, r.comment, r.updated_at
		FROM application_reviews r JOIN users u ON u.id = r.user_id WHERE r.brand_id = ? AND r.application_id = ? ORDER BY r.id`, brandID, appID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Review{}
	for rows.Next() {
		var r Review
		var scores string
		var at int64
		if err := rows.Scan(&r.UserID, &r.Reviewer, &scores, &r.Comment, &at); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(scores), &r.Scores); err != nil {
			return nil, err
		}
		r.UpdatedAt = time.UnixMilli(at).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// Combined is the team score: the average of every reviewer's criterion
// scores, each weighted by its criterion's weight in the rubric. Scores
// for criteria no longer in the rubric are left out; nil when nobody has
// scored yet.
func Combined(rubric []Criterion, reviews []Review) *float64 {
	var sum, weights float64
	for _, r := range reviews {
		for _, c := range rubric {
			if s, ok := r.Scores[c.Key]; ok && c.Weight > 0 {
				sum += c.Weight * float64(s)
				weights += c.Weight
			}
		}
	}
	if weights == 0 {
		return nil
	}
	v := sum / weights
	return &v
}

// SaveReview stores the principal's scores and comment on an application
// (replacing their earlier ones) and updates its team score.
func (s *Service) SaveReview(ctx context.Context, p *auth.Principal, appID int64, scores map[string]int, comment string) error {
	cfg, err := LoadConfig(ctx, s.DB, p.BrandID)
	if err != nil {
		return err
	}
	var errs apperr.Fields
	kept := map[string]int{}
	for _, c := range cfg.Rubric {
		if v, ok := scores[c.Key]; ok {
			if v < 1 || v > 5 {
				errs.Add("score."+c.Key, "applications.validation.score_1_5", "Score from 1 to 5.")
			}
			kept[c.Key] = v
		}
	}
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > maxComment {
		errs.Add("comment", "validation.too_long", "This comment is too long.", "max", maxComment)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if p.UserID() == 0 {
		return apperr.New(apperr.Forbidden, "Only a person can review.")
	}
	now := s.Now().UTC()
	body, _ := json.Marshal(kept)
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := Get(ctx, tx, p.BrandID, appID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE application_reviews SET scores = ?, comment = ?, updated_at = ?
			WHERE brand_id = ? AND application_id = ? AND user_id = ?`, string(body), comment, now.UnixMilli(), p.BrandID, appID, p.UserID())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO application_reviews (brand_id, application_id, user_id, scores, comment, updated_at)
				VALUES (?, ?, ?, ?, ?, ?)`, p.BrandID, appID, p.UserID(), string(body), comment, now.UnixMilli()); err != nil {
				return err
			}
		}
		if err := refreshTeamScore(ctx, tx, p.BrandID, a, cfg.Rubric); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "review", "application", strconv.FormatInt(appID, 10),
			map[string]audit.Change{"scores": {To: kept}, "comment": {To: comment}}, now)
	})
}

// refreshTeamScore recomputes an application's team score and queue key.
func refreshTeamScore(ctx context.Context, tx *db.Tx, brandID int64, a *Application, rubric []Criterion) error {
	reviews, err := Reviews(ctx, tx, brandID, a.ID)
	if err != nil {
		return err
	}
	team := Combined(rubric, reviews)
	_, err = tx.ExecContext(ctx, `UPDATE applications SET team_score = ?, queue_rank = ? WHERE brand_id = ? AND id = ?`,
		team, queueRank(a.AutoScore, team), brandID, a.ID)
	return err
}
