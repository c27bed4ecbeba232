package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// writer stores a batch's new and changed creators in bulk.
type writer struct {
	brandID int64
	// bulkRole: on PostgreSQL the import's transactions skip the per-row
	// foreign key triggers (see begin).
	bulkRole bool
	// savedCache is SQLite's cache_size before the import (see
	// write_sqlite.go).
	savedCache int64
	creators   *table
	tags       *table
	accounts   *table
	events     *stageEvents
}

func newWriter(brandID int64, actor *auth.Principal, reason string) *writer {
	return &writer{brandID: brandID, events: newStageEvents(brandID, actor, reason),
		creators: newTable("creators", "id brand_id display_name sort_name email country languages notes stage followers_total search_text created_at updated_at"),
		tags:     newTable("creator_tags", "brand_id creator_id tag"),
		accounts: newTable("social_accounts", "brand_id creator_id platform handle profile_url followers engagement_rate metrics_updated_at metrics_source"),
	}
}

// write inserts the new creators (ids reserved first, so their tags,
// accounts and stage events go in the same bulk statements) and updates
// changed ones.
func (w *writer) write(ctx context.Context, tx *db.Tx, fresh, changed []*state, now time.Time) error {
	ms := now.UnixMilli()
	ids, err := reserveIDs(ctx, tx, len(fresh))
	if err != nil {
		return err
	}
	for i, s := range fresh {
		s.c.ID = ids[i]
		c, d := &s.c, s.derivedCols()
		w.creators.add(c.ID, w.brandID, c.DisplayName, d.sortName, c.Email, c.Country,
			d.languages, c.Notes, c.Stage, d.followersTotal, d.searchText, ms, ms)
		w.events.add(c.ID, "", c.Stage, ms)
		for _, t := range c.Tags {
			w.tags.add(w.brandID, c.ID, t)
		}
		for _, a := range c.SocialAccounts {
			w.addAccount(c.ID, a, ms)
		}
	}
	for _, s := range changed {
		if err := w.update(ctx, tx, s, ms); err != nil {
			return err
		}
	}
	for _, t := range []*table{w.creators, w.tags, w.accounts, w.events.table} {
		if err := t.flush(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) addAccount(creatorID int64, a creator.SocialAccount, ms int64) {
	w.accounts.add(w.brandID, creatorID, a.Platform, a.Handle, a.ProfileURL, a.Followers, a.EngagementRate, ms, a.MetricsSource)
}

// update writes what a merge changed: the creator row, added tags, added
// accounts and accounts whose metrics moved.
func (w *writer) update(ctx context.Context, tx *db.Tx, s *state, ms int64) error {
	c, o, d := &s.c, s.orig, s.derivedCols()
	res, err := tx.ExecContext(ctx, `UPDATE creators SET display_name = ?, sort_name = ?, email = ?, country = ?, languages = ?,
		notes = ?, stage = ?, followers_total = ?, search_text = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
		c.DisplayName, d.sortName, c.Email, c.Country, d.languages, c.Notes, c.Stage,
		d.followersTotal, d.searchText, ms, w.brandID, c.ID)
	if err != nil {
		return err
	}
	// The row is now locked until commit. Gone (deleted since it was
	// read), the tags and accounts below would have no creator: fail the
	// transaction as the foreign key would; the job retries and resumes.
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("creator %d changed during the import: %w", c.ID, errCreatorGone)
	}
	w.events.add(c.ID, o.Stage, c.Stage, ms)
	for _, t := range c.Tags {
		if !slices.Contains(o.Tags, t) {
			w.tags.add(w.brandID, c.ID, t)
		}
	}
	for _, a := range c.SocialAccounts {
		if a.ID == 0 {
			w.addAccount(c.ID, a, ms)
			continue
		}
		i := slices.IndexFunc(o.SocialAccounts, func(b creator.SocialAccount) bool { return b.ID == a.ID })
		if b := o.SocialAccounts[i]; b.Followers == a.Followers && b.EngagementRate == a.EngagementRate {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE social_accounts SET followers = ?, engagement_rate = ?, metrics_updated_at = ?,
			metrics_source = ? WHERE brand_id = ? AND id = ?`, a.Followers, a.EngagementRate, ms, a.MetricsSource, w.brandID, a.ID); err != nil {
			return err
		}
	}
	return nil
}

var errCreatorGone = errors.New("a creator being updated was deleted")

// reserveIDs takes n creator ids no one else will use: on PostgreSQL from
// the identity sequence; on SQLite, whose single writer this transaction
// holds, after the current largest.
func reserveIDs(ctx context.Context, tx *db.Tx, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, n)
	if tx.Dialect() == db.Postgres {
		// The sequence is looked up once (OFFSET 0 keeps the subquery
		// apart): named in nextval's argument, it was looked up for every
		// id, 14 µs each instead of 1.4.
		rows, err := tx.QueryContext(ctx, `SELECT nextval(q.seq) FROM (SELECT pg_get_serial_sequence('creators', 'id')::regclass AS seq OFFSET 0) q,
			generate_series(1, ?::int)`, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM creators`).Scan(&last); err != nil {
		return nil, err
	}
	for i := range n {
		ids = append(ids, last+1+int64(i))
	}
	return ids, nil
}
