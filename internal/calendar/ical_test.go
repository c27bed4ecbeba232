package calendar

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// unfold undoes RFC 5545 folding: a CRLF followed by one space or tab.
func unfold(s string) string {
	return strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(s)
}

func folded(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	if err := writeFolded(w, s); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return buf.String()
}

func TestFoldingKeepsLinesWithin75OctetsAndCharactersWhole(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		lines      int
	}{
		{"short", "SUMMARY:Spring launch", 1},
		{"exactly 75", "SUMMARY:" + strings.Repeat("a", 67), 1},
		{"76", "SUMMARY:" + strings.Repeat("a", 68), 2},
		{"long ascii", "DESCRIPTION:" + strings.Repeat("0123456789", 30), 5},
		// Two-, three- and four-octet characters straddling every cut.
		{"accents", "SUMMARY:" + strings.Repeat("é", 100), 3},
		{"cjk", "SUMMARY:" + strings.Repeat("日本", 40), 4},
		{"emoji", "SUMMARY:x" + strings.Repeat("🎬", 40), 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := folded(t, tc.line)
			if !strings.HasSuffix(out, "\r\n") {
				t.Fatalf("no CRLF at the end: %q", out)
			}
			parts := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			if len(parts) != tc.lines {
				t.Errorf("%d physical lines, want %d: %q", len(parts), tc.lines, out)
			}
			for i, p := range parts {
				if len(p) > 75 {
					t.Errorf("line %d has %d octets: %q", i, len(p), p)
				}
				if i > 0 && !strings.HasPrefix(p, " ") {
					t.Errorf("continuation %d does not start with a space: %q", i, p)
				}
				if !utf8.ValidString(strings.TrimPrefix(p, " ")) {
					t.Errorf("line %d splits a character: %q", i, p)
				}
			}
			if got := unfold(strings.TrimSuffix(out, "\r\n")); got != tc.line {
				t.Errorf("unfolded %q, want %q", got, tc.line)
			}
		})
	}
}

func TestTextEscaping(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:                `plain`,
		`a, b; c\d`:            `a\, b\; c\\d`,
		"two\nlines":           `two\nlines`,
		"crlf\r\nline":         `crlf\nline`,
		"bell\x07 and tab\tok": "bell and tab\tok",
		`:colon is fine`:       `:colon is fine`,
	} {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteFeedAllDayEventsWithExclusiveEnd(t *testing.T) {
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	updated := time.Date(2026, 3, 1, 12, 30, 5, 0, time.UTC)
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	events := []Event{
		{Source: "campaign", ID: 7, Title: "Spring; launch, \"big\"", Detail: "line one\nline two", Start: day("2026-03-02"), End: day("2026-03-31"), Updated: updated},
		{Source: "deliverable", ID: 9, Title: "Reel", Start: day("2026-03-31"), End: day("2026-03-31")},
	}
	var buf bytes.Buffer
	err := WriteFeed(&buf, FeedCalendar{Name: "Lumen, Pine – calendar", Host: "roster.example.com",
		Link: func(e Event) string {
			return "https://roster.example.com/calendar/week?date=" + e.Start.Format(DateLayout)
		}}, events, now)
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("a line ends without CR")
	}
	body := unfold(out)
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
		"X-WR-CALNAME:Lumen\\, Pine – calendar\r\n",
		"UID:campaign-7@roster.example.com\r\n",
		"DTSTAMP:20260301T123005Z\r\n",
		"DTSTART;VALUE=DATE:20260302\r\nDTEND;VALUE=DATE:20260401\r\n",
		"SUMMARY:Spring\\; launch\\, \"big\"\r\n",
		"DESCRIPTION:line one\\nline two\r\n",
		"UID:deliverable-9@roster.example.com\r\nDTSTAMP:20260310T090000Z\r\n",
		"DTSTART;VALUE=DATE:20260331\r\nDTEND;VALUE=DATE:20260401\r\n",
		"URL:https://roster.example.com/calendar/week?date=2026-03-31\r\n",
		"END:VEVENT\r\nEND:VCALENDAR\r\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("feed lacks %q:\n%s", want, body)
		}
	}
	if n := strings.Count(body, "BEGIN:VEVENT"); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
}
