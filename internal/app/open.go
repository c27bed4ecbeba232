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
