package timetrack

import (
	"context"
	"slices"
	"time"

	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
)

// Usage is a brand's time for one month against its commitments.
type Usage struct {
	Month       string        `json:"month"` // YYYY-MM
	Days        int           `json:"days"`
	DaysElapsed int           `json:"days_elapsed"` // days of the month up to today, today included
	Closed      bool          `json:"closed"`
	Roles       []RoleUsage   `json:"roles"`
	People      []PersonUsage `json:"people"`
}

// RoleUsage is one role's month: minutes committed and used per category,
// the percentage used, the forecast at the current pace and the
// cumulative minutes used at the end of each day (the burn-down).
type RoleUsage struct {
	Role           string         `json:"role"`
	Committed      map[string]int `json:"committed_minutes"`
	Used           map[string]int `json:"used_minutes"`
	CommittedTotal int            `json:"committed_total"`
	UsedTotal      int            `json:"used_total"`
	// Percent is UsedTotal / CommittedTotal × 100, 0 without a commitment.
	Percent float64 `json:"percent"`
	// Forecast is the minutes the role will have used at the month's end
	// at its pace so far: UsedTotal × Days / DaysElapsed for the current
	// month, UsedTotal for a past month, 0 for a future one.
	Forecast   int   `json:"forecast_minutes"`
	Cumulative []int `json:"cumulative_minutes"` // one per day of the month
}

// PersonUsage is one person's month, per category.
type PersonUsage struct {
	UserID int64          `json:"user_id"`
	Name   string         `json:"name"`
	Role   string         `json:"role"`
	Used   map[string]int `json:"used_minutes"`
	Total  int            `json:"total_minutes"`
}

// ParseMonth reads "YYYY-MM" as the first instant of that month (UTC).
func ParseMonth(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", s)
	return t, err == nil
}

// Utilization computes the brand's month (its first instant, UTC) with
// one grouped read over the month's entries.
func Utilization(ctx context.Context, q db.Querier, brandID int64, month, now time.Time) (*Usage, error) {
	acc, err := newAccumulator(ctx, q, brandID, month, now)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT day, role, category, user_id, SUM(minutes) FROM time_entries
		WHERE brand_id = ? AND day >= ? AND day < ? GROUP BY day, role, category, user_id`,
		brandID, acc.from, acc.to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var day, roleName, cat string
		var userID int64
		var minutes int
		if err := rows.Scan(&day, &roleName, &cat, &userID, &minutes); err != nil {
			return nil, err
		}
		acc.add(day, roleName, cat, userID, minutes)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return acc.finish(ctx, q)
}

// accumulator sums a month's time, from grouped rows (Utilization) or
// from the entries themselves (Statement), into a Usage.
type accumulator struct {
	u        *Usage
	from, to string // the month's first day and the next month's
	roles    map[string]*RoleUsage
	people   map[int64]*PersonUsage
}

func newAccumulator(ctx context.Context, q db.Querier, brandID int64, month, now time.Time) (*accumulator, error) {
	c, err := contract.Get(ctx, q, brandID)
	if err != nil {
		return nil, err
	}
	month = contract.MonthStart(month)
	next := month.AddDate(0, 1, 0)
	u := &Usage{Month: month.Format("2006-01"), Days: int(next.Sub(month).Hours() / 24)}
	switch now = now.UTC(); {
	case !now.Before(next):
		u.DaysElapsed = u.Days
	case !now.Before(month):
		u.DaysElapsed = now.Day()
	}
	if u.Closed, err = MonthClosed(ctx, q, brandID, u.Month); err != nil {
		return nil, err
	}
	a := &accumulator{u: u, from: month.Format(dayLayout), to: next.Format(dayLayout), roles: map[string]*RoleUsage{}, people: map[int64]*PersonUsage{}}
	for _, name := range contract.CommittedRoles {
		r := a.role(name)
		for cat, m := range c.Committed(name, month) {
			r.Committed[cat] = m
			r.CommittedTotal += m
		}
	}
	return a, nil
}

func (a *accumulator) role(name string) *RoleUsage {
	r, ok := a.roles[name]
	if !ok {
		r = &RoleUsage{Role: name, Committed: map[string]int{}, Used: map[string]int{}, Cumulative: make([]int, a.u.Days)}
		for _, cat := range contract.Categories {
			r.Used[cat] = 0
			r.Committed[cat] = 0
		}
		a.roles[name] = r
	}
	return r
}

// add counts minutes of one day ("YYYY-MM-DD" of the month), role,
// category and person.
func (a *accumulator) add(day, roleName, cat string, userID int64, minutes int) {
	r := a.role(roleName)
	r.Used[cat] += minutes
	r.UsedTotal += minutes
	if len(day) == 10 {
		if d := int(day[8]-'0')*10 + int(day[9]-'0'); d >= 1 && d <= a.u.Days {
			r.Cumulative[d-1] += minutes
		}
	}
	p, ok := a.people[userID]
	if !ok {
		p = &PersonUsage{UserID: userID, Role: roleName, Used: map[string]int{}}
		a.people[userID] = p
	}
	p.Used[cat] += minutes
	p.Total += minutes
}

// finish names the people and derives the cumulative minutes, the
// percentages and the forecasts.
func (a *accumulator) finish(ctx context.Context, q db.Querier) (*Usage, error) {
	u := a.u
	if err := names(ctx, q, a.people); err != nil {
		return nil, err
	}
	for _, r := range a.roles {
		for i := 1; i < len(r.Cumulative); i++ {
			r.Cumulative[i] += r.Cumulative[i-1]
		}
		if r.CommittedTotal > 0 {
			r.Percent = float64(r.UsedTotal) * 100 / float64(r.CommittedTotal)
		}
		if u.DaysElapsed > 0 {
			r.Forecast = (r.UsedTotal*u.Days + u.DaysElapsed/2) / u.DaysElapsed
		}
	}
	order := func(role string) int {
		if i := slices.Index(contract.CommittedRoles, role); i >= 0 {
			return i
		}
		return len(contract.CommittedRoles)
	}
	for _, r := range a.roles {
		u.Roles = append(u.Roles, *r)
	}
	slices.SortFunc(u.Roles, func(a, b RoleUsage) int {
		if oa, ob := order(a.Role), order(b.Role); oa != ob {
			return oa - ob
		}
		return compare(a.Role, b.Role)
	})
	for _, p := range a.people {
		u.People = append(u.People, *p)
	}
	slices.SortFunc(u.People, func(a, b PersonUsage) int {
		if a.Total != b.Total {
			return b.Total - a.Total
		}
		return compare(a.Name, b.Name)
	})
	return u, nil
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// names fills the people's display names in one read.
func names(ctx context.Context, q db.Querier, people map[int64]*PersonUsage) error {
	if len(people) == 0 {
		return nil
	}
	args := make([]any, 0, len(people))
	for id := range people {
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(NULLIF(name, ''), email) FROM users WHERE id IN (`+db.Placeholders(len(args))+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		people[id].Name = name
	}
	return rows.Err()
}
