package jobs_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/jobs"
)

// Two nodes, each with its own database handle and several workers, race
// over the same jobs: every job must run exactly once.
func TestTwoNodesRunEveryJobExactlyOnce(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		url := dbtest.PostgresURL(t)
		raceNodes(t, func() *db.DB { return open(t, db.Config{DatabaseURL: url}) })
	})
	t.Run("sqlite", func(t *testing.T) {
		// Production runs one node per SQLite file; two handles on one file
		// still must not double-run, whatever the busy timeout does.
		path := filepath.Join(t.TempDir(), "roster.db")
		raceNodes(t, func() *db.DB {
			d, err := db.OpenSQLiteFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { d.Close() })
			return d
		})
	})
}

func open(t *testing.T, cfg db.Config) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func raceNodes(t *testing.T, connect func() *db.DB) {
	const total = 200
	ctx := context.Background()
	first, second := connect(), connect()
	if _, err := first.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ids := make(map[int64]bool, total)
	for i := range total {
		ids[mustEnqueue(t, first, "tick", map[string]int{"i": i})] = true
	}

	var mu sync.Mutex
	runs := map[int64]int{}
	byNode := map[string]int{}
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for node, d := range map[string]*db.DB{"a": first, "b": second} {
		q := jobs.New(d, quiet, jobs.Config{NodeID: node, Workers: 4, PollInterval: 5 * time.Millisecond})
		q.Register("tick", func(_ context.Context, j jobs.Job) error {
			mu.Lock()
			defer mu.Unlock()
			runs[j.ID]++
			byNode[node]++
			return nil
		})
		wg.Go(func() {
			if err := q.Run(runCtx); err != nil {
				t.Error(err)
			}
		})
	}
	stats := jobs.New(first, quiet, jobs.Config{})
	eventually(t, 60*time.Second, "every job to be done", func() bool {
		s, err := stats.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s[jobs.StateDone] == total
	})
	stop()
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	for id := range ids {
		if runs[id] != 1 {
			t.Errorf("job %d ran %d times, want exactly once", id, runs[id])
		}
	}
	if len(runs) != total {
		t.Errorf("%d distinct jobs ran, want %d", len(runs), total)
	}
	t.Logf("jobs run per node: %v", byNode)
}
