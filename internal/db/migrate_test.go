package db_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestMigrationsApplyAndRecord(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := d.CheckSchema(ctx); err != nil {
			t.Fatalf("fresh migrated database should match: %v", err)
		}
		again, err := d.Migrate(ctx)
		if err != nil || len(again) != 0 {
			t.Fatalf("second migrate applied %v, err %v; want nothing", again, err)
		}
		st, err := d.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st {
			if s.AppliedAt.IsZero() {
				t.Errorf("migration %d not recorded", s.Version)
			}
		}
		// A schema newer than the binary is refused with a clear message.
		if _, err := d.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 0)`, db.LatestVersion(d.Dialect())+1); err != nil {
			t.Fatal(err)
		}
		var mismatch *db.SchemaMismatchError
		if err := d.CheckSchema(ctx); !errors.As(err, &mismatch) || mismatch.Have <= mismatch.Want {
			t.Fatalf("CheckSchema on newer schema = %v", err)
		}
	})
}

func TestMigrationsSameVersionsOnBothEngines(t *testing.T) {
	s, err := db.Migrations(db.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.Migrations(db.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != len(p) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(s), len(p))
	}
	for i := range s {
		if s[i].Name != p[i].Name {
			t.Errorf("migration %d: sqlite %q, postgres %q", s[i].Version, s[i].Name, p[i].Name)
		}
	}
}

func TestRebindSkipsQuotedQuestionMarks(t *testing.T) {
	got := db.RebindForTest(db.Postgres, `SELECT '?' , a FROM t WHERE b = ? AND c IN (?, ?)`)
	want := `SELECT '?' , a FROM t WHERE b = $1 AND c IN ($2, $3)`
	if got != want {
		t.Fatalf("rebind = %q, want %q", got, want)
	}
}

func TestUnmigratedDatabaseIsRefused(t *testing.T) {
	d, err := db.OpenSQLiteFile(context.Background(), t.TempDir()+"/empty.db")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var mismatch *db.SchemaMismatchError
	if err := d.CheckSchema(context.Background()); !errors.As(err, &mismatch) || mismatch.Have != 0 {
		t.Fatalf("CheckSchema on empty db = %v", err)
	}
}

func TestMissingMigrationIsReportedAndApplied(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = 1`); err != nil {
			t.Fatal(err)
		}
		var mismatch *db.SchemaMismatchError
		if err := d.CheckSchema(ctx); !errors.As(err, &mismatch) || mismatch.Missing != 1 {
			t.Fatalf("CheckSchema with migration 1 unrecorded = %v", err)
		}
	})
}

// TestRebindCacheIsBounded: statements built at run time (IN lists of
// every length) must not grow the cache without end, and still rebind.
func TestRebindCacheIsBounded(t *testing.T) {
	long := "SELECT ? " + strings.Repeat(" ", 5000)
	before := db.ReboundCountForTest()
	if got := db.RebindForTest(db.Postgres, long); !strings.HasPrefix(got, "SELECT $1") {
		t.Fatalf("rebind = %.20q", got)
	}
	if db.ReboundCountForTest() != before {
		t.Fatal("a long statement text was cached")
	}
	for n := 1; n <= 3*db.MaxReboundForTest; n++ {
		q := "SELECT a FROM t WHERE b IN (" + db.Placeholders(1) + ") AND c = " + strconv.Itoa(n) + " AND d = ?"
		if got := db.RebindForTest(db.Postgres, q); !strings.HasSuffix(got, "AND d = $2") {
			t.Fatalf("rebind = %q", got)
		}
	}
	if n := db.ReboundCountForTest(); n > db.MaxReboundForTest {
		t.Fatalf("cache holds %d texts, bound is %d", n, db.MaxReboundForTest)
	}
}
