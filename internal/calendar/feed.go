package calendar

import (
	"io"
	"time"
)

// Feed window: calendar applications download the whole feed on every
// refresh, so it carries what planning needs (the last 6 months and the
// next 2 years), not the brand's whole history.
const (
	feedPast   = 183 * 24 * time.Hour
	feedFuture = 2 * 366 * 24 * time.Hour
)

// FeedRange is the span of days a feed fetched at now covers.
func FeedRange(now time.Time) Range {
	return Range{From: Day(now.Add(-feedPast)), To: Day(now.Add(feedFuture))}
}

// FeedCalendar is what a feed says about itself.
type FeedCalendar struct {
	Name string // X-WR-CALNAME, in the subscriber's language
	Host string // the right-hand side of every UID
	// Link returns an address to open the item in Roster ("" for none).
	Link func(Event) string
}

// WriteFeed writes events as an iCalendar (RFC 5545) document of all-day
// events: DTSTART and DTEND as VALUE=DATE with DTEND the day after the
// last (RFC 5545's end is exclusive), DTSTAMP the record's last change
// (now when unknown), and TRANSP:TRANSPARENT since plans do not make
// anyone busy.
func WriteFeed(w io.Writer, cal FeedCalendar, events []Event, now time.Time) error {
	iw := newICalWriter(w)
	iw.line("BEGIN", "VCALENDAR")
	iw.line("VERSION", "2.0")
	iw.line("PRODID", "-//Roster//Editorial calendar//EN")
	iw.line("CALSCALE", "GREGORIAN")
	iw.line("METHOD", "PUBLISH")
	iw.text("X-WR-CALNAME", cal.Name)
	for _, e := range events {
		iw.line("BEGIN", "VEVENT")
		iw.text("UID", e.UID(cal.Host))
		stamp := e.Updated
		if stamp.IsZero() {
			stamp = now
		}
		iw.utc("DTSTAMP", stamp)
		iw.date("DTSTART", e.Start)
		iw.date("DTEND", e.End.AddDate(0, 0, 1))
		iw.text("SUMMARY", e.Title)
		if e.Detail != "" {
			iw.text("DESCRIPTION", e.Detail)
		}
		iw.text("CATEGORIES", e.Source)
		if cal.Link != nil {
			if link := cal.Link(e); link != "" {
				iw.line("URL", link) // a URI value: not TEXT, not escaped
			}
		}
		iw.line("TRANSP", "TRANSPARENT")
		iw.line("END", "VEVENT")
	}
	iw.line("END", "VCALENDAR")
	return iw.flush()
}
