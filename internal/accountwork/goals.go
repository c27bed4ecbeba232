package accountwork

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// Custom is the metric whose actual value people enter by hand.
const Custom = "custom"

// metric computes a goal's actual value from what Roster holds, over the
// period [from, to) in unix milliseconds (or now, for a state).
type metric func(ctx context.Context, q db.Querier, brandID int64, from, to int64) (int64, error)

func count(query string) metric {
	return func(ctx context.Context, q db.Querier, brandID int64, from, to int64) (int64, error) {
		var n int64
		err := q.QueryRowContext(ctx, query, brandID, from, to).Scan(&n)
		return n, err
	}
}

// Metrics are the goals Roster can measure itself, by key. A goal on any
// other key is custom and its actual value is entered by hand.
var Metrics = map[string]metric{
	// A state, not a flow: the creators in the active stage now.
	"active_creators": func(ctx context.Context, q db.Querier, brandID int64, _, _ int64) (int64, error) {
		var n int64
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM creators WHERE brand_id = ? AND stage = 'active'`, brandID).Scan(&n)
		return n, err
	},
	"creators_added":        count(`SELECT COUNT(*) FROM creators WHERE brand_id = ? AND created_at >= ? AND created_at < ?`),
	"applications_received": count(`SELECT COUNT(*) FROM applications WHERE brand_id = ? AND submitted_at >= ? AND submitted_at < ?`),
	"applicants_reviewed":   count(`SELECT COUNT(*) FROM applications WHERE brand_id = ? AND decided_at >= ? AND decided_at < ?`),
	"invitations_sent":      count(`SELECT COUNT(*) FROM invitations WHERE brand_id = ? AND sent_at >= ? AND sent_at < ?`),
	"hours_logged": func(ctx context.Context, q db.Querier, brandID int64, from, to int64) (int64, error) {
		var minutes int64
		err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(minutes), 0) FROM time_entries WHERE brand_id = ? AND day >= ? AND day < ?`,
			brandID, time.UnixMilli(from).UTC().Format(dateLayout), time.UnixMilli(to).UTC().Format(dateLayout)).Scan(&minutes)
		return minutes / 60, err
	},
	"campaigns_launched": func(ctx context.Context, q db.Querier, brandID int64, from, to int64) (int64, error) {
		var n int64
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM campaigns WHERE brand_id = ? AND status IN ('active', 'completed') AND starts_on >= ? AND starts_on < ?`,
			brandID, time.UnixMilli(from).UTC().Format(dateLayout), time.UnixMilli(to).UTC().Format(dateLayout)).Scan(&n)
		return n, err
	},
}

// MetricKeys lists the metrics in display order, custom last.
var MetricKeys = []string{"active_creators", "creators_added", "applications_received", "applicants_reviewed",
	"invitations_sent", "campaigns_launched", "hours_logged", Custom}

// fillActual sets g's actual value: computed for a metric Roster knows,
// the manual value otherwise.
func fillActual(ctx context.Context, q db.Querier, brandID int64, g *Goal) error {
	m, ok := Metrics[g.Metric]
	if !ok {
		g.Actual, g.Computed = g.ManualActual, false
		return nil
	}
	from, err1 := time.Parse(dateLayout, g.PeriodStart)
	to, err2 := time.Parse(dateLayout, g.PeriodEnd)
	if err1 != nil || err2 != nil {
		return nil
	}
	n, err := m(ctx, q, brandID, from.UnixMilli(), to.AddDate(0, 0, 1).UnixMilli())
	if err != nil {
		return err
	}
	g.Actual, g.Computed = &n, true
	return nil
}
