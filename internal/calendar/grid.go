package calendar

import (
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/i18n"
)

// Weeks start on Monday (ISO 8601) in every language Roster speaks.

// MonthRange is the span a month view shows: whole weeks from the Monday
// on or before the 1st to the Sunday on or after the last day.
func MonthRange(month time.Time) Range {
	first := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	return Range{From: WeekStart(first), To: WeekStart(last).AddDate(0, 0, 6)}
}

// WeekRange is the Monday-to-Sunday week holding day.
func WeekRange(day time.Time) Range {
	from := WeekStart(day)
	return Range{From: from, To: from.AddDate(0, 0, 6)}
}

// WeekStart is the Monday on or before day.
func WeekStart(day time.Time) time.Time {
	day = Day(day)
	back := (int(day.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return day.AddDate(0, 0, -back)
}

// Cell is one day of a view.
type Cell struct {
	Day     time.Time
	Label   string // the day in full, for headings and screen readers
	Number  int    // day of the month
	Outside bool   // in the month view, a day of the month before or after
	Today   bool
	Items   []CellItem
}

// Quiet reports whether the day has only spans that began earlier: a
// phone's month list leaves such days out.
func (c Cell) Quiet() bool {
	for _, it := range c.Items {
		if !it.Continues {
			return false
		}
	}
	return true
}

// Date is the cell's ISO date (for data attributes and forms).
func (c Cell) Date() string { return c.Day.Format(DateLayout) }

// CellItem is an event as shown on one day: a span's later days are
// continuations, named in full only where a week row starts.
type CellItem struct {
	Event
	Continues bool // not the span's first day
	Named     bool // show the title (first day, or first day of a row)
}

// Cells lays events out over the days of r, week row by week row.
func Cells(l *i18n.Localizer, r Range, events []Event, today time.Time, month time.Month) [][]Cell {
	var weeks [][]Cell
	for day := r.From; !day.After(r.To); day = day.AddDate(0, 0, 1) {
		if WeekStart(day).Equal(day) {
			weeks = append(weeks, nil)
		}
		c := Cell{Day: day, Label: DayLabel(l, day), Number: day.Day(), Today: day.Equal(Day(today)),
			Outside: month != 0 && day.Month() != month}
		for _, e := range events {
			if !e.Covers(day) {
				continue
			}
			first := day.Equal(e.Start)
			c.Items = append(c.Items, CellItem{Event: e, Continues: !first, Named: first || day.Equal(WeekStart(day))})
		}
		weeks[len(weeks)-1] = append(weeks[len(weeks)-1], c)
	}
	return weeks
}

// DayLabel names a day in full: "Monday, Nov 23, 2026".
func DayLabel(l *i18n.Localizer, day time.Time) string {
	return l.T("calendar.day_label", "weekday", WeekdayName(l, day.Weekday()), "date", l.Date(day))
}

// WeekdayName is a weekday's name in the viewer's language.
func WeekdayName(l *i18n.Localizer, d time.Weekday) string {
	key := "calendar.weekday." + strconv.Itoa(isoWeekday(d)) // all seven: TestEveryBuiltKeyIsInTheCatalogues
	return l.T(key)
}

// WeekdayShort is a weekday's abbreviation, for the month grid's heads.
func WeekdayShort(l *i18n.Localizer, d time.Weekday) string {
	key := "calendar.weekday_short." + strconv.Itoa(isoWeekday(d))
	return l.T(key)
}

// isoWeekday numbers Monday 1 … Sunday 7.
func isoWeekday(d time.Weekday) int {
	if d == time.Sunday {
		return 7
	}
	return int(d)
}
