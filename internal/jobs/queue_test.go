package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/jobs"
)

func TestJobRunsOnceAndIsDone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		q := jobs.New(d, quiet, jobs.Config{})
		type payload struct{ N int }
		var seen []jobs.Job
		var got payload
		q.Register("count", func(ctx context.Context, j jobs.Job) error {
			seen = append(seen, j)
			return j.Decode(&got)
		})
		id := mustEnqueue(t, d, "count", payload{N: 7})
		if !mustWork(t, q) {
			t.Fatal("Work found no job")
		}
		if mustWork(t, q) {
			t.Fatal("Work ran a second job; there was only one")
		}
		if len(seen) != 1 || seen[0].ID != id || seen[0].Attempt != 1 || got.N != 7 {
			t.Fatalf("handler saw %+v with payload %+v; want one run of job %d, attempt 1, N=7", seen, got, id)
		}
		r := readJob(t, d, id)
		if r.State != jobs.StateDone || !r.FinishedAt.Valid || r.Attempts != 1 || r.LockedUntil.Valid {
			t.Fatalf("row after success: %+v", r)
		}
	})
}

func TestEnqueueFollowsTheCallersTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		errRollback := errors.New("roll back")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			mustEnqueue(t, tx, "k", nil)
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatal(err)
		}
		var committed int64
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			committed = mustEnqueue(t, tx, "k", nil)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		rows, err := d.QueryContext(ctx, `SELECT id FROM jobs`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if len(ids) != 1 || ids[0] != committed {
			t.Fatalf("jobs in table %v; want only the committed %d", ids, committed)
		}
	})
}

func TestOnlyDueJobsOfRegisteredKindsAreClaimed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clk := newClock()
		q := jobs.New(d, quiet, jobs.Config{Now: clk.Now})
		ran := 0
		q.Register("mine", func(context.Context, jobs.Job) error { ran++; return nil })
		mustEnqueue(t, d, "someone-elses", nil)
		later := mustEnqueue(t, d, "mine", nil, jobs.RunAt(clk.Now().Add(time.Hour)))
		if mustWork(t, q) {
			t.Fatal("claimed a job of an unregistered kind or one not yet due")
		}
		clk.Advance(time.Hour)
		if !mustWork(t, q) || ran != 1 || readJob(t, d, later).State != jobs.StateDone {
			t.Fatalf("the delayed job did not run once it was due (runs %d)", ran)
		}
		stats, err := q.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{jobs.StateAvailable: 1, jobs.StateRunning: 0, jobs.StateDone: 1, jobs.StateFailed: 0}
		for state, n := range want {
			if stats[state] != n {
				t.Errorf("Stats()[%s] = %d, want %d (all: %v)", state, stats[state], n, stats)
			}
		}
	})
}

func TestUniqueKeepsOnePendingJob(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		q := jobs.New(d, quiet, jobs.Config{})
		q.Register("digest", func(context.Context, jobs.Job) error { return nil })
		first := mustEnqueue(t, d, "digest", nil, jobs.Unique("brand-1"))
		again := mustEnqueue(t, d, "digest", nil, jobs.Unique("brand-1"))
		other := mustEnqueue(t, d, "digest", nil, jobs.Unique("brand-2"))
		if again != first || other == first {
			t.Fatalf("ids first=%d again=%d other=%d: want again == first != other", first, again, other)
		}
		for mustWork(t, q) {
		}
		if next := mustEnqueue(t, d, "digest", nil, jobs.Unique("brand-1")); next == first {
			t.Fatal("a finished job still holds its unique key")
		}
	})
}

func TestEnqueueRejectsBadInput(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	if _, err := jobs.Enqueue(ctx, d, "", nil); err == nil {
		t.Error("empty kind accepted")
	}
	if _, err := jobs.Enqueue(ctx, d, "k", nil, jobs.MaxAttempts(0)); err == nil {
		t.Error("zero max attempts accepted")
	}
	if _, err := jobs.Enqueue(ctx, d, "k", func() {}); err == nil {
		t.Error("payload that is not JSON accepted")
	}
}
