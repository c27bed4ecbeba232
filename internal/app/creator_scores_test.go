package app_test

import (
	"context"
	"testing"

	"github.com/rosterhq/roster/internal/applications"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/talentspider"
)

// TestReviewScoresFeedSuggestions: the team's rubric score wins over the
// automatic one, the best of several applications counts, and the
// suggestion engine is wired to read them.
func TestReviewScoresFeedSuggestions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Scores")
		other := env.NewWorld("Elsewhere")
		ctx := context.Background()
		insert := func(brandID, creatorID int64, auto int, team any) {
			t.Helper()
			if _, err := d.ExecContext(ctx, `INSERT INTO applications (brand_id, creator_id, status, name, email, auto_score, team_score, locale, submitted_at)
				VALUES (?, ?, 'submitted', 'A', 'a@x.test', ?, ?, 'en', 0)`, brandID, creatorID, auto, team); err != nil {
				t.Fatal(err)
			}
		}
		insert(w.Brand.ID, w.Creator.ID, 40, nil)
		insert(w.Brand.ID, w.Creator.ID, 90, 4.0) // team 4/5 → 75, wins over its auto 90
		insert(other.Brand.ID, other.Creator.ID, 99, nil)
		got, err := applications.CreatorScores(ctx, d, w.Brand.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[w.Creator.ID] != 75 {
			t.Fatalf("scores = %v, want only creator %d at 75", got, w.Creator.ID)
		}
		if talentspider.NewService(d, env.Now).Engine.Scores == nil {
			t.Fatal("the suggestion engine does not read review scores")
		}
	})
}
