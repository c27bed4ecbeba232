package importer

import (
	"context"
	"testing"

	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// An imported creator's search text is the one the creator store would
// write, also when a later row of the file merges into it.
func TestImportedSearchText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "search")
		run(t, d, b, "name,instagram,tiktok,email,tags,location\n"+
			"Ana Pérez,@ana_perez,,ana@example.com,\"food, travel\",\"Madrid, Spain\"\n"+
			"Bo,bo.b,bob_tt,,tech,\n"+
			"Ana P,ana_perez,anap,,beauty,\n")
		rows, err := d.QueryContext(context.Background(), `SELECT id, search_text FROM creators WHERE brand_id = ?`, b)
		if err != nil {
			t.Fatal(err)
		}
		stored := map[int64]string{}
		for rows.Next() {
			var id int64
			var s string
			if err := rows.Scan(&id, &s); err != nil {
				t.Fatal(err)
			}
			stored[id] = s
		}
		rows.Close()
		if len(stored) != 2 {
			t.Fatalf("%d creators, want 2", len(stored))
		}
		for id, s := range stored {
			c, err := creator.NewStore(d).Get(context.Background(), d, b, id)
			if err != nil {
				t.Fatal(err)
			}
			if want := creator.SearchText(c); s != want {
				t.Errorf("creator %d: search_text %q, want %q", id, s, want)
			}
		}
	})
}
