package importer

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rosterhq/roster/internal/db"
)

// rawInsertRate parses the file first, then inserts its good rows into a
// bare table without secondary indexes in one transaction: multi-row
// INSERTs on SQLite, COPY on PostgreSQL. Rows per second, and the CPU
// time of the inserts (the process's and the server's).
func rawInsertRate(b *testing.B, d *db.DB, pgURL, path string) (float64, time.Duration) {
	var rows [][]any
	eachGoodRow(b, path, func(r *Row) {
		a := r.Fields.SocialAccounts[0]
		rows = append(rows, []any{int64(1), r.Fields.DisplayName, r.Fields.Email, r.Fields.Country, a.Platform, a.Handle, a.Followers, a.EngagementRate})
	})
	ctx := context.Background()
	const ddl = `CREATE TABLE raw_creators (id BIGINT PRIMARY KEY, brand_id BIGINT, display_name TEXT, email TEXT, country TEXT,
		platform TEXT, handle TEXT, followers BIGINT, engagement_rate DOUBLE PRECISION)`
	if _, err := d.ExecContext(ctx, ddl); err != nil {
		b.Fatal(err)
	}
	if d.Dialect() == db.Postgres {
		return copyRows(b, d, pgURL, rows)
	}
	clock := startCPU(d)
	start := time.Now()
	err := d.InTx(ctx, func(tx *db.Tx) error {
		t := newTable("raw_creators", "id brand_id display_name email country platform handle followers engagement_rate")
		for i, r := range rows {
			t.add(append([]any{int64(i + 1)}, r...)...)
			if t.rows == 3000 {
				if err := t.flush(ctx, tx); err != nil {
					return err
				}
			}
		}
		return t.flush(ctx, tx)
	})
	if err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	cpu, _ := clock.stop(b)
	return float64(len(rows)) / took.Seconds(), cpu
}

// eachGoodRow parses the file at path and calls fn with each row that
// parsed without a problem.
func eachGoodRow(b *testing.B, path string, fn func(*Row)) {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rd, err := NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	m := Detect(rd.Header(), nil)
	for {
		rec, line, err := rd.Next()
		if err != nil {
			return
		}
		if r := ParseRow(m, rec, line, "import:bench"); !r.Failed {
			fn(&r)
		}
	}
}

// copyRows COPYs into raw_creators in one transaction, over a
// connection of its own to the benchmark's schema.
func copyRows(b *testing.B, d *db.DB, pgURL string, rows [][]any) (float64, time.Duration) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	for i := range rows {
		rows[i] = append([]any{int64(i + 1)}, rows[i]...)
	}
	cols := strings.Fields("id brand_id display_name email country platform handle followers engagement_rate")
	clock := startCPU(d)
	start := time.Now()
	tx, err := conn.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"raw_creators"}, cols, pgx.CopyFromRows(rows)); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	self, server := clock.stop(b)
	return float64(len(rows)) / took.Seconds(), self + server
}
