package creator

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// Benchmark sizes: one big brand and a smaller neighbour whose rows the
// queries must skip.
const (
	benchBrand      = 1
	benchBrandSize  = 100_000
	benchOtherSize  = 10_000
	benchNoAnalyze  = "ROSTER_BENCH_NO_ANALYZE" // set to compare plans without statistics
	benchNoVacuum   = "ROSTER_BENCH_NO_VACUUM"  // set to measure PostgreSQL right after the load, before autovacuum
	benchExplainEnv = "ROSTER_BENCH_EXPLAIN"    // set to print each case's plan
)

// benchEnv is a seeded database, kept for the whole test process so that
// each engine is seeded once however many benchmarks and -count runs use it.
type benchEnv struct {
	d       *db.DB
	err     error
	cleanup []func()
}

var benchEnvs struct {
	sync.Mutex
	m map[string]*benchEnv
}

// TestMain removes the benchmark databases when the process ends.
func TestMain(m *testing.M) {
	code := m.Run()
	benchEnvs.Lock()
	for _, e := range benchEnvs.m {
		for _, f := range slices.Backward(e.cleanup) {
			f()
		}
	}
	benchEnvs.Unlock()
	os.Exit(code)
}

func seededBenchDB(b *testing.B, engine string) *db.DB {
	benchEnvs.Lock()
	defer benchEnvs.Unlock()
	if benchEnvs.m == nil {
		benchEnvs.m = map[string]*benchEnv{}
	}
	e, ok := benchEnvs.m[engine]
	if !ok {
		if engine == "postgres" && os.Getenv(dbtest.PostgresURLEnv) == "" {
			b.Skipf("set %s to benchmark PostgreSQL", dbtest.PostgresURLEnv)
		}
		e = &benchEnv{}
		benchEnvs.m[engine] = e
		start := time.Now()
		e.err = e.open(engine)
		if e.err == nil {
			counts := map[int64]int{benchBrand: benchBrandSize, 2: benchOtherSize}
			e.err = seedBench(context.Background(), e.d, counts, os.Getenv(benchNoAnalyze) == "")
		}
		b.Logf("%s: seeded %d creators in %v", engine, benchBrandSize+benchOtherSize, time.Since(start).Round(time.Millisecond))
	}
	if e.err != nil {
		b.Fatal(e.err)
	}
	return e.d
}

func (e *benchEnv) open(engine string) error {
	ctx := context.Background()
	if engine == "sqlite" {
		dir, err := os.MkdirTemp("", "roster-bench-")
		if err != nil {
			return err
		}
		e.cleanup = append(e.cleanup, func() { os.RemoveAll(dir) })
		if e.d, err = db.OpenSQLiteFile(ctx, filepath.Join(dir, "roster.db")); err != nil {
			return err
		}
	} else {
		base := os.Getenv(dbtest.PostgresURLEnv)
		admin, err := db.Open(ctx, db.Config{DatabaseURL: base})
		if err != nil {
			return err
		}
		suffix := make([]byte, 6)
		_, _ = rand.Read(suffix)
		schema := "bench_" + hex.EncodeToString(suffix)
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
			admin.Close()
			return err
		}
		e.cleanup = append(e.cleanup, func() {
			_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			admin.Close()
		})
		u, err := url.Parse(base)
		if err != nil {
			return err
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		if e.d, err = db.Open(ctx, db.Config{DatabaseURL: u.String()}); err != nil {
			return err
		}
	}
	e.cleanup = append(e.cleanup, func() { e.d.Close() })
	_, err := e.d.Migrate(ctx)
	return err
}

// benchCases are the list pages people open most.
var benchCases = []struct{ name, query string }{
	{"a_all_by_followers", "sort=-followers"},
	{"b_stage_by_followers", "stage=active&sort=-followers"},
	{"c_country_min_followers", "country=US&min_followers=10000&sort=-followers"},
	{"d_tag_by_created", "tag=fitness&sort=-created"},
	{"e_platform_min_followers", "platform=tiktok&min_followers=50000"},
	{"f_search_name_prefix", "q=mar"},
	{"g_page2_by_followers", "sort=-followers&cursor=FROM_A"},
}

func BenchmarkList(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			d := seededBenchDB(b, engine)
			s := NewStore(d)
			ctx := context.Background()
			first, err := s.List(ctx, d, benchBrand, ListQuery{Sort: "-followers"})
			if err != nil || first.NextCursor == "" {
				b.Fatalf("first page: %v", err)
			}
			for _, bc := range benchCases {
				v, _ := url.ParseQuery(strings.Replace(bc.query, "FROM_A", first.NextCursor, 1))
				lq, errs := ParseListQuery(v)
				if len(errs) > 0 {
					b.Fatalf("%s: %v", bc.query, errs)
				}
				b.Run(bc.name, func(b *testing.B) {
					if os.Getenv(benchExplainEnv) != "" {
						b.Log(explainList(ctx, d, lq))
					}
					rows := 0
					benchMedian(b, func() {
						page, err := s.List(ctx, d, benchBrand, lq)
						if err != nil {
							b.Fatal(err)
						}
						rows = len(page.Items)
					})
					if rows != 50 {
						b.Fatalf("%s returned %d rows; the benchmark wants full pages", bc.query, rows)
					}
				})
			}
		})
	}
}

// explainList returns the engine's plan for a list query.
func explainList(ctx context.Context, d *db.DB, lq ListQuery) string {
	walk, _ := searchWalk(ctx, d, lq)
	query, args, _, err := listSQL(d.Dialect(), benchBrand, lq, walk, creatorColumns, pageSize(lq.Limit)+1)
	if err != nil {
		return err.Error()
	}
	prefix := "EXPLAIN QUERY PLAN "
	if d.Dialect() == db.Postgres {
		prefix = "EXPLAIN (ANALYZE, BUFFERS) "
	}
	rows, err := d.QueryContext(ctx, prefix+query, args...)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err.Error()
		}
		fmt.Fprintln(&out, vals[len(vals)-1])
	}
	return "\n" + out.String()
}
