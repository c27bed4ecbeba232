package importer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// BenchmarkStorageFloor measures what storing a creator costs apart from
// the importer: BenchmarkImport's file, parsed first, each good row's
// creators columns inserted in one transaction (multi-row INSERT on
// SQLite, COPY on PostgreSQL, as the importer writes) three ways:
//
//   - bare: a table with the creators' columns and no secondary index
//     (the raw insert, with the creators' own columns);
//   - maintained: the creators table with every index and the full-text
//     index the product has, maintained row by row (what an import does);
//   - built-after: the same table with its secondary indexes and full-text
//     index dropped, loaded, then rebuilt by sorting (CREATE INDEX, FTS5
//     'rebuild'), the fastest way either engine builds them.
//
// CPU per row is the process's on SQLite (its writes run on one thread)
// and the server backend's on PostgreSQL (one COPY runs on one backend,
// with the foreign-key triggers skipped as the import skips them when
// the role may; the benchmark's role is a superuser).
// Tags, social accounts, stage history and parsing are left out, so the
// rate a whole import can reach is lower than 1/this: ceiling-rows/s is
// one core's worth of the cheaper way, an upper bound for the import.
func BenchmarkStorageFloor(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			n := benchRows()
			rows := parsedCreatorRows(b, writeBenchFile(b, filepath.Join(b.TempDir(), "creators.csv"), n, 1))
			for b.Loop() {
				d, _ := benchDB(b, engine)
				brandID := newBrand(b, d, "floor")
				createBareCreators(b, d)
				bare := floorInsert(b, d, "bare_creators", brandID, rows)
				maintained := floorInsert(b, d, "creators", brandID, rows)

				d2, _ := benchDB(b, engine)
				brand2 := newBrand(b, d2, "floor")
				rebuild := dropCreatorIndexes(b, d2)
				loaded := floorInsert(b, d2, "creators", brand2, rows)
				built, text := rebuild()
				after := loaded + built

				per := func(cpu time.Duration) float64 { return float64(cpu.Nanoseconds()) / 1e3 / float64(len(rows)) }
				b.ReportMetric(per(bare), "bare-cpu-µs/row")
				b.ReportMetric(per(maintained), "maintained-cpu-µs/row")
				b.ReportMetric(per(loaded), "load-cpu-µs/row")
				b.ReportMetric(per(built), "build-cpu-µs/row")
				b.ReportMetric(per(text), "build-text-cpu-µs/row")
				b.ReportMetric(per(after), "built-after-cpu-µs/row")
				best := min(maintained, after)
				b.ReportMetric(1e6/per(best), "ceiling-rows/s")
				b.ReportMetric(per(bare)/per(best), "ceiling-ratio")
			}
		})
	}
}

// creatorRow is one parsed row's creators columns.
type creatorRow struct {
	displayName, sortName, email, country, languages, stage, searchText string
	followers                                                           int64
}

func parsedCreatorRows(b *testing.B, path string) []creatorRow {
	var rows []creatorRow
	eachGoodRow(b, path, func(r *Row) {
		s := newState(r)
		stage := s.c.Stage
		if stage == "" {
			stage = "prospect"
		}
		rows = append(rows, creatorRow{displayName: s.c.DisplayName, sortName: s.cols.sortName, email: s.c.Email,
			country: s.c.Country, languages: s.cols.languages, stage: stage, searchText: s.cols.searchText,
			followers: s.cols.followersTotal})
	})
	return rows
}

const floorColumns = "id brand_id display_name sort_name email country languages notes stage followers_total search_text created_at updated_at"

func createBareCreators(b *testing.B, d *db.DB) {
	_, err := d.ExecContext(context.Background(), `CREATE TABLE bare_creators (id BIGINT PRIMARY KEY, brand_id BIGINT NOT NULL,
		display_name TEXT NOT NULL, sort_name TEXT NOT NULL, email TEXT NOT NULL, country TEXT NOT NULL, languages TEXT NOT NULL,
		notes TEXT NOT NULL, stage TEXT NOT NULL, followers_total BIGINT NOT NULL, search_text TEXT NOT NULL,
		created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)`)
	if err != nil {
		b.Fatal(err)
	}
}

// floorInsert writes rows into table in one transaction and returns its
// CPU time (see BenchmarkStorageFloor).
func floorInsert(b *testing.B, d *db.DB, table string, brandID int64, rows []creatorRow) time.Duration {
	ctx := context.Background()
	clock := startCPU(d)
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if d.Dialect() == db.Postgres {
			// As the import does when the role may (write_pg.go): the
			// per-row foreign-key triggers are skipped.
			if _, err := tx.ExecContext(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
				return err
			}
		}
		t := newTable(table, floorColumns)
		now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC).UnixMilli()
		for i, r := range rows {
			t.add(int64(i+1), brandID, r.displayName, r.sortName, r.email, r.country, r.languages, "", r.stage,
				r.followers, r.searchText, now, now)
			if t.rows == 5000 {
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
	return floorCPU(b, d, clock)
}

// floorCPU is the writing side's CPU since clock started: the process's
// on SQLite, the server's on PostgreSQL.
func floorCPU(b *testing.B, d *db.DB, clock *cpuClock) time.Duration {
	self, server := clock.stop(b)
	if d.Dialect() == db.Postgres {
		return server
	}
	return self
}

// dropCreatorIndexes drops the creators table's secondary indexes and
// full-text index, and returns the function that builds them again and
// reports the CPU it took, all of it and the full-text index's part.
func dropCreatorIndexes(b *testing.B, d *db.DB) func() (all, text time.Duration) {
	ctx := context.Background()
	var list string
	var restore []string
	if d.Dialect() == db.Postgres {
		list = `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'creators' AND indexname <> 'creators_pkey'`
	} else {
		list = `SELECT name, sql FROM sqlite_master WHERE tbl_name = 'creators' AND type IN ('index', 'trigger') AND sql IS NOT NULL`
	}
	rows, err := d.QueryContext(ctx, list)
	if err != nil {
		b.Fatal(err)
	}
	var drops []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			b.Fatal(err)
		}
		kind := "INDEX"
		if strings.HasPrefix(strings.ToUpper(def), "CREATE TRIGGER") {
			kind = "TRIGGER"
		}
		drops = append(drops, "DROP "+kind+" "+name)
		restore = append(restore, def)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	rows.Close()
	if d.Dialect() == db.SQLite {
		// The external-content FTS5 index is rebuilt from the table.
		restore = append(restore, `INSERT INTO creators_fts (creators_fts) VALUES ('rebuild')`)
	}
	for _, s := range drops {
		if _, err := d.ExecContext(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	return func() (all, text time.Duration) {
		err := d.InTx(ctx, func(tx *db.Tx) error {
			for _, s := range restore {
				clock := startCPU(d)
				if _, err := tx.ExecContext(ctx, s); err != nil {
					return err
				}
				cpu := floorCPU(b, d, clock)
				all += cpu
				if strings.Contains(s, "creators_fts") || strings.Contains(strings.ToLower(s), "using gin") {
					text += cpu
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		return all, text
	}
}
