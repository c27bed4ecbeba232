package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/jobs"
)

// run starts q.Run and returns its cancel and a channel that closes when
// Run has returned.
func run(t *testing.T, q *jobs.Queue) (stop context.CancelFunc, stopped <-chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := q.Run(ctx); err != nil {
			t.Error(err)
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return cancel, done
}

func TestNotifyWakesIdleWorkersAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		// With an hour between polls, only Notify can explain a prompt run.
		q := jobs.New(d, quiet, jobs.Config{PollInterval: time.Hour})
		ran := make(chan int64, 1)
		q.Register("ping", func(_ context.Context, j jobs.Job) error { ran <- j.ID; return nil })
		run(t, q)
		id, err := q.Enqueue(context.Background(), "ping", nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := receive(t, ran, "the notified job to run"); got != id {
			t.Fatalf("ran job %d, want %d", got, id)
		}
	})
}

func TestShutdownWaitsForTheJobInFlight(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		q := jobs.New(d, quiet, jobs.Config{ShutdownGrace: time.Minute})
		started, finish := make(chan struct{}), make(chan struct{})
		ctxErr := make(chan error, 1)
		q.Register("export", func(ctx context.Context, _ jobs.Job) error {
			close(started)
			<-finish
			ctxErr <- ctx.Err()
			return nil
		})
		stop, stopped := run(t, q)
		id, err := q.Enqueue(context.Background(), "export", nil)
		if err != nil {
			t.Fatal(err)
		}
		receive(t, started, "the job to start")
		stop()
		// Nothing to poll for here: Run must simply not return while the
		// job is running, so give it a moment in which it could wrongly.
		select {
		case <-stopped:
			t.Fatal("Run returned while a job was still running")
		case <-time.After(100 * time.Millisecond):
		}
		close(finish)
		receive(t, stopped, "Run to return after the job")
		if err := <-ctxErr; err != nil {
			t.Fatalf("the job's context was cancelled within the grace period: %v", err)
		}
		if r := readJob(t, d, id); r.State != jobs.StateDone {
			t.Fatalf("job ended %s, want done", r.State)
		}
	})
}

func TestShutdownGraceOverCancelsAndRetriesTheJob(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		q := jobs.New(d, quiet, jobs.Config{ShutdownGrace: 50 * time.Millisecond})
		started := make(chan struct{})
		q.Register("endless", func(ctx context.Context, _ jobs.Job) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		})
		stop, stopped := run(t, q)
		id, err := q.Enqueue(context.Background(), "endless", nil)
		if err != nil {
			t.Fatal(err)
		}
		receive(t, started, "the job to start")
		stop()
		receive(t, stopped, "Run to return once the grace period is over")
		r := readJob(t, d, id)
		if r.State != jobs.StateAvailable || r.Attempts != 1 || !strings.Contains(r.LastError, "context canceled") {
			t.Fatalf("job cut short by shutdown: %+v; want available for a retry", r)
		}
	})
}

func TestMetricsCountOutcomes(t *testing.T) {
	d := dbtest.SQLite(t)
	reg := prometheus.NewRegistry()
	q := jobs.New(d, quiet, jobs.Config{Registerer: reg})
	jobs.New(d, quiet, jobs.Config{Registerer: reg}) // a second queue shares the metrics
	q.Register("ok", func(context.Context, jobs.Job) error { return nil })
	q.Register("bad", func(context.Context, jobs.Job) error { return jobs.Permanent(context.DeadlineExceeded) })
	mustEnqueue(t, d, "ok", nil)
	mustEnqueue(t, d, "bad", nil)
	for mustWork(t, q) {
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]float64{}
	observed := uint64(0)
	for _, f := range families {
		for _, m := range f.GetMetric() {
			labels := ""
			for _, l := range m.GetLabel() {
				labels += l.GetName() + "=" + l.GetValue() + " "
			}
			switch f.GetName() {
			case "roster_jobs_finished_total":
				counts[strings.TrimSpace(labels)] = m.GetCounter().GetValue()
			case "roster_job_duration_seconds":
				observed += m.GetHistogram().GetSampleCount()
			}
		}
	}
	if counts["kind=ok outcome=done"] != 1 || counts["kind=bad outcome=failed"] != 1 || observed != 2 {
		t.Fatalf("finished counters %v, %d durations observed; want one done, one failed, two durations", counts, observed)
	}
}
