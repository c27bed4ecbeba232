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

// stuckNode claims the job of the given kind and keeps its handler running
// until the returned release is called, as a node that died mid-job would
// (its heartbeat is too slow to fire during the test). release waits until
// the stuck handler has returned and its late outcome has been written.
func stuckNode(t *testing.T, d *db.DB, clk *clock, kind string) (release func()) {
	t.Helper()
	a := jobs.New(d, quiet, jobs.Config{NodeID: "dead", Lease: time.Minute, Now: clk.Now})
	entered, unblock, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	a.Register(kind, func(context.Context, jobs.Job) error {
		close(entered)
		<-unblock
		return errors.New("the dead node's late result")
	})
	go func() {
		defer close(done)
		_, _ = a.Work(context.Background())
	}()
	receive(t, entered, "the first node to start the job")
	return func() { close(unblock); receive(t, done, "the first node to finish") }
}

func TestJobOfADeadNodeIsRunAgainAfterItsLease(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clk := newClock()
		id := mustEnqueue(t, d, "import", nil)
		release := stuckNode(t, d, clk, "import")

		b := jobs.New(d, quiet, jobs.Config{NodeID: "alive", Lease: time.Minute, Now: clk.Now})
		runs := 0
		b.Register("import", func(context.Context, jobs.Job) error { runs++; return nil })
		if mustWork(t, b) {
			t.Fatal("a second node took a job whose lease is still valid")
		}
		clk.Advance(time.Minute + time.Second)
		if !mustWork(t, b) || runs != 1 {
			t.Fatalf("after the lease expired the job was not run again (runs %d)", runs)
		}
		release()
		r := readJob(t, d, id)
		if r.State != jobs.StateDone || r.LockedBy != "alive" || r.Attempts != 2 {
			t.Fatalf("row %+v: want done by the live node on attempt 2, untouched by the dead node's late result", r)
		}
	})
}

func TestJobAbandonedOnItsLastAttemptEndsFailed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clk := newClock()
		id := mustEnqueue(t, d, "once", nil, jobs.MaxAttempts(1))
		release := stuckNode(t, d, clk, "once")
		defer release()

		b := jobs.New(d, quiet, jobs.Config{Lease: time.Minute, Now: clk.Now})
		b.Register("once", func(context.Context, jobs.Job) error {
			t.Error("a job out of attempts ran again")
			return nil
		})
		clk.Advance(2 * time.Minute)
		if mustWork(t, b) {
			t.Fatal("claimed a job with no attempts left")
		}
		if r := readJob(t, d, id); r.State != jobs.StateFailed || r.LastError == "" || !r.FinishedAt.Valid {
			t.Fatalf("abandoned job %+v: want failed with the reason recorded", r)
		}
	})
}

func TestHeartbeatExtendsTheLeaseOfALongJob(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		q := jobs.New(d, quiet, jobs.Config{Lease: 600 * time.Millisecond})
		entered, unblock := make(chan struct{}), make(chan struct{})
		q.Register("long", func(context.Context, jobs.Job) error {
			close(entered)
			<-unblock
			return nil
		})
		id := mustEnqueue(t, d, "long", nil)
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, _ = q.Work(context.Background())
		}()
		receive(t, entered, "the job to start")
		first := readJob(t, d, id).LockedUntil.Int64
		eventually(t, 10*time.Second, "the lease to be extended", func() bool {
			return readJob(t, d, id).LockedUntil.Int64 > first
		})
		close(unblock)
		receive(t, done, "the job to finish")
		if r := readJob(t, d, id); r.State != jobs.StateDone {
			t.Fatalf("long job ended %s, want done", r.State)
		}
	})
}
