package inbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/web"
)

// Benchmark sizes: the figure is an inbox of 10,000 threads; a
// neighbouring brand's 2,000 threads are there for the queries to skip.
const (
	benchThreads      = 10_000
	benchOtherThreads = 2_000
	benchCreators     = 3_000
)

// benchInbox is a seeded database and the viewer whose inbox it is.
type benchInbox struct {
	d       *db.DB
	brandID int64
	viewer  *auth.User
	cookie  string
	close   func()
}

// openBench opens a fresh database on engine (a temporary SQLite file, or
// a scratch schema on the test PostgreSQL) and migrates it.
func openBench(b *testing.B, engine string) (*db.DB, func()) {
	ctx := context.Background()
	if engine == "sqlite" {
		dir := b.TempDir()
		d, err := db.OpenSQLiteFile(ctx, filepath.Join(dir, "roster.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		return d, func() { d.Close() }
	}
	base := os.Getenv(dbtest.PostgresURLEnv)
	if base == "" {
		b.Skipf("set %s to benchmark PostgreSQL", dbtest.PostgresURLEnv)
	}
	admin, err := db.Open(ctx, db.Config{DatabaseURL: base})
	if err != nil {
		b.Fatal(err)
	}
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	schema := "bench_inbox_" + hex.EncodeToString(suffix)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse(base)
	qv := u.Query()
	qv.Set("search_path", schema)
	u.RawQuery = qv.Encode()
	d, err := db.Open(ctx, db.Config{DatabaseURL: u.String()})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := d.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	return d, func() {
		d.Close()
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	}
}

// seedInbox makes two brands with threads spread over 90 days: statuses
// 45% open, 35% waiting, 20% closed; a third unassigned, the rest over
// four people (the viewer is one); a fifth about one of 20 campaigns; the
// viewer has read 60% of them.
func seedInbox(b *testing.B, engine string) *benchInbox {
	ctx, now := context.Background(), time.Now()
	d, closeDB := openBench(b, engine)
	r := mrand.New(mrand.NewPCG(7, 11))
	bi := &benchInbox{d: d, close: closeDB}
	err := d.InTx(ctx, func(tx *db.Tx) error {
		for bn, threads := range []int{benchThreads, benchOtherThreads} {
			br, err := brand.Create(ctx, tx, fmt.Sprintf("Bench %d", bn), "", now)
			if err != nil {
				return err
			}
			var users []int64
			for i := range 4 {
				u, err := auth.CreateUser(ctx, tx, fmt.Sprintf("cm%d@bench%d.test", i, bn), fmt.Sprintf("Manager %d", i), "", "en", false, now)
				if err != nil {
					return err
				}
				if err := brand.SetMember(ctx, tx, br.ID, u.ID, auth.CommunityManager, now); err != nil {
					return err
				}
				users = append(users, u.ID)
				if bn == 0 && i == 0 {
					bi.brandID, bi.viewer = br.ID, u
				}
			}
			var campaigns []int64
			for i := range 20 {
				var id int64
				if err := tx.QueryRowContext(ctx, `INSERT INTO campaigns (brand_id, name, status, created_at, updated_at) VALUES (?, ?, 'active', ?, ?) RETURNING id`,
					br.ID, fmt.Sprintf("Campaign %d", i), now.UnixMilli(), now.UnixMilli()).Scan(&id); err != nil {
					return err
				}
				campaigns = append(campaigns, id)
			}
			var creators []int64
			for i := range benchCreators * threads / benchThreads {
				var id int64
				name := fmt.Sprintf("Creator %05d", i)
				if err := tx.QueryRowContext(ctx, `INSERT INTO creators (brand_id, display_name, sort_name, email, stage, created_at, updated_at)
					VALUES (?, ?, ?, ?, 'active', ?, ?) RETURNING id`, br.ID, name, name, fmt.Sprintf("c%d@b%d.test", i, bn), now.UnixMilli(), now.UnixMilli()).Scan(&id); err != nil {
					return err
				}
				creators = append(creators, id)
			}
			for i := range threads {
				at := now.Add(-time.Duration(r.Int64N(int64(90 * 24 * time.Hour)))).UnixMilli()
				status := Open
				switch x := r.IntN(100); {
				case x >= 80:
					status = Closed
				case x >= 45:
					status = Waiting
				}
				var assignee, campaign any
				if r.IntN(3) > 0 {
					assignee = users[r.IntN(len(users))]
				}
				if r.IntN(5) == 0 {
					campaign = campaigns[r.IntN(len(campaigns))]
				}
				lastCreatorMsg := int64(i*3 + 1)
				var id int64
				if err := tx.QueryRowContext(ctx, `INSERT INTO inbox_threads (brand_id, creator_id, campaign_id, subject, status, assignee_user_id,
					reply_token, message_count, last_message_at, last_author, last_creator_message_id, first_creator_at, first_response_at,
					created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 3, ?, 'creator', ?, ?, ?, ?, ?) RETURNING id`,
					br.ID, creators[r.IntN(len(creators))], campaign, fmt.Sprintf("Question %d about the shoot", i), status, assignee,
					fmt.Sprintf("tok%d_%d", bn, i), at, lastCreatorMsg, at-3_600_000, at-1_800_000, at-3_600_000, at).Scan(&id); err != nil {
					return err
				}
				if bn == 0 && r.IntN(10) < 6 {
					if _, err := tx.ExecContext(ctx, `INSERT INTO inbox_reads (thread_id, user_id, brand_id, message_id) VALUES (?, ?, ?, ?)`,
						id, bi.viewer.ID, br.ID, lastCreatorMsg); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	// VACUUM sets PostgreSQL's visibility map, as autovacuum does soon
	// after a real load, so index-only scans read no table pages.
	stats := "ANALYZE"
	if engine == "postgres" {
		stats = "VACUUM ANALYZE"
	}
	if _, err = d.ExecContext(ctx, stats); err != nil {
		b.Fatal(err)
	}
	if bi.cookie, _, err = auth.CreateSession(ctx, d, bi.viewer.ID, bi.brandID, "bench", "127.0.0.1", now); err != nil {
		b.Fatal(err)
	}
	return bi
}

// inboxCases are the inbox pages people open most, 50 threads each.
var inboxCases = []struct{ name, query string }{
	{"a_all", ""},
	{"b_open", "status=open"},
	{"c_mine", "assignee=me"},
	{"d_unread", "unread=1"},
	{"e_campaign", "campaign=CAMPAIGN"},
	{"f_search", "q=question+12"},
	{"g_page2", "after=AFTER"},
}

// BenchmarkInboxList measures a page of the inbox of 10,000 threads: the
// store query (list) and the whole HTML page through real HTTP (html:
// filters, members, campaigns, unread count, the 8 weeks of medians, the
// layout), on each engine.
func BenchmarkInboxList(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			bi := seedInbox(b, engine)
			defer bi.close()
			ctx := context.Background()
			var campaign int64
			if err := bi.d.QueryRowContext(ctx, `SELECT MIN(id) FROM campaigns WHERE brand_id = ?`, bi.brandID).Scan(&campaign); err != nil {
				b.Fatal(err)
			}
			_, first, err := List(ctx, bi.d, bi.brandID, Filter{Viewer: bi.viewer.ID, Limit: 50})
			if err != nil || first.ID == 0 {
				b.Fatalf("first page: %v", err)
			}
			srv := benchServer(b, bi.d)
			for _, bc := range inboxCases {
				raw := bc.query
				raw = strings.ReplaceAll(raw, "CAMPAIGN", fmt.Sprint(campaign))
				raw = strings.ReplaceAll(raw, "AFTER", first.String())
				v, _ := url.ParseQuery(raw)
				f := parseFilter(v, bi.viewer.ID)
				b.Run("list_"+bc.name, func(b *testing.B) {
					if os.Getenv("ROSTER_BENCH_EXPLAIN") != "" {
						b.Log(explainList(ctx, bi.d, bi.brandID, f))
					}
					rows := 0
					benchMedian(b, func() {
						items, _, err := List(ctx, bi.d, bi.brandID, f)
						if err != nil {
							b.Fatal(err)
						}
						rows = len(items)
					})
					if rows == 0 {
						b.Fatalf("%s returned no threads", bc.query)
					}
				})
				b.Run("html_"+bc.name, func(b *testing.B) {
					h := http.Header{"Cookie": {web.SessionCookie + "=" + bi.cookie}}
					client := &http.Client{}
					benchMedian(b, func() {
						req, _ := http.NewRequest("GET", srv.URL+"/inbox?"+raw, nil)
						req.Header = h
						res, err := client.Do(req)
						if err != nil {
							b.Fatal(err)
						}
						body, _ := io.ReadAll(res.Body)
						res.Body.Close()
						if res.StatusCode != 200 || len(body) < 1000 {
							b.Fatalf("GET /inbox?%s: %d", raw, res.StatusCode)
						}
					})
				})
			}
		})
	}
}

// benchServer serves the inbox routes with the real middleware over d.
func benchServer(b *testing.B, d *db.DB) *httptest.Server {
	deps := &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r, err := web.NewRenderer(Templates())
	if err != nil {
		b.Fatal(err)
	}
	r.Attach(deps)
	rt := web.NewRouter(deps)
	Register(rt, deps)
	srv := httptest.NewServer(rt.Handler(nil))
	b.Cleanup(srv.Close)
	return srv
}

// benchMedian runs f b.N times after one warm-up and reports the median.
func benchMedian(b *testing.B, f func()) {
	f()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		f()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
}

// explainList returns the engine's plan of a list query (EXPLAIN QUERY
// PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL), for
// ROSTER_BENCH_EXPLAIN=1.
func explainList(ctx context.Context, d *db.DB, brandID int64, f Filter) string {
	query, args := listQuery(brandID, f)
	prefix := "EXPLAIN QUERY PLAN "
	if d.Dialect() == db.Postgres {
		prefix = "EXPLAIN ANALYZE "
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
		_ = rows.Scan(ptrs...)
		fmt.Fprintln(&out, vals...)
	}
	return out.String()
}
