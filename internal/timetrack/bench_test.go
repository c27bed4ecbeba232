package timetrack

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// benchEntries is the size the issue names: a brand with 50 people and
// 100,000 time entries, here spread over the twelve months up to the
// measured one (about 8,300 in it), with another brand's 20,000 beside.
const (
	benchPeople  = 50
	benchEntries = 100_000
)

// seedTime writes the benchmark brand's people and entries in bulk.
func seedTime(b *testing.B, d *db.DB, now time.Time) int64 {
	ctx := context.Background()
	var brandID int64
	for i, n := range []int{benchEntries, benchEntries / 5} {
		bd, err := brand.Create(ctx, d, fmt.Sprintf("Bench %d", i), fmt.Sprintf("bench-%d", i), now)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			brandID = bd.ID
		}
		var users []int64
		roles := []auth.Role{auth.CommunityManager, auth.AccountManager, auth.CommunityManager, auth.CommunityManager, auth.AccountManager}
		for p := range benchPeople {
			u, err := auth.CreateUser(ctx, d, fmt.Sprintf("p%d-%d@bench.test", i, p), fmt.Sprintf("Person %d", p), "x", "en", false, now)
			if err != nil {
				b.Fatal(err)
			}
			if err := brand.SetMember(ctx, d, bd.ID, u.ID, roles[p%len(roles)], now); err != nil {
				b.Fatal(err)
			}
			users = append(users, u.ID)
		}
		err = d.InTx(ctx, func(tx *db.Tx) error {
			const batch = 500
			for start := 0; start < n; start += batch {
				var sb strings.Builder
				sb.WriteString(`INSERT INTO time_entries (brand_id, user_id, role, category, day, minutes, note, source, created_at, updated_at) VALUES `)
				var args []any
				for k := start; k < min(start+batch, n); k++ {
					if k > start {
						sb.WriteString(", ")
					}
					sb.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
					p := k % benchPeople
					day := now.AddDate(0, 0, -(k*7919)%365)
					args = append(args, bd.ID, users[p], string(roles[p%len(roles)]), contract.Categories[k%len(contract.Categories)],
						day.Format(dayLayout), 10+k%80, "work", SourceManual, now.UnixMilli(), now.UnixMilli())
				}
				if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return brandID
}

// BenchmarkMonth measures the month's utilization (every figure of the
// utilization page and API) and the statement's data (the figures and
// every entry behind them) for the 50-person, 100,000-entry brand.
//
//	ROSTER_TEST_POSTGRES_URL=… go test ./internal/timetrack -run '^$' -bench BenchmarkMonth -benchtime 50x
func BenchmarkMonth(b *testing.B) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			var d *db.DB
			if engine == "sqlite" {
				d = dbtest.SQLite(b)
			} else {
				d = dbtest.Postgres(b)
			}
			brandID := seedTime(b, d, now)
			ctx := context.Background()
			if engine == "postgres" {
				if _, err := d.ExecContext(ctx, `ANALYZE time_entries`); err != nil {
					b.Fatal(err)
				}
			}
			b.Run("utilization", func(b *testing.B) {
				defer cpuPerOp(b)()
				for b.Loop() {
					if _, err := Utilization(ctx, d, brandID, month, now); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("statement", func(b *testing.B) {
				defer cpuPerOp(b)()
				var n int
				for b.Loop() {
					v, err := Statement(ctx, d, brandID, "Bench", month, now)
					if err != nil {
						b.Fatal(err)
					}
					n = 0
					for _, g := range v.Groups {
						n += len(g.Entries)
					}
				}
				b.ReportMetric(float64(n), "entries")
			})
		})
	}
}

// cpuPerOp reports the process's CPU time per operation (user + system,
// from getrusage) beside the wall time: on a machine shared with other
// work the wall time measures the queue for a core, the CPU time the
// work. On PostgreSQL it leaves out the server's share.
func cpuPerOp(b *testing.B) func() {
	start := processCPU()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(processCPU()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
