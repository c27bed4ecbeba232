package inbox

import (
	"context"
	"database/sql"
	"slices"
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
// The medians are taken in Go from one indexed range read of the brand's
// threads, the same on both engines.
func WeeklyMetrics(ctx context.Context, q db.Querier, brandID int64, now time.Time, n int) ([]Week, error) {
	first := weekStart(now).AddDate(0, 0, -7*(n-1))
	rows, err := q.QueryContext(ctx, `SELECT first_creator_at, first_response_at, closed_at FROM inbox_threads
		WHERE brand_id = ? AND first_creator_at >= ?`, brandID, first.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	weeks := make([]Week, n)
	answers := make([][]time.Duration, n)
	resolutions := make([][]time.Duration, n)
	for i := range weeks {
		weeks[i].Start = first.AddDate(0, 0, 7*i)
	}
	for rows.Next() {
		var asked int64
		var answered, closed sql.NullInt64
		if err := rows.Scan(&asked, &answered, &closed); err != nil {
			return nil, err
		}
		i := int(ms(asked).Sub(first) / (7 * 24 * time.Hour))
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
		return nil, err
	}
	for i := range weeks {
		weeks[i].MedianFirstAnswer = median(answers[i])
		weeks[i].MedianResolution = median(resolutions[i])
	}
	return weeks, nil
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
