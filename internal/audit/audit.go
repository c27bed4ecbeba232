// Package audit records every write: who, when, which record, what
// changed. Records are written in the same transaction as the change, so
// the log can't miss a write or claim one that was rolled back.
package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"reflect"
	"sort"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// Change is one field's old and new value.
type Change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// Event is one audited write.
type Event struct {
	ID           int64             `json:"id"`
	BrandID      int64             `json:"-"`
	ActorUserID  int64             `json:"actor_user_id,omitempty"`
	ActorTokenID int64             `json:"actor_token_id,omitempty"`
	Actor        string            `json:"actor"`
	Action       string            `json:"action"` // create, update, delete, …
	Entity       string            `json:"entity"` // creator, token, member, …
	EntityID     string            `json:"entity_id"`
	Changes      map[string]Change `json:"changes"`
	At           time.Time         `json:"at"`
}

// Record writes an event for a brand (brandID 0: platform-wide).
func Record(ctx context.Context, q db.Querier, p *auth.Principal, brandID int64, action, entity, entityID string, changes map[string]Change, now time.Time) error {
	if changes == nil {
		changes = map[string]Change{}
	}
	body, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	var user, token any
	if id := p.UserID(); id != 0 {
		user = id
	}
	if p != nil && p.TokenID != 0 {
		token = p.TokenID
	}
	var brand any
	if brandID != 0 {
		brand = brandID
	}
	_, err = q.ExecContext(ctx, `INSERT INTO audit_events (brand_id, actor_user_id, actor_token_id, actor_label, action, entity, entity_id, changes, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, brand, user, token, p.ActorLabel(), action, entity, entityID, string(body), now.UnixMilli())
	return err
}

// Diff returns the fields whose values differ between two snapshots.
func Diff(before, after map[string]any) map[string]Change {
	out := map[string]Change{}
	for k, a := range after {
		if b, ok := before[k]; !ok || !reflect.DeepEqual(b, a) {
			out[k] = Change{From: before[k], To: a}
		}
	}
	for k, b := range before {
		if _, ok := after[k]; !ok {
			out[k] = Change{From: b, To: nil}
		}
	}
	return out
}

// Created describes a new record as changes from nothing.
func Created(after map[string]any) map[string]Change { return Diff(nil, after) }

// List returns a brand's events, newest first, before an id (0: from the
// newest).
func List(ctx context.Context, q db.Querier, brandID, beforeID int64, limit int) ([]Event, error) {
	if beforeID <= 0 {
		beforeID = 1<<62 - 1
	}
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(brand_id, 0), actor_user_id, actor_token_id, actor_label, action, entity, entity_id, changes, at
		FROM audit_events WHERE brand_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, brandID, beforeID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var user, token sql.NullInt64
		var changes string
		var at int64
		if err := rows.Scan(&e.ID, &e.BrandID, &user, &token, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &changes, &at); err != nil {
			return nil, err
		}
		e.ActorUserID, e.ActorTokenID, e.At = user.Int64, token.Int64, time.UnixMilli(at).UTC()
		if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// SortedFields returns the changed field names in order, for display.
func (e Event) SortedFields() []string {
	keys := make([]string, 0, len(e.Changes))
	for k := range e.Changes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
