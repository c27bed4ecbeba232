package importer

import (
	"cmp"
	"context"
	"fmt"
	"github.com/jackc/pgx/v5"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func xpEnvInt(k string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(k)); err == nil {
		return n
	}
	return def
}

func TestXPCreators(t *testing.T) {
	if os.Getenv("XP") == "" {
		t.Skip()
	}
	n := xpEnvInt("XP_ROWS", 200000)
	ctx := context.Background()
	var d *db.DB
	var pgURL string
	if os.Getenv("XP_PG") != "" {
		var err error
		pgURL = dbtest.PostgresURL(t) + "&application_name=" + benchAppName
		d, err = db.Open(ctx, db.Config{DatabaseURL: pgURL})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if _, err := d.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
	} else {
		d = dbtest.SQLite(t)
	}
	brandID := newBrand(t, d, "xp")
	for _, stmt := range strings.Split(os.Getenv("XP_DDL"), ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := d.ExecContext(ctx, stmt); err != nil {
			t.Fatal(stmt, err)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	countries := []string{"ES", "GB", "FR", "DE", "BR", "US", "PT", "", ""}
	type row []any
	rows := make([]row, n)
	ms := time.Now().UnixMilli()
	for i := range n {
		c := creator.Creator{DisplayName: fmt.Sprintf("Creator %d, Jr", i), Email: fmt.Sprintf("c%d@example.com", i), Country: countries[r.IntN(len(countries))],
			Tags: []string{"fitness", "food"}, SocialAccounts: []creator.SocialAccount{{Platform: "instagram", Handle: fmt.Sprintf("creator%d_1", i)}}}
		rows[i] = row{int64(i + 1000), brandID, c.DisplayName, creator.SortName(c.DisplayName), c.Email, c.Country, "", "", "prospect", int64(r.IntN(2000000)), creator.SearchText(&c), ms, ms}
	}
	if os.Getenv("XP_SORT") != "" {
		slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a[9].(int64), b[9].(int64)) })
		for i := range rows {
			rows[i][0] = int64(i + 1000)
		}
	}
	tab := newTable("creators", "id brand_id display_name sort_name email country languages notes stage followers_total search_text created_at updated_at")
	per := xpEnvInt("XP_STMT", 2000)
	clock := startCPU(t, d)
	start := time.Now()
	var err error
	if os.Getenv("XP_COPY") != "" {
		conn, err := pgx.Connect(ctx, pgURL)
		if err != nil {
			t.Fatal(err)
		}
		clock = startCPU(t, d)
		start = time.Now()
		tx, _ := conn.Begin(ctx)
		tx.Exec(ctx, `SET LOCAL session_replication_role = replica`)
		tx.Exec(ctx, `SET LOCAL synchronous_commit = off`)
		src := make([][]any, len(rows))
		for i := range rows {
			src[i] = rows[i]
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"creators"}, tab.columns, pgx.CopyFromRows(src)); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	} else {
		err = d.InTx(ctx, func(tx *db.Tx) error {
			if c := xpEnvInt("XP_CACHE", 0); c != 0 && d.Dialect() == db.SQLite {
				if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size=-%d", c)); err != nil {
					return err
				}
			}
			if d.Dialect() == db.Postgres {
				tx.ExecContext(ctx, `SET LOCAL session_replication_role = replica`)
				tx.ExecContext(ctx, `SET LOCAL synchronous_commit = off`)
			}
			for i, rw := range rows {
				tab.add(rw...)
				if tab.rows == per || i == n-1 {
					if err := tab.flush(ctx, tx); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	self, server := clock.stop(t)
	took := time.Since(start)
	t.Logf("insert %d rows: %.1f s wall, %.2f µs/row cpu (server %.2f), %.0f rows/s", n, took.Seconds(), float64(self.Microseconds())/float64(n), float64(server.Microseconds())/float64(n), float64(n)/took.Seconds())
	for _, stmt := range strings.Split(os.Getenv("XP_AFTER"), ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		clock := startCPU(t, d)
		start := time.Now()
		if _, err := d.ExecContext(ctx, stmt); err != nil {
			t.Fatal(stmt, err)
		}
		self, server := clock.stop(t)
		t.Logf("%s: %.2f s wall, %.2f µs/row cpu (server %.2f)", stmt, time.Since(start).Seconds(), float64(self.Microseconds())/float64(n), float64(server.Microseconds())/float64(n))
	}
}

func xpDDL(t testing.TB, d *db.DB) {
	for _, stmt := range strings.Split(os.Getenv("XP_DDL"), ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := d.ExecContext(context.Background(), stmt); err != nil {
			t.Fatal(stmt, err)
		}
	}
}
