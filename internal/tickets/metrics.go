package tickets

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// MonthStats are one month's tickets (by the month they were opened, in
// UTC): how many, and the medians of first-response and resolution time
// over those that have one.
type MonthStats struct {
	Month               string         `json:"month"` // YYYY-MM
	AssigneeID          int64          `json:"assignee_user_id,omitempty"`
	AssigneeLabel       string         `json:"assignee,omitempty"`
	Opened              int            `json:"opened"`
	Responded           int            `json:"responded"`
	Resolved            int            `json:"resolved"`
	MedianFirstResponse *time.Duration `json:"-"`
	MedianResolution    *time.Duration `json:"-"`
}

// Metrics are a brand's ticket times per month, overall and per account
// manager (the ticket's assignee).
type Metrics struct {
	Months     []MonthStats
	ByAssignee []MonthStats
}

type sample struct {
	month, label     string
	assignee         int64
	response, settle *time.Duration
}

// BrandMetrics computes the brand's medians from its tickets opened in
// [from, to). Medians are computed here rather than in SQL because the
// two engines disagree on percentile functions and a month of tickets is
// small.
func BrandMetrics(ctx context.Context, q db.Querier, brandID int64, from, to time.Time) (*Metrics, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.opened_at, t.first_response_at, t.resolved_at, t.assignee_id, COALESCE(NULLIF(u.name, ''), u.email, '')
		FROM tickets t LEFT JOIN users u ON u.id = t.assignee_id
		WHERE t.brand_id = ? AND t.opened_at >= ? AND t.opened_at < ? ORDER BY t.opened_at`, brandID, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []sample
	for rows.Next() {
		var opened int64
		var first, resolved, assignee sql.NullInt64
		var s sample
		if err := rows.Scan(&opened, &first, &resolved, &assignee, &s.label); err != nil {
			return nil, err
		}
		s.month = ms(opened).Format("2006-01")
		s.assignee = assignee.Int64
		if first.Valid {
			d := time.Duration(first.Int64-opened) * time.Millisecond
			s.response = &d
		}
		if resolved.Valid {
			d := time.Duration(resolved.Int64-opened) * time.Millisecond
			s.settle = &d
		}
		all = append(all, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	m := &Metrics{
		Months:     group(all, func(s sample) (int64, string) { return 0, "" }),
		ByAssignee: group(all, func(s sample) (int64, string) { return s.assignee, s.label }),
	}
	return m, nil
}

// group buckets samples by month and key, newest month first, then by
// the key's label (unassigned last).
func group(all []sample, key func(sample) (int64, string)) []MonthStats {
	type bucket struct {
		stats            MonthStats
		response, settle []time.Duration
	}
	type id struct {
		month string
		key   int64
	}
	buckets := map[id]*bucket{}
	for _, s := range all {
		k, label := key(s)
		b := buckets[id{s.month, k}]
		if b == nil {
			b = &bucket{stats: MonthStats{Month: s.month, AssigneeID: k, AssigneeLabel: label}}
			buckets[id{s.month, k}] = b
		}
		b.stats.Opened++
		if s.response != nil {
			b.response = append(b.response, *s.response)
		}
		if s.settle != nil {
			b.settle = append(b.settle, *s.settle)
		}
	}
	out := make([]MonthStats, 0, len(buckets))
	for _, b := range buckets {
		b.stats.Responded, b.stats.Resolved = len(b.response), len(b.settle)
		b.stats.MedianFirstResponse, b.stats.MedianResolution = Median(b.response), Median(b.settle)
		out = append(out, b.stats)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Month != b.Month {
			return a.Month > b.Month
		}
		if (a.AssigneeID == 0) != (b.AssigneeID == 0) {
			return b.AssigneeID == 0
		}
		return a.AssigneeLabel < b.AssigneeLabel
	})
	return out
}

// Median is the middle duration (the mean of the two middle ones for an
// even count), or nil for none.
func Median(ds []time.Duration) *time.Duration {
	if len(ds) == 0 {
		return nil
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return &m
}
