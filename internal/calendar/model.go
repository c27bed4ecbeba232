// Package calendar is the editorial calendar: month and week views of
// what a brand has planned (campaign spans and deliverable due dates
// today; meetings, shipments and planned posts as their rooms add
// sources), moving a due date from the calendar, and a secret iCalendar
// feed per person and brand.
//
// Every item on the calendar comes from a Source. The calendar's core
// (views, feed) only knows Events; a room that wants its records on the
// calendar implements Source and calls AddSource, so it plugs in without
// editing this package.
package calendar

import (
	"fmt"
	"time"
)

// DateLayout is how calendar dates are written in the database, forms
// and URLs: ISO 8601, which sorts as text.
const DateLayout = "2006-01-02"

// Event is one item on the calendar. All items are whole days: Start and
// End are UTC midnights, End inclusive (a one-day item has End == Start).
type Event struct {
	Source string // the Source's name; also the item's CSS class
	ID     int64  // the record's id within its source
	Title  string // already in the viewer's language
	Detail string // a second line: where it belongs, what it is
	Start  time.Time
	End    time.Time
	// CampaignID and OwnerUserID drive the filters; 0 when not linked.
	CampaignID  int64
	OwnerUserID int64
	// Updated is when the record last changed (the feed's DTSTAMP).
	Updated time.Time
	// Link is the record's own page ("" for none); the feed's URL too.
	Link string
	// MovePath is the page that moves the item to another day, or "" when
	// it cannot be moved from the calendar.
	MovePath string
}

// UID is the item's identity in the iCalendar feed: stable for as long
// as the record exists, so calendar applications update it in place.
func (e Event) UID(host string) string {
	return fmt.Sprintf("%s-%d@%s", e.Source, e.ID, host)
}

// Covers reports whether the item takes place on day.
func (e Event) Covers(day time.Time) bool {
	return !day.Before(e.Start) && !day.After(e.End)
}

// Range is a span of whole days, both ends included.
type Range struct {
	From, To time.Time
}

// Filter narrows the calendar; zero values mean "all".
type Filter struct {
	CampaignID  int64
	OwnerUserID int64
}

// ParseDate reads an ISO date; the second result is false when s is not
// one.
func ParseDate(s string) (time.Time, bool) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// Day returns t's UTC calendar day at midnight.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
