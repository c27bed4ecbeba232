package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/rosterhq/roster/internal/db"
)

// OpenChecked opens the database for a command that needs the current
// schema. A brand-new empty database is migrated on the spot (so the first
// `serve` just works); an existing one at another version is refused with
// a message saying what to run.
func OpenChecked(ctx context.Context, cfg db.Config) (*db.DB, error) {
	d, err := db.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	have, err := d.AppliedVersion(ctx)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	if have == 0 {
		// No migration is recorded; only a database with no tables at all
		// is brand-new. Any other was made by some other version or tool.
		if n, err := tableCount(ctx, d); err != nil || n > 0 {
			d.Close()
			if err != nil {
				return nil, fmt.Errorf("read schema: %w", err)
			}
			return nil, &db.SchemaMismatchError{Have: 0, Want: db.LatestVersion(d.Dialect())}
		}
		if _, err := d.Migrate(ctx); err != nil {
			d.Close()
			return nil, err
		}
		return d, nil
	}
	if err := d.CheckSchema(ctx); err != nil {
		d.Close()
		var mm *db.SchemaMismatchError
		if errors.As(err, &mm) {
			return nil, err
		}
		return nil, fmt.Errorf("check schema: %w", err)
	}
	return d, nil
}

// tableCount counts the tables in the database's schema other than the
// migrations record.
func tableCount(ctx context.Context, d *db.DB) (int, error) {
	q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'`
	if d.Dialect() == db.Postgres {
		q = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`
	}
	var n int
	err := d.QueryRowContext(ctx, q).Scan(&n)
	return n, err
}
