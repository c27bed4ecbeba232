package participant_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
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
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/participant"
	"github.com/rosterhq/roster/internal/web"
)

// The benchmark brand: 1,000 campaigns and 200,000 participants (every
// one with an offer) among 20,000 creators; campaign 1 has 2,000
// participants spread over the nine default stages, the others 198 each.
const (
	benchCampaigns    = 1000
	benchParticipants = 200000
	benchBigCampaign  = 2000
	benchCreators     = 20000
)

// BenchmarkBoard measures the participant board of the 2,000-participant
// campaign: the queries alone (load) and the whole page through real
// HTTP with the layout and a signed-in community manager (html), on each
// engine. Run it with:
//
//	ROSTER_TEST_POSTGRES_URL=... go test ./internal/participant -run '^$' -bench BenchmarkBoard -benchtime 200x
func BenchmarkBoard(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			d := openBenchDB(b, engine)
			ctx := context.Background()
			start := time.Now()
			brandID, campaignID := seedBoardBench(b, d)
			b.Logf("%s: seeded %d participants in %v", engine, benchParticipants, time.Since(start).Round(time.Millisecond))
			cookie := benchCookie(b, d, brandID)
			deps := &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			r, err := web.NewRenderer(participant.Templates())
			if err != nil {
				b.Fatal(err)
			}
			r.Attach(deps)
			rt := web.NewRouter(deps)
			participant.Register(rt, deps)
			srv := httptest.NewServer(rt.Handler(nil))
			b.Cleanup(srv.Close)

			b.Run("load", func(b *testing.B) {
				benchMedian(b, func() {
					board, err := participant.LoadBoard(ctx, d, i18n.For("en"), brandID, campaignID)
					if err != nil || board.Total != benchBigCampaign || len(board.Columns) != 9 || len(board.Columns[0].Cards) != participant.CardsPerColumn {
						b.Fatalf("board: %+v %v", board, err)
					}
				})
			})
			b.Run("html", func(b *testing.B) {
				client := &http.Client{}
				benchMedian(b, func() {
					req, _ := http.NewRequest("GET", fmt.Sprintf("%s/campaigns/%d/participants", srv.URL, campaignID), nil)
					req.Header.Set("Cookie", web.SessionCookie+"="+cookie)
					res, err := client.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					body, _ := io.ReadAll(res.Body)
					res.Body.Close()
					if res.StatusCode != 200 || strings.Count(string(body), `class="card"`) != 9*participant.CardsPerColumn {
						b.Fatalf("board page: %d %.300s", res.StatusCode, body)
					}
				})
			})
		})
	}
}

// benchMedian runs f once to warm up, then b.N times, and reports the
// median as p50-ms.
func benchMedian(b *testing.B, f func()) {
	f()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t := time.Now()
		f()
		times = append(times, time.Since(t))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
}

// openBenchDB opens a fresh migrated database: a file for SQLite (WAL and
// its pools, as served), a schema of its own on PostgreSQL.
func openBenchDB(b *testing.B, engine string) *db.DB {
	ctx := context.Background()
	var d *db.DB
	if engine == "sqlite" {
		dir := b.TempDir()
		var err error
		if d, err = db.OpenSQLiteFile(ctx, filepath.Join(dir, "roster.db")); err != nil {
			b.Fatal(err)
		}
	} else {
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
		schema := "pbench_" + hex.EncodeToString(suffix)
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() {
			_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			admin.Close()
		})
		u, _ := url.Parse(base)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		if d, err = db.Open(ctx, db.Config{DatabaseURL: u.String()}); err != nil {
			b.Fatal(err)
		}
	}
	b.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	return d
}

// rows inserts many rows in multi-row INSERTs of at most 500 rows.
type rows struct {
	tx     *db.Tx
	head   string
	cols   int
	values []any
}

func (r *rows) add(ctx context.Context, b *testing.B, v ...any) {
	r.values = append(r.values, v...)
	if len(r.values) >= 500*r.cols {
		r.flush(ctx, b)
	}
}

func (r *rows) flush(ctx context.Context, b *testing.B) {
	n := len(r.values) / r.cols
	if n == 0 {
		return
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", r.cols), ", ") + ")"
	q := r.head + " VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
	if _, err := r.tx.ExecContext(ctx, q, r.values...); err != nil {
		b.Fatal(err)
	}
	r.values = r.values[:0]
}

func seedBoardBench(b *testing.B, d *db.DB) (brandID, bigCampaign int64) {
	ctx := context.Background()
	now := time.Now().UnixMilli()
	br, err := brand.Create(ctx, d, "Bench", "bench", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	stages := participant.DefaultStages()
	err = d.InTx(ctx, func(tx *db.Tx) error {
		cr := &rows{tx: tx, head: `INSERT INTO creators (brand_id, display_name, sort_name, email, stage, followers_total, created_at, updated_at)`, cols: 8}
		for i := range benchCreators {
			name := fmt.Sprintf("Creator %05d", i)
			cr.add(ctx, b, br.ID, name, strings.ToLower(name), fmt.Sprintf("c%d@bench.test", i), "active", int64(i*37%500000), now, now)
		}
		cr.flush(ctx, b)
		ca := &rows{tx: tx, head: `INSERT INTO campaigns (brand_id, name, status, currency, created_at, updated_at)`, cols: 6}
		for i := range benchCampaigns {
			ca.add(ctx, b, br.ID, fmt.Sprintf("Campaign %04d", i), "active", "USD", now, now)
		}
		ca.flush(ctx, b)
		var firstCreator, firstCampaign int64
		if err := tx.QueryRowContext(ctx, `SELECT MIN(id) FROM creators WHERE brand_id = ?`, br.ID).Scan(&firstCreator); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT MIN(id) FROM campaigns WHERE brand_id = ?`, br.ID).Scan(&firstCampaign); err != nil {
			return err
		}
		bigCampaign = firstCampaign
		pa := &rows{tx: tx, head: `INSERT INTO campaign_participants (brand_id, campaign_id, creator_id, stage, offer_status, locale, created_at, updated_at)`, cols: 8}
		per := (benchParticipants - benchBigCampaign) / (benchCampaigns - 1)
		for c := range benchCampaigns {
			n := per
			if c == 0 {
				n = benchBigCampaign
			}
			for k := range n {
				creatorID := firstCreator + int64((c*131+k)%benchCreators)
				stage := stages[(k*7+c)%len(stages)].Key
				pa.add(ctx, b, br.ID, firstCampaign+int64(c), creatorID, stage, participant.AwaitingCreator, "en", now, now)
			}
		}
		pa.flush(ctx, b)
		if _, err := tx.ExecContext(ctx, `INSERT INTO participant_offers (brand_id, participant_id, revision, made_by, deliverables, fee_minor,
			currency, actor_label, created_at) SELECT brand_id, id, 1, 'brand', '[]', 25000, 'USD', 'bench', created_at FROM campaign_participants`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE campaign_participants SET offer_id = (SELECT o.id FROM participant_offers o WHERE o.participant_id = campaign_participants.id)`)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	var n int64
	if err := d.QueryRowContext(ctx, `SELECT count(*) FROM campaign_participants WHERE brand_id = ?`, br.ID).Scan(&n); err != nil || n < benchParticipants-1000 {
		b.Fatalf("seeded %d participants: %v", n, err)
	}
	return br.ID, bigCampaign
}

// benchCookie signs in a community manager of the brand.
func benchCookie(b *testing.B, d *db.DB, brandID int64) string {
	ctx, now := context.Background(), time.Now()
	u, err := auth.CreateUser(ctx, d, "cm-"+strings.ReplaceAll(b.Name(), "/", "-")+"@bench.test", "Bench", "", "en", false, now)
	if err != nil {
		b.Fatal(err)
	}
	if err := brand.SetMember(ctx, d, brandID, u.ID, auth.CommunityManager, now); err != nil {
		b.Fatal(err)
	}
	cookie, _, err := auth.CreateSession(ctx, d, u.ID, brandID, "bench", "127.0.0.1", now)
	if err != nil {
		b.Fatal(err)
	}
	return cookie
}
