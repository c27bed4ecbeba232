package calendar

import (
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/i18n"
)

func day(s string) time.Time {
	d, ok := ParseDate(s)
	if !ok {
		panic(s)
	}
	return d
}

func TestMonthAndWeekRangesAreWholeMondayWeeks(t *testing.T) {
	for _, tc := range []struct {
		month, from, to string
	}{
		{"2026-11-01", "2026-10-26", "2026-12-06"}, // starts on a Sunday
		{"2026-06-01", "2026-06-01", "2026-07-05"}, // starts on a Monday
		{"2027-02-01", "2027-02-01", "2027-02-28"}, // four whole weeks
	} {
		r := MonthRange(day(tc.month))
		if got := r.From.Format(DateLayout) + " " + r.To.Format(DateLayout); got != tc.from+" "+tc.to {
			t.Errorf("MonthRange(%s) = %s, want %s %s", tc.month, got, tc.from, tc.to)
		}
	}
	r := WeekRange(day("2026-03-15")) // a Sunday
	if r.From.Format(DateLayout) != "2026-03-09" || r.To.Format(DateLayout) != "2026-03-15" {
		t.Errorf("WeekRange(Sunday 15 March) = %v", r)
	}
}

func TestCellsPlaceSpansOnEveryDayAndNameThemPerRow(t *testing.T) {
	l := i18n.For("en")
	span := Event{Source: "campaign", ID: 1, Title: "Spring", Start: day("2026-03-05"), End: day("2026-03-10")}
	due := Event{Source: "deliverable", ID: 2, Title: "Reel", Start: day("2026-03-09"), End: day("2026-03-09")}
	r := MonthRange(day("2026-03-01"))
	weeks := Cells(l, r, []Event{span, due}, day("2026-03-10"), time.March)
	if len(weeks) != 6 {
		t.Fatalf("%d weeks, want 6", len(weeks))
	}
	byDate := map[string]Cell{}
	for _, w := range weeks {
		if len(w) != 7 {
			t.Fatalf("a week of %d days", len(w))
		}
		for _, c := range w {
			byDate[c.Date()] = c
		}
	}
	if c := byDate["2026-02-23"]; !c.Outside || len(c.Items) != 0 {
		t.Errorf("23 Feb: %+v", c)
	}
	if c := byDate["2026-03-05"]; len(c.Items) != 1 || c.Items[0].Continues || !c.Items[0].Named {
		t.Errorf("5 March (span starts): %+v", c.Items)
	}
	if c := byDate["2026-03-06"]; len(c.Items) != 1 || !c.Items[0].Continues || c.Items[0].Named {
		t.Errorf("6 March (span goes on): %+v", c.Items)
	}
	if c := byDate["2026-03-09"]; len(c.Items) != 2 || !c.Items[0].Named || c.Items[1].Title != "Reel" {
		t.Errorf("Monday 9 March (new row, due date): %+v", c.Items)
	}
	if c := byDate["2026-03-10"]; !c.Today || c.Label != "Tuesday, Mar 10, 2026" {
		t.Errorf("10 March: today %v, label %q", c.Today, c.Label)
	}
	if c := byDate["2026-03-11"]; len(c.Items) != 0 {
		t.Errorf("11 March, after the span: %+v", c.Items)
	}
	if got := DayLabel(i18n.For("es"), day("2026-03-10")); got != "martes, 10 mar 2026" {
		t.Errorf("Spanish label %q", got)
	}
}

func TestEveryBuiltKeyIsInTheCatalogues(t *testing.T) {
	var keys []string
	for i := 1; i <= 7; i++ {
		keys = append(keys, "calendar.weekday."+itoa(int64(i)), "calendar.weekday_short."+itoa(int64(i)))
	}
	for _, k := range campaign.Kinds {
		keys = append(keys, "calendar.kind."+k)
	}
	for _, lang := range i18n.Supported {
		for _, k := range keys {
			if !i18n.Has(lang, k) {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
}
