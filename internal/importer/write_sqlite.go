package importer

import (
	"context"
	"fmt"

	"github.com/rosterhq/roster/internal/db"
)

// importCacheKiB is SQLite's page cache while an import transaction
// holds the writer. Measured with the real command on 1,000,000 rows
// (docs/performance.md): with the connection's usual 32 MB the import
// ran slower (62 s against 56 s) and the process peaked 70 MB higher;
// the bulk inserts touch index pages at random and a larger cache only
// costs allocation.
const importCacheKiB = 4000

// MemoryLimit is the Go heap limit `roster import` sets for itself: about
// twice what a million-row import keeps live (a hash per handle seen,
// the batches in flight), so the collector works harder only near it.
const MemoryLimit = 120 << 20

// sqliteBegin shrinks the writer's page cache for the transaction;
// restore puts back what it was.
func (w *writer) sqliteBegin(ctx context.Context, tx *db.Tx) error {
	if w.savedCache == 0 {
		if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&w.savedCache); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d`, importCacheKiB))
	return err
}

// restore runs after each import transaction, committed or not, so the
// application's other writes between them use the usual cache.
func (w *writer) restore(ctx context.Context, d *db.DB) {
	if d.Dialect() == db.SQLite && w.savedCache != 0 {
		_, _ = d.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, w.savedCache))
	}
}
