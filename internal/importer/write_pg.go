package importer

import (
	"context"
	"fmt"

	"github.com/rosterhq/roster/internal/db"
)

// On PostgreSQL the foreign keys of creators, creator_tags,
// social_accounts and creator_stage_events are checked by a trigger per
// row: about 5 µs each, two per tag and account row, which is most of an
// import's time. The
// import's rows satisfy them by construction, so when the database role
// may (a superuser, or `GRANT SET ON PARAMETER session_replication_role`
// on PostgreSQL 15+), the import's transactions run with
// session_replication_role = replica, which skips those triggers, and
// take the same guarantees in bulk:
//   - brand_id: the brand row is locked FOR KEY SHARE for the
//     transaction (the lock each row's check would take), so it exists
//     and cannot be deleted until commit;
//   - creator_id of new tags, accounts and stage events: either a
//     creator inserted earlier in the same transaction, or one this
//     transaction has just updated (the update fails the transaction if
//     the row is gone, and holds its lock until commit);
//   - actor_user_id of stage events (the import's author, when a user):
//     that user's row is locked FOR KEY SHARE like the brand's, so it
//     exists and its deletion (which nulls the column) waits for commit.
// Nothing else writes in these transactions. The tables have no other
// triggers (TestNoUserTriggersOnImportTables keeps it so).

// bulkRoleAllowed reports whether the role may set
// session_replication_role.
func bulkRoleAllowed(ctx context.Context, d *db.DB) (bool, error) {
	if d.Dialect() != db.Postgres {
		return false, nil
	}
	var super bool
	var version int
	err := d.QueryRowContext(ctx, `SELECT current_setting('is_superuser') = 'on', current_setting('server_version_num')::int`).Scan(&super, &version)
	if err != nil || super || version < 150000 {
		return super, err
	}
	var may bool
	err = d.QueryRowContext(ctx, `SELECT has_parameter_privilege('session_replication_role', 'SET')`).Scan(&may)
	return may, err
}

// begin prepares one of the import's transactions. On PostgreSQL its
// commit does not wait for the WAL flush (synchronous_commit = off, this
// transaction only): a crash can lose the last transactions of the
// import, never half of one, and the job resumes from the last
// checkpoint that reached the disk, which is part of the same
// transactions.
func (w *writer) begin(ctx context.Context, tx *db.Tx) error {
	if tx.Dialect() != db.Postgres {
		return w.sqliteBegin(ctx, tx)
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
		return err
	}
	if !w.bulkRole {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
		return err
	}
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM brands WHERE id = ? FOR KEY SHARE`, w.brandID).Scan(&one); err != nil {
		return fmt.Errorf("lock brand %d: %w", w.brandID, err)
	}
	if id := w.events.userID; id != 0 {
		// Gone, the job retries and records the job as the actor.
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM users WHERE id = ? FOR KEY SHARE`, id).Scan(&one); err != nil {
			return fmt.Errorf("lock the import's author %d: %w", id, err)
		}
	}
	return nil
}
