package inbox

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// Week is the response-time figures of the threads whose first creator
// message fell in one week (Monday to Sunday, UTC).
type Week struct {
	Start             time.Time
	Threads           int            // threads whose creator first wrote this week
	Answered          int            // of them, answered by the team
	Resolved          int            // of them, closed
	MedianFirstAnswer *time.Duration // nil when none was answered
	MedianResolution  *time.Duration // nil when none was closed
}

// WeeklyMetrics returns the last n weeks up to now, oldest first: first
// response time (first creator message → first team answer) and
// resolution time (first creator message → closed) with their medians.
func WeeklyMetrics(ctx context.Context, q db.Querier, brandID int64, now time.Time, n int) ([]Week, error) {
	first := weekStart(now).AddDate(0, 0, -7*(n-1))
	weeks := make([]Week, n)
	for i := range weeks {
		weeks[i].Start = first.AddDate(0, 0, 7*i)
	}
	if q.Dialect() == db.Postgres {
		return weeks, weeklyInSQL(ctx, q, brandID, first, weeks)
	}
	return weeks, weeklyInGo(ctx, q, brandID, first, weeks)
}

const weekMs = 7 * 24 * 60 * 60 * 1000

// weeklyInSQL lets PostgreSQL count and take the medians (percentile_cont
// interpolates the two middle values of an even count, as median does),
// so a page gets 8 rows instead of every thread of 8 weeks.
func weeklyInSQL(ctx context.Context, q db.Querier, brandID int64, first time.Time, weeks []Week) error {
	rows, err := q.QueryContext(ctx, `SELECT (first_creator_at - ?) / `+strconv.Itoa(weekMs)+` AS week, COUNT(*), COUNT(first_response_at), COUNT(closed_at),
		percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_at - first_creator_at),
		percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_at - first_creator_at)
		FROM inbox_threads WHERE brand_id = ? AND first_creator_at >= ? GROUP BY 1`, first.UnixMilli(), brandID, first.UnixMilli())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var i int64
		var w Week
		var answer, resolution sql.NullFloat64
		if err := rows.Scan(&i, &w.Threads, &w.Answered, &w.Resolved, &answer, &resolution); err != nil {
			return err
		}
		if i < 0 || i >= int64(len(weeks)) {
			continue
		}
		w.Start = weeks[i].Start
		w.MedianFirstAnswer, w.MedianResolution = msDuration(answer), msDuration(resolution)
		weeks[i] = w
	}
	return rows.Err()
}

func msDuration(v sql.NullFloat64) *time.Duration {
	if !v.Valid {
		return nil
	}
	d := time.Duration(v.Float64 * float64(time.Millisecond))
	return &d
}

// weeklyInGo reads the weeks' threads from one covering index and takes
// the medians in Go: SQLite has no percentile function, and in-process
// rows are cheap.
func weeklyInGo(ctx context.Context, q db.Querier, brandID int64, first time.Time, weeks []Week) error {
	rows, err := q.QueryContext(ctx, `SELECT first_creator_at, first_response_at, closed_at FROM inbox_threads
		WHERE brand_id = ? AND first_creator_at >= ?`, brandID, first.UnixMilli())
	if err != nil {
		return err
	}
	defer rows.Close()
	n := len(weeks)
	answers := make([][]time.Duration, n)
	resolutions := make([][]time.Duration, n)
	for rows.Next() {
		var asked int64
		var answered, closed sql.NullInt64
		if err := rows.Scan(&asked, &answered, &closed); err != nil {
			return err
		}
		i := int((asked - first.UnixMilli()) / weekMs)
		if i < 0 || i >= n {
			continue
		}
		weeks[i].Threads++
		if answered.Valid {
			weeks[i].Answered++
			answers[i] = append(answers[i], time.Duration(answered.Int64-asked)*time.Millisecond)
		}
		if closed.Valid {
			weeks[i].Resolved++
			resolutions[i] = append(resolutions[i], time.Duration(closed.Int64-asked)*time.Millisecond)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range weeks {
		weeks[i].MedianFirstAnswer = median(answers[i])
		weeks[i].MedianResolution = median(resolutions[i])
	}
	return nil
}

// weekStart is the Monday 00:00 UTC of t's week.
func weekStart(t time.Time) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	back := (int(day.Weekday()) + 6) % 7 // days since Monday
	return day.AddDate(0, 0, -back)
}

// median is the middle value (the mean of the two middle ones for an even
// count), or nil for none.
func median(ds []time.Duration) *time.Duration {
	if len(ds) == 0 {
		return nil
	}
	slices.Sort(ds)
	m := ds[len(ds)/2]
	if len(ds)%2 == 0 {
		m = (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
	}
	return &m
}
