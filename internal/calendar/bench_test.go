package calendar_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// BenchmarkCalendar measures the month view, the week view and the
// iCalendar feed through HTTP for a brand with 1,000 campaigns over three
// years (2 to 9 weeks each) and 5 deliverables per campaign, on each
// engine. Run with:
//
//	go test ./internal/calendar -run '^$' -bench Calendar -benchtime 50x
func BenchmarkCalendar(b *testing.B) {
	engines := map[string]func(testing.TB) *db.DB{"sqlite": dbtest.SQLite}
	if dbtest.PostgresURL(b) != "" {
		engines["postgres"] = dbtest.Postgres
	}
	for _, name := range []string{"sqlite", "postgres"} {
		open, ok := engines[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			d := open(b)
			env := apptest.New(b, d)
			br := env.Brand("Bench")
			u := env.User("cm@bench.test", br.ID, auth.CommunityManager)
			seedPlans(b, d, br.ID, u.ID)
			c := env.SignIn(u.Email)
			res := c.PostForm("/calendar/feed", nil)
			m := regexp.MustCompile(`/calendar/feed/rcf_[A-Za-z0-9_-]+\.ics`).FindString(res.Body)
			for _, page := range []struct{ name, path string }{
				{"month", "/calendar?month=2027-03"},
				{"week", "/calendar/week?date=2027-03-15"},
				{"feed", m},
			} {
				b.Run(page.name, func(b *testing.B) {
					var bytes int
					for b.Loop() {
						res := c.Get(page.path)
						if res.Status != http.StatusOK {
							b.Fatalf("%s: %d", page.path, res.Status)
						}
						bytes = len(res.Body)
					}
					b.ReportMetric(float64(bytes), "bytes")
				})
			}
		})
	}
}

// seedPlans writes 1,000 campaigns starting every ~1.1 days from January
// 2026, each 2–9 weeks long, with 5 deliverables due across it.
func seedPlans(b *testing.B, d *db.DB, brandID, ownerID int64) {
	b.Helper()
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := time.Now().UnixMilli()
	err := d.InTx(ctx, func(tx *db.Tx) error {
		for i := range 1000 {
			from := start.AddDate(0, 0, i*11/10)
			to := from.AddDate(0, 0, 14+(i*7)%49)
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO campaigns (brand_id, name, status, starts_on, ends_on, owner_user_id, created_at, updated_at)
				VALUES (?, ?, 'active', ?, ?, ?, ?, ?) RETURNING id`, brandID, fmt.Sprintf("Campaign %04d", i),
				from.Format("2006-01-02"), to.Format("2006-01-02"), ownerID, now, now).Scan(&id); err != nil {
				return err
			}
			for j := range 5 {
				due := from.AddDate(0, 0, int(to.Sub(from).Hours()/24)*j/5)
				if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_deliverables (brand_id, campaign_id, position, platform, kind, quantity, due_on, created_at, updated_at)
					VALUES (?, ?, ?, 'instagram', 'reel', 1, ?, ?, ?)`, brandID, id, j+1, due.Format("2006-01-02"), now, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
