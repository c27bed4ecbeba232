package stages

import (
	"context"
	"slices"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// List returns the brand's stages of the set in order; a brand that
// never changed them has the defaults.
func (set *Set) List(ctx context.Context, q db.Querier, brandID int64) ([]Stage, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, label, kind, position FROM `+set.Table+`
		WHERE brand_id = ? ORDER BY position, id`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Stage
	for rows.Next() {
		var s Stage
		if err := rows.Scan(&s.Key, &s.Label, &s.Kind, &s.Position); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return set.DefaultList(), nil
	}
	return out, nil
}

// List returns the brand's pipeline stages in order.
func List(ctx context.Context, q db.Querier, brandID int64) ([]Stage, error) {
	return Pipeline.List(ctx, q, brandID)
}

// Keys returns the keys of the brand's pipeline stages in order.
func Keys(ctx context.Context, q db.Querier, brandID int64) ([]string, error) {
	list, err := List(ctx, q, brandID)
	if err != nil {
		return nil, err
	}
	return keysOf(list), nil
}

// Has reports whether key is one of the brand's pipeline stages.
func Has(ctx context.Context, q db.Querier, brandID int64, key string) (bool, error) {
	keys, err := Keys(ctx, q, brandID)
	return slices.Contains(keys, key), err
}

// save replaces the brand's stages with list, renumbering positions. The
// first change writes the defaults with it, so a brand's rows are always
// its whole list.
func (set *Set) save(ctx context.Context, tx *db.Tx, brandID int64, list []Stage) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+set.Table+` WHERE brand_id = ?`, brandID); err != nil {
		return err
	}
	for i, s := range list {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+set.Table+` (brand_id, key, label, kind, position) VALUES (?, ?, ?, ?, ?)`,
			brandID, s.Key, s.Label, s.Kind, i); err != nil {
			return err
		}
	}
	return nil
}

// countIn counts the brand's members in stage key.
func (m Members) countIn(ctx context.Context, q db.Querier, brandID int64, key string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+m.Table+` WHERE brand_id = ? AND stage = ?`, brandID, key).Scan(&n)
	return n, err
}

// Counts returns how many of the brand's members are in each stage.
func (m Members) Counts(ctx context.Context, q db.Querier, brandID int64) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT stage, count(*) FROM `+m.Table+` WHERE brand_id = ? GROUP BY stage`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var key string
		var n int64
		if err := rows.Scan(&key, &n); err != nil {
			return nil, err
		}
		out[key] = n
	}
	return out, rows.Err()
}

// Record writes one stage change of a member in the caller's transaction.
func (m Members) Record(ctx context.Context, q db.Querier, p *auth.Principal, brandID, memberID int64, from, to, reason string, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO `+m.Events+` (brand_id, `+m.EventOf+`, from_stage, to_stage, actor_user_id, actor_label, reason, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, brandID, memberID, from, to, userOf(p), p.ActorLabel(), CleanReason(reason), now.UnixMilli())
	return err
}

// moveAll moves every member of the brand in stage from to stage to,
// recording one stage change each: the bulk form of Record.
func (m Members) moveAll(ctx context.Context, tx *db.Tx, p *auth.Principal, from, to, reason string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO `+m.Events+` (brand_id, `+m.EventOf+`, from_stage, to_stage, actor_user_id, actor_label, reason, at)
		SELECT brand_id, id, stage, ?, ?, ?, ?, ? FROM `+m.Table+` WHERE brand_id = ? AND stage = ?`,
		to, userOf(p), p.ActorLabel(), CleanReason(reason), now.UnixMilli(), p.BrandID, from); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE `+m.Table+` SET stage = ?, updated_at = ? WHERE brand_id = ? AND stage = ?`,
		to, now.UnixMilli(), p.BrandID, from)
	return err
}

// userOf is the acting user's id, or NULL for a token or the system.
func userOf(p *auth.Principal) any {
	if id := p.UserID(); id != 0 {
		return id
	}
	return nil
}
