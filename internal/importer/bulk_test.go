package importer

import (
	"context"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// TestLargeFileOverSeveralTransactions imports a file whose batches fill
// the bulk statements (on SQLite a full chunk's statement is prepared
// once per transaction) over two transactions, then checks that every
// row landed with its tags, accounts and search entry, and that the
// re-import changes nothing.
func TestLargeFileOverSeveralTransactions(t *testing.T) {
	var file strings.Builder
	if err := writeGenCSV(&file, 6000, 3); err != nil {
		t.Fatal(err)
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "large")
		big := func(o *Options) { o.Batch, o.CommitRows = 3000, 3000 }
		res := run(t, d, b, file.String(), big)
		c := res.Counts
		if c.Rows != 6000 || c.Created < 5000 || c.Updated+c.Unchanged != c.Merged {
			t.Fatalf("counts %+v", c)
		}
		if n := countCreators(t, d, b); n != c.Created {
			t.Fatalf("%d creators stored, %d created", n, c.Created)
		}
		ctx := context.Background()
		var accounts, tagged int64
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM social_accounts WHERE brand_id = ?`, b).Scan(&accounts); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRowContext(ctx, `SELECT count(DISTINCT creator_id) FROM creator_tags WHERE brand_id = ?`, b).Scan(&tagged); err != nil {
			t.Fatal(err)
		}
		if accounts < c.Created || tagged != c.Created {
			t.Fatalf("%d accounts, %d tagged creators for %d created", accounts, tagged, c.Created)
		}
		// The last creator of the file is found by its handle's words.
		last := byHandle(t, d, b, "instagram", "creator5999_3")
		var found int64
		q := `SELECT count(*) FROM creators c WHERE c.brand_id = ? AND c.id IN (SELECT rowid FROM creators_fts WHERE creators_fts MATCH '"creator5999"*')`
		if d.Dialect() == db.Postgres {
			q = `SELECT count(*) FROM creators c WHERE c.brand_id = ? AND c.search_vector @@ 'creator5999:*'::tsquery`
		}
		if err := d.QueryRowContext(ctx, q, b).Scan(&found); err != nil || found != 1 || last.ID == 0 {
			t.Fatalf("search for the last handle: %d, %v", found, err)
		}
		if d.Dialect() == db.SQLite {
			if _, err := d.ExecContext(ctx, `INSERT INTO creators_fts (creators_fts) VALUES ('integrity-check')`); err != nil {
				t.Fatalf("full-text index: %v", err)
			}
		}
		again := run(t, d, b, file.String(), big)
		wantCounts(t, again.Counts, 6000, 0, 0, c.Created+c.Updated+c.Unchanged, c.Failed)
	})
}
