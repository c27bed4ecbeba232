package onboarding

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
)

const dateLayout = "2006-01-02"

// Template returns the installation's template: its rows, or Roster's
// default while it has none.
func Template(ctx context.Context, q db.Querier) ([]Milestone, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, position, week, key, title, owner_side, trigger FROM onboarding_template ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Milestone
	for rows.Next() {
		var m Milestone
		if err := rows.Scan(&m.ID, &m.Position, &m.Week, &m.Key, &m.Title, &m.OwnerSide, &m.Trigger); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return Default(), nil
	}
	return out, nil
}

const milestoneColumns = `id, position, week, key, title, owner_side, trigger, due_on, done_at, done_by_event`

func scanMilestones(rows *sql.Rows) ([]Milestone, error) {
	defer rows.Close()
	var out []Milestone
	for rows.Next() {
		var m Milestone
		var done sql.NullInt64
		if err := rows.Scan(&m.ID, &m.Position, &m.Week, &m.Key, &m.Title, &m.OwnerSide, &m.Trigger, &m.DueOn, &done, &m.DoneByEvent); err != nil {
			return nil, err
		}
		if done.Valid {
			t := time.UnixMilli(done.Int64).UTC()
			m.DoneAt = &t
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// startOf is the day a brand's onboarding starts: its contract's start,
// or the day the brand was created.
func startOf(ctx context.Context, q db.Querier, brandID int64) (time.Time, error) {
	c, err := contract.Get(ctx, q, brandID)
	if err != nil {
		return time.Time{}, err
	}
	if t, err := time.Parse(dateLayout, c.StartsOn); err == nil {
		return t, nil
	}
	var created int64
	if err := q.QueryRowContext(ctx, `SELECT created_at FROM brands WHERE id = ?`, brandID).Scan(&created); err != nil {
		return time.Time{}, err
	}
	t := time.UnixMilli(created).UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}

// Plan returns the brand's plan, copying it from the template the first
// time, and first completes every milestone whose event has happened
// (with the event's own time), so the plan is right whenever it is read.
func Plan(ctx context.Context, d *db.DB, brandID int64, now time.Time) ([]Milestone, error) {
	var plan []Milestone
	err := d.InTx(ctx, func(tx *db.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+milestoneColumns+` FROM onboarding_milestones WHERE brand_id = ? ORDER BY position, id`, brandID)
		if err != nil {
			return err
		}
		if plan, err = scanMilestones(rows); err != nil {
			return err
		}
		if len(plan) == 0 {
			if plan, err = copyTemplate(ctx, tx, brandID, now); err != nil {
				return err
			}
		}
		return completeByEvents(ctx, tx, brandID, plan, now)
	})
	return plan, err
}

func copyTemplate(ctx context.Context, tx *db.Tx, brandID int64, now time.Time) ([]Milestone, error) {
	tpl, err := Template(ctx, tx)
	if err != nil {
		return nil, err
	}
	start, err := startOf(ctx, tx, brandID)
	if err != nil {
		return nil, err
	}
	for i := range tpl {
		m := &tpl[i]
		// Due on the last day of its week.
		m.DueOn = start.AddDate(0, 0, 7*m.Week-1).Format(dateLayout)
		if err := tx.QueryRowContext(ctx, `INSERT INTO onboarding_milestones (brand_id, position, week, key, title, owner_side, trigger, due_on, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, brandID, i, m.Week, m.Key, m.Title, m.OwnerSide, m.Trigger, m.DueOn, now.UnixMilli(), now.UnixMilli()).Scan(&m.ID); err != nil {
			return nil, err
		}
		m.Position = i
	}
	return tpl, nil
}

func completeByEvents(ctx context.Context, tx *db.Tx, brandID int64, plan []Milestone, now time.Time) error {
	for i := range plan {
		m := &plan[i]
		t, ok := Triggers[m.Trigger]
		if m.Done() || !ok {
			continue
		}
		at, err := t(ctx, tx, brandID, now)
		if err != nil {
			return err
		}
		if !at.Valid {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE onboarding_milestones SET done_at = ?, done_by_event = ?, updated_at = ? WHERE brand_id = ? AND id = ? AND done_at IS NULL`,
			at.Int64, true, now.UnixMilli(), brandID, m.ID); err != nil {
			return err
		}
		done := time.UnixMilli(at.Int64).UTC()
		m.DoneAt, m.DoneByEvent = &done, true
		if err := audit.Record(ctx, tx, nil, brandID, "complete", "onboarding_milestone", fmt.Sprint(m.ID), map[string]audit.Change{"trigger": {To: m.Trigger}}, now); err != nil {
			return err
		}
	}
	return nil
}

// SetDone completes or reopens one of the brand's milestones by hand.
func SetDone(ctx context.Context, d *db.DB, p *auth.Principal, id int64, done bool, now time.Time) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		var at, by any
		action := "reopen"
		if done {
			at, action = now.UnixMilli(), "complete"
			if u := p.UserID(); u != 0 {
				by = u
			}
		}
		// Reopening by hand also stops the event from completing it again.
		res, err := tx.ExecContext(ctx, `UPDATE onboarding_milestones SET done_at = ?, done_by_event = ?, done_by = ?, updated_at = ?,
			trigger = CASE WHEN ? THEN trigger ELSE '' END WHERE brand_id = ? AND id = ?`,
			at, false, by, now.UnixMilli(), done, p.BrandID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "milestone %d not found", id)
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, "onboarding_milestone", fmt.Sprint(id), nil, now)
	})
}
