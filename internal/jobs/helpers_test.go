package jobs_test

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/jobs"
)

var quiet = slog.New(slog.DiscardHandler)

// clock is a frozen, settable time source for Config.Now. It starts a
// minute ahead of the real time, so that jobs enqueued with the real clock
// during the test are already due by it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now().Add(time.Minute)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// jobRow is a job's row as stored.
type jobRow struct {
	State, LockedBy, LastError string
	Attempts                   int
	RunAt                      int64
	LockedUntil, FinishedAt    sql.NullInt64
}

func readJob(t *testing.T, d *db.DB, id int64) jobRow {
	t.Helper()
	var r jobRow
	err := d.QueryRowContext(context.Background(),
		`SELECT state, locked_by, last_error, attempts, run_at, locked_until, finished_at FROM jobs WHERE id = ?`, id).
		Scan(&r.State, &r.LockedBy, &r.LastError, &r.Attempts, &r.RunAt, &r.LockedUntil, &r.FinishedAt)
	if err != nil {
		t.Fatalf("read job %d: %v", id, err)
	}
	return r
}

func mustEnqueue(t *testing.T, q db.Querier, kind string, payload any, opts ...jobs.Option) int64 {
	t.Helper()
	id, err := jobs.Enqueue(context.Background(), q, kind, payload, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustWork(t *testing.T, q *jobs.Queue) bool {
	t.Helper()
	ran, err := q.Work(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ran
}

// eventually polls cond until it holds, failing the test after timeout.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		<-tick.C
	}
}

// receive waits for ch, failing the test after timeout.
func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(20 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}
