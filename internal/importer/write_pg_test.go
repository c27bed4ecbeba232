package importer

import (
	"context"
	"testing"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// The import's PostgreSQL transactions skip triggers (write_pg.go): that
// is only right while the tables it writes have none but the foreign
// keys' own. A trigger added to them must be maintained by the importer
// too, and this test is the reminder.
func TestNoUserTriggersOnImportTables(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if d.Dialect() != db.Postgres {
			return
		}
		var n int
		err := d.QueryRowContext(context.Background(), `SELECT count(*) FROM pg_trigger
			WHERE NOT tgisinternal AND tgrelid IN ('creators'::regclass, 'creator_tags'::regclass, 'social_accounts'::regclass,
				'creator_stage_events'::regclass)`).Scan(&n)
		if err != nil || n != 0 {
			t.Fatalf("%d triggers on the import's tables (%v): see write_pg.go", n, err)
		}
		ok, err := bulkRoleAllowed(context.Background(), d)
		t.Logf("bulk role allowed: %v %v", ok, err)
	})
}
