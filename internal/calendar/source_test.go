package calendar

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// meetings stands for a later room's source: it lives outside the
// calendar's core and only implements Source.
type meetings struct{ brandID int64 }

func (meetings) Name() string { return "test-visit" }

func (m meetings) Events(_ context.Context, _ db.Querier, _ *i18n.Localizer, brandID int64, r Range, f Filter) ([]Event, error) {
	if brandID != m.brandID || f.CampaignID != 0 || f.OwnerUserID != 0 {
		return nil, nil
	}
	e := Event{Source: "test-visit", ID: 1, Title: "Kick-off call", Start: day("2026-03-04"), End: day("2026-03-04")}
	if e.End.Before(r.From) || e.Start.After(r.To) {
		return nil, nil
	}
	return []Event{e}, nil
}

// withSource adds s for the length of the test.
func withSource(t *testing.T, s Source) {
	t.Helper()
	before := Sources()
	AddSource(s)
	t.Cleanup(func() {
		registry.mu.Lock()
		registry.sources = before
		registry.mu.Unlock()
	})
}

func TestAnAddedSourceShowsInViewsAndFeedWithoutCoreChanges(t *testing.T) {
	const brandID = 987654 // no campaigns: only the added source answers
	withSource(t, meetings{brandID: brandID})
	if names := func() (n []string) {
		for _, s := range Sources() {
			n = append(n, s.Name())
		}
		return
	}(); len(names) < 3 || !slices.Equal(names[:2], []string{"campaign", "deliverable"}) || names[len(names)-1] != "test-visit" {
		t.Fatalf("sources %v", names)
	}
	l := i18n.For("en")
	events, err := Collect(context.Background(), dbtest.SQLite(t), l, brandID, MonthRange(day("2026-03-01")), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("collected %+v, want the meeting alone", events)
	}
	if other, _ := Collect(context.Background(), dbtest.SQLite(t), l, brandID+1, MonthRange(day("2026-03-01")), Filter{}); len(other) != 0 {
		t.Errorf("another brand collects %+v", other)
	}
	weeks := Cells(l, MonthRange(day("2026-03-01")), events, day("2026-03-10"), 3)
	found := false
	for _, w := range weeks {
		for _, c := range w {
			for _, it := range c.Items {
				found = found || (c.Date() == "2026-03-04" && it.Title == "Kick-off call" && it.MovePath == "")
			}
		}
	}
	if !found {
		t.Error("the meeting is not on 4 March in the month view")
	}
	var buf bytes.Buffer
	if err := WriteFeed(&buf, FeedCalendar{Name: "x", Host: "h"}, events, day("2026-03-10")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "UID:test-visit-1@h\r\n") || !strings.Contains(buf.String(), "CATEGORIES:test-visit\r\n") {
		t.Errorf("feed:\n%s", buf.String())
	}
	defer func() {
		if recover() == nil {
			t.Error("adding a second source named meeting did not panic")
		}
	}()
	AddSource(meetings{})
}
