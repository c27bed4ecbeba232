package importer

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// benchRows is the file size: small by default so `go test -bench .`
// stays quick; ROSTER_BENCH_IMPORT_ROWS=1000000 for the figures in
// docs/performance.md.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("ROSTER_BENCH_IMPORT_ROWS")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// BenchmarkImport imports a generated file into an empty brand, then the
// same file again (nothing changes), then a tenth as many new creators
// into the brand that now holds the first file, and measures the raw
// insert rate of the first file's rows into a bare table in one
// transaction for comparison. ROSTER_BENCH_IMPORT_ONLY=first stops after
// the first import (for a CPU profile of it alone).
func BenchmarkImport(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			n := benchRows()
			path := writeBenchFile(b, filepath.Join(b.TempDir(), "creators.csv"), n, 1)
			more := writeBenchFile(b, filepath.Join(b.TempDir(), "more.csv"), n/10, 2)
			for b.Loop() {
				d, pgURL := benchDB(b, engine)
				brandID := newBrand(b, d, "bench")
				first, peak := timedImport(b, d, brandID, path)
				rate := float64(n) / first.took.Seconds()
				b.ReportMetric(rate, "rows/s")
				first.reportCPU(b, "", n)
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				if os.Getenv("ROSTER_BENCH_IMPORT_ONLY") == "first" {
					continue // profiling the first import alone
				}
				again, _ := timedImport(b, d, brandID, path)
				if again.Counts.Created+again.Counts.Updated != 0 {
					b.Fatalf("re-import changed rows: %+v", again.Counts)
				}
				added, _ := timedImport(b, d, brandID, more)
				if added.Counts.Created+added.Counts.Failed != int64(n/10) {
					b.Fatalf("second file: %+v", added.Counts)
				}
				raw, rawCPU := rawInsertRate(b, d, pgURL, path)
				b.ReportMetric(float64(n)/again.took.Seconds(), "reimport-rows/s")
				again.reportCPU(b, "reimport-", n)
				b.ReportMetric(float64(n/10)/added.took.Seconds(), "into-full-brand-rows/s")
				added.reportCPU(b, "into-full-brand-", n/10)
				b.ReportMetric(raw, "raw-rows/s")
				b.ReportMetric(rate/raw, "ratio")
				// The same ratio in CPU time, which the machine's load
				// moves much less than wall-clock rates.
				b.ReportMetric(float64(rawCPU)/float64(first.cpu+first.serverCPU), "cpu-ratio")
			}
		})
	}
}

// writeBenchFile writes a generated file of n rows and returns its path.
func writeBenchFile(b *testing.B, path string, n int, seed uint64) string {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	if err := writeGenCSV(w, n, seed); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	return path
}

// TestWriteBenchCSV writes the benchmark's file for a run of the real
// command (docs/performance.md) when ROSTER_BENCH_CSV names a path:
// ROSTER_BENCH_IMPORT_ROWS rows, ROSTER_BENCH_SEED (default 1) for other
// handles.
func TestWriteBenchCSV(t *testing.T) {
	path := os.Getenv("ROSTER_BENCH_CSV")
	if path == "" {
		t.Skip("ROSTER_BENCH_CSV not set")
	}
	seed, _ := strconv.ParseUint(os.Getenv("ROSTER_BENCH_SEED"), 10, 64)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := writeGenCSV(w, benchRows(), max(seed, 1)); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

type timed struct {
	*Result
	took           time.Duration
	cpu, serverCPU time.Duration // this process's; PostgreSQL's backends'
	writerCPU      time.Duration // the writing goroutine's (see threadCPU)
}

// reportCPU reports the CPU time per row: the process's, its writing
// goroutine's, and on PostgreSQL the server's and the sum: with two
// cores the rate is bound by the writer (with the server on PostgreSQL,
// which the writer waits for) and by half the total.
func (t timed) reportCPU(b *testing.B, prefix string, rows int) {
	perRow := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(rows) }
	b.ReportMetric(perRow(t.cpu), prefix+"cpu-µs/row")
	b.ReportMetric(perRow(t.writerCPU), prefix+"writer-cpu-µs/row")
	if t.serverCPU > 0 {
		b.ReportMetric(perRow(t.serverCPU), prefix+"server-cpu-µs/row")
		b.ReportMetric(perRow(t.cpu+t.serverCPU), prefix+"total-cpu-µs/row")
	}
}

// timedImport runs one import and samples the Go heap while it runs.
func timedImport(b *testing.B, d *db.DB, brandID int64, path string) (timed, uint64) {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var peak uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	batches := 0
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock, writer := startCPU(d), threadCPU(b)
	start := time.Now()
	res, err := Run(context.Background(), d, f, Options{BrandID: brandID, Source: "import:bench", OnBatch: func(Progress, []Problem) {
		if batches++; batches%50 == 0 {
			sample()
		}
	}})
	took := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	writer = threadCPU(b) - writer
	cpu, server := clock.stop(b)
	sample()
	return timed{res, took, cpu, server, writer}, peak
}

// benchDB is a migrated database on the engine; on PostgreSQL also the
// URL of its schema, for the COPY comparison.
func benchDB(b *testing.B, engine string) (*db.DB, string) {
	if engine == "sqlite" {
		return dbtest.SQLite(b), ""
	}
	u := dbtest.PostgresURL(b)
	d, err := db.Open(context.Background(), db.Config{DatabaseURL: u})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return d, u
}
