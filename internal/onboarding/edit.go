package onboarding

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

var english = i18n.For("en")

const (
	maxTitle = 200
	maxWeeks = 26
)

// check validates a milestone; prefix names its fields ("" on the plan's
// forms, "row<i>." on the template editor).
func check(errs *apperr.Fields, prefix string, m *Milestone, needDue bool) {
	add := func(field, key string, args ...any) { errs.Add(prefix+field, key, english.T(key, args...), args...) }
	m.Title = strings.TrimSpace(m.Title)
	if m.Title == "" && m.Key == "" {
		add("title", "validation.required")
	}
	if utf8.RuneCountInString(m.Title) > maxTitle {
		add("title", "validation.too_long", "max", maxTitle)
	}
	if m.Week < 1 || m.Week > maxWeeks {
		add("week", "onboarding.error.week", "max", maxWeeks)
	}
	if !slices.Contains(Sides, m.OwnerSide) {
		add("owner_side", "validation.choose_from_list")
	}
	if !slices.Contains(TriggerKeys, m.Trigger) {
		add("trigger", "validation.choose_from_list")
	}
	if needDue {
		if _, err := time.Parse(dateLayout, m.DueOn); err != nil {
			add("due_on", "onboarding.error.date")
		}
	}
}

// SaveMilestone adds m to the brand's plan (ID 0, at the end) or changes
// it; the template is not touched.
func SaveMilestone(ctx context.Context, d *db.DB, p *auth.Principal, m *Milestone, now time.Time) error {
	var errs apperr.Fields
	check(&errs, "", m, true)
	if err := errs.Err(); err != nil {
		return err
	}
	return d.InTx(ctx, func(tx *db.Tx) error {
		if m.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO onboarding_milestones (brand_id, position, week, key, title, owner_side, trigger, due_on, created_at, updated_at)
				VALUES (?, (SELECT COALESCE(MAX(position), -1) + 1 FROM onboarding_milestones WHERE brand_id = ?), ?, '', ?, ?, ?, ?, ?, ?) RETURNING id`,
				p.BrandID, p.BrandID, m.Week, m.Title, m.OwnerSide, m.Trigger, m.DueOn, now.UnixMilli(), now.UnixMilli()).Scan(&m.ID); err != nil {
				return err
			}
			return audit.Record(ctx, tx, p, p.BrandID, "create", "onboarding_milestone", fmt.Sprint(m.ID), map[string]audit.Change{"title": {To: m.Title}}, now)
		}
		res, err := tx.ExecContext(ctx, `UPDATE onboarding_milestones SET week = ?, title = ?, owner_side = ?, trigger = ?, due_on = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
			m.Week, m.Title, m.OwnerSide, m.Trigger, m.DueOn, now.UnixMilli(), p.BrandID, m.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "milestone %d not found", m.ID)
		}
		return audit.Record(ctx, tx, p, p.BrandID, "update", "onboarding_milestone", fmt.Sprint(m.ID),
			map[string]audit.Change{"title": {To: m.Title}, "due_on": {To: m.DueOn}, "week": {To: m.Week}}, now)
	})
}

// DeleteMilestone removes a milestone from the brand's plan.
func DeleteMilestone(ctx context.Context, d *db.DB, p *auth.Principal, id int64, now time.Time) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM onboarding_milestones WHERE brand_id = ? AND id = ?`, p.BrandID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "milestone %d not found", id)
		}
		return audit.Record(ctx, tx, p, p.BrandID, "delete", "onboarding_milestone", fmt.Sprint(id), nil, now)
	})
}

// SaveTemplate replaces the installation's template with rows, in order.
// Plans already copied keep their milestones.
func SaveTemplate(ctx context.Context, d *db.DB, p *auth.Principal, rows []Milestone, now time.Time) error {
	var errs apperr.Fields
	if len(rows) == 0 {
		errs.Add("_", "onboarding.error.empty", english.T("onboarding.error.empty"))
	}
	for i := range rows {
		check(&errs, fmt.Sprintf("row%d.", i), &rows[i], false)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM onboarding_template`); err != nil {
			return err
		}
		for i, m := range rows {
			if _, err := tx.ExecContext(ctx, `INSERT INTO onboarding_template (position, week, key, title, owner_side, trigger, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				i, m.Week, m.Key, m.Title, m.OwnerSide, m.Trigger, now.UnixMilli()); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, p, 0, "update", "onboarding_template", "installation", map[string]audit.Change{"milestones": {To: len(rows)}}, now)
	})
}
