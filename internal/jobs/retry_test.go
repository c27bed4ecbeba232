package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/jobs"
)

func TestFailingJobBacksOffThenFails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clk := newClock()
		q := jobs.New(d, quiet, jobs.Config{Now: clk.Now})
		q.Register("flaky", func(_ context.Context, j jobs.Job) error {
			return fmt.Errorf("attempt %d failed", j.Attempt)
		})
		id := mustEnqueue(t, d, "flaky", nil, jobs.MaxAttempts(3))
		for attempt := 1; attempt <= 3; attempt++ {
			if !mustWork(t, q) {
				t.Fatalf("attempt %d: no job claimed", attempt)
			}
			r := readJob(t, d, id)
			wantErr := fmt.Sprintf("attempt %d failed", attempt)
			if r.Attempts != attempt || r.LastError != wantErr {
				t.Fatalf("after attempt %d: attempts %d, last_error %q", attempt, r.Attempts, r.LastError)
			}
			if attempt == 3 {
				if r.State != jobs.StateFailed || !r.FinishedAt.Valid {
					t.Fatalf("after the last attempt: %+v, want failed and finished", r)
				}
				break
			}
			if r.State != jobs.StateAvailable {
				t.Fatalf("after attempt %d: state %s, want available for a retry", attempt, r.State)
			}
			// 15 s doubling per attempt, plus up to a quarter of jitter.
			wait := time.Duration(r.RunAt-clk.Now().UnixMilli()) * time.Millisecond
			least := 15 * time.Second << (attempt - 1)
			if wait < least || wait > least+least/4 {
				t.Fatalf("retry %d scheduled in %v, want between %v and %v", attempt, wait, least, least+least/4)
			}
			if mustWork(t, q) {
				t.Fatal("the job ran again before its backoff was over")
			}
			clk.Advance(wait)
		}
		if mustWork(t, q) {
			t.Fatal("a failed job ran again")
		}
	})
}

func TestPanickingHandlerIsAFailedAttempt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		q := jobs.New(d, quiet, jobs.Config{})
		q.Register("bad", func(context.Context, jobs.Job) error { panic("boom") })
		id := mustEnqueue(t, d, "bad", nil)
		if !mustWork(t, q) {
			t.Fatal("no job claimed")
		}
		r := readJob(t, d, id)
		if r.State != jobs.StateAvailable || r.Attempts != 1 || !strings.Contains(r.LastError, "panic: boom") {
			t.Fatalf("after a panic: %+v; want available for a retry with the panic recorded", r)
		}
	})
}

func TestPermanentErrorFailsAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		q := jobs.New(d, quiet, jobs.Config{})
		q.Register("broken", func(context.Context, jobs.Job) error {
			return jobs.Permanent(errors.New("payload is not a message"))
		})
		id := mustEnqueue(t, d, "broken", nil)
		mustWork(t, q)
		if r := readJob(t, d, id); r.State != jobs.StateFailed || r.Attempts != 1 || r.LastError != "payload is not a message" {
			t.Fatalf("after a permanent error: %+v; want failed on the first attempt", r)
		}
	})
}

func TestDefaultBackoffGrowsAndIsCapped(t *testing.T) {
	for _, tc := range []struct {
		attempt int
		least   time.Duration
	}{{1, 15 * time.Second}, {2, 30 * time.Second}, {5, 240 * time.Second}, {20, 6 * time.Hour}, {1000, 6 * time.Hour}, {0, 6 * time.Hour}} {
		got := jobs.DefaultBackoff(tc.attempt)
		if got < tc.least || got > tc.least+tc.least/4 {
			t.Errorf("DefaultBackoff(%d) = %v, want %v to %v", tc.attempt, got, tc.least, tc.least+tc.least/4)
		}
	}
}
