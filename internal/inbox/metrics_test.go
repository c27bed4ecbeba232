package inbox

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestWeeklyMedians(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d) // Tuesday 10 March 2026
		ctx := context.Background()
		// Three threads this week answered after 10, 30 and 20 minutes;
		// two of them closed after 1 h and 3 h. A fourth is unanswered.
		for i, wait := range []time.Duration{10 * time.Minute, 30 * time.Minute, 20 * time.Minute} {
			th := f.ask(t, "Q", "q")
			f.clk.Advance(wait)
			f.post(t, th, TeamAuthor(f.cm, ChannelWeb), "a")
			if i < 2 {
				f.clk.Advance(time.Duration(1+2*i)*time.Hour - wait)
				if _, err := f.svc.SetStatus(ctx, f.cm, th.ID, Closed); err != nil {
					t.Fatal(err)
				}
			}
		}
		f.ask(t, "Unanswered", "q")
		weeks, err := WeeklyMetrics(ctx, d, f.brand.ID, f.clk.Now(), 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(weeks) != 4 || !weeks[3].Start.Equal(time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("weeks: %+v", weeks)
		}
		w := weeks[3]
		if w.Threads != 4 || w.Answered != 3 || w.Resolved != 2 || *w.MedianFirstAnswer != 20*time.Minute || *w.MedianResolution != 2*time.Hour {
			t.Errorf("this week: %+v first %v resolution %v", w, w.MedianFirstAnswer, w.MedianResolution)
		}
		if weeks[0].Threads != 0 || weeks[0].MedianFirstAnswer != nil {
			t.Errorf("an empty week: %+v", weeks[0])
		}
	})
}
