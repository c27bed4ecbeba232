package accountwork

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

var english = i18n.For("en")

// Service writes account work, each change audited in its transaction.
type Service struct {
	DB  *db.DB
	Now func() time.Time
}

const (
	maxTitle = 200
	maxText  = 10000
)

type checker struct {
	errs  apperr.Fields
	ctx   context.Context
	q     db.Querier
	brand int64
	err   error // a database failure while checking
}

func (c *checker) add(field, key string, args ...any) {
	c.errs.Add(field, key, english.T(key, args...), args...)
}

func (c *checker) text(field string, s *string, required bool, max int) {
	*s = strings.TrimSpace(*s)
	switch {
	case *s == "" && required:
		c.add(field, "validation.required")
	case utf8.RuneCountInString(*s) > max:
		c.add(field, "validation.too_long", "max", max)
	}
}

func (c *checker) oneOf(field, v string, list []string) {
	if !slices.Contains(list, v) {
		c.add(field, "validation.choose_from_list")
	}
}

func (c *checker) date(field string, s *string, required bool) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		if required {
			c.add(field, "validation.required")
		}
		return
	}
	if _, err := time.Parse(dateLayout, *s); err != nil {
		c.add(field, "work.error.date")
	}
}

func (c *checker) member(field string, id *int64) {
	if id == nil || c.err != nil {
		return
	}
	if _, err := brand.RoleOf(c.ctx, c.q, c.brand, *id); apperr.CodeOf(err) == apperr.NotFound {
		c.add(field, "validation.owner_not_member")
	} else if err != nil {
		c.err = err
	}
}

func (c *checker) campaign(field string, id *int64) {
	if id == nil || c.err != nil {
		return
	}
	var n int
	if err := c.q.QueryRowContext(c.ctx, `SELECT COUNT(*) FROM campaigns WHERE brand_id = ? AND id = ?`, c.brand, *id).Scan(&n); err != nil {
		c.err = err
	} else if n == 0 {
		c.add(field, "work.error.campaign")
	}
}

// meeting checks a meeting id given in a form (a task made from a
// meeting): it must be one of the brand's meetings.
func (c *checker) meeting(field string, id *int64) {
	if id == nil || c.err != nil {
		return
	}
	var n int
	if err := c.q.QueryRowContext(c.ctx, `SELECT COUNT(*) FROM account_meetings WHERE brand_id = ? AND id = ?`, c.brand, *id).Scan(&n); err != nil {
		c.err = err
	} else if n == 0 {
		c.add(field, "work.error.meeting")
	}
}

func (c *checker) done() error {
	if c.err != nil {
		return c.err
	}
	return c.errs.Err()
}

func (s *Service) check(ctx context.Context, q db.Querier, brandID int64) *checker {
	return &checker{ctx: ctx, q: q, brand: brandID}
}

func ms(t time.Time) int64 { return t.UnixMilli() }

// SaveTask creates t (ID 0) or updates it.
func (s *Service) SaveTask(ctx context.Context, p *auth.Principal, t *Task) error {
	c := s.check(ctx, s.DB, p.BrandID)
	c.oneOf("kind", t.Kind, TaskKinds)
	if t.Status == "" {
		t.Status = "open"
	}
	c.oneOf("status", t.Status, TaskStatuses)
	c.text("title", &t.Title, true, maxTitle)
	c.text("notes", &t.Notes, false, maxText)
	c.date("due_on", &t.DueOn, false)
	c.member("owner_user_id", t.OwnerUserID)
	c.campaign("campaign_id", t.CampaignID)
	c.meeting("meeting_id", t.MeetingID)
	if err := c.done(); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		var done any
		if t.Status == "done" {
			done = ms(now)
		}
		if t.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO account_tasks (brand_id, kind, title, status, owner_user_id, due_on, campaign_id, meeting_id, notes, created_at, updated_at, done_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.BrandID, t.Kind, t.Title, t.Status, nullID(t.OwnerUserID), nullText(t.DueOn),
				nullID(t.CampaignID), nullID(t.MeetingID), t.Notes, ms(now), ms(now), done).Scan(&t.ID); err != nil {
				return err
			}
			return audit.Record(ctx, tx, p, p.BrandID, "create", "account_task", fmt.Sprint(t.ID), map[string]audit.Change{"title": {To: t.Title}, "status": {To: t.Status}}, now)
		}
		old, err := GetTask(ctx, tx, p.BrandID, t.ID)
		if err != nil {
			return err
		}
		if old.Status == "done" && t.Status == "done" && old.DoneAt != nil {
			done = ms(*old.DoneAt)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE account_tasks SET kind = ?, title = ?, status = ?, owner_user_id = ?, due_on = ?, campaign_id = ?, notes = ?, updated_at = ?, done_at = ?
			WHERE brand_id = ? AND id = ?`, t.Kind, t.Title, t.Status, nullID(t.OwnerUserID), nullText(t.DueOn), nullID(t.CampaignID), t.Notes, ms(now), done, p.BrandID, t.ID); err != nil {
			return err
		}
		changes := map[string]audit.Change{}
		diff(changes, "title", old.Title, t.Title)
		diff(changes, "status", old.Status, t.Status)
		diff(changes, "due_on", old.DueOn, t.DueOn)
		diff(changes, "kind", old.Kind, t.Kind)
		return audit.Record(ctx, tx, p, p.BrandID, "update", "account_task", fmt.Sprint(t.ID), changes, now)
	})
}

func diff(m map[string]audit.Change, k string, a, b any) {
	if a != b {
		m[k] = audit.Change{From: a, To: b}
	}
}

// Delete removes one of the brand's records of entity (account_task,
// account_meeting, account_partnership, account_goal).
func (s *Service) Delete(ctx context.Context, p *auth.Principal, entity string, id int64) error {
	tables := map[string]string{"account_task": "account_tasks", "account_meeting": "account_meetings",
		"account_partnership": "account_partnerships", "account_goal": "account_goals"}
	table, ok := tables[entity]
	if !ok {
		return fmt.Errorf("accountwork: no entity %q", entity)
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE brand_id = ? AND id = ?`, p.BrandID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "%s %d not found", entity, id)
		}
		return audit.Record(ctx, tx, p, p.BrandID, "delete", entity, fmt.Sprint(id), nil, now)
	})
}

var clock = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// SaveMeeting creates or updates m with its attendees; each line of
// newActions becomes an action item (a task of the meeting, owned by the
// meeting's owner, of the kind matching the meeting).
func (s *Service) SaveMeeting(ctx context.Context, p *auth.Principal, m *Meeting, newActions []string) error {
	c := s.check(ctx, s.DB, p.BrandID)
	c.oneOf("kind", m.Kind, MeetingKinds)
	c.text("title", &m.Title, true, maxTitle)
	c.date("day", &m.Day, true)
	if m.StartTime = strings.TrimSpace(m.StartTime); m.StartTime != "" && !clock.MatchString(m.StartTime) {
		c.add("start_time", "work.error.time")
	}
	if m.Duration < 5 || m.Duration > 8*60 {
		c.add("duration_minutes", "work.error.duration")
	}
	c.text("agenda", &m.Agenda, false, maxText)
	c.text("notes", &m.Notes, false, maxText)
	c.member("owner_user_id", m.OwnerUserID)
	for i := range m.Attendees {
		a := &m.Attendees[i]
		a.Name, a.Email = strings.TrimSpace(a.Name), strings.ToLower(strings.TrimSpace(a.Email))
		c.member("attendees", a.UserID)
		if a.Email != "" {
			if addr, err := mail.ParseAddress(a.Email); err != nil || addr.Address != a.Email {
				c.add("attendees", "validation.invalid_email")
			}
		}
	}
	var actions []string
	for _, line := range newActions {
		if line = strings.TrimSpace(line); line != "" {
			if utf8.RuneCountInString(line) > maxTitle {
				c.add("actions", "validation.too_long", "max", maxTitle)
			}
			actions = append(actions, line)
		}
	}
	if err := c.done(); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		action := "update"
		if m.ID == 0 {
			action = "create"
			if err := tx.QueryRowContext(ctx, `INSERT INTO account_meetings (brand_id, kind, title, day, start_time, duration_minutes, agenda, notes, owner_user_id, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.BrandID, m.Kind, m.Title, m.Day, m.StartTime, m.Duration, m.Agenda, m.Notes,
				nullID(m.OwnerUserID), ms(now), ms(now)).Scan(&m.ID); err != nil {
				return err
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE account_meetings SET kind = ?, title = ?, day = ?, start_time = ?, duration_minutes = ?, agenda = ?, notes = ?, owner_user_id = ?, updated_at = ?
				WHERE brand_id = ? AND id = ?`, m.Kind, m.Title, m.Day, m.StartTime, m.Duration, m.Agenda, m.Notes, nullID(m.OwnerUserID), ms(now), p.BrandID, m.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return apperr.New(apperr.NotFound, "meeting %d not found", m.ID)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM account_meeting_attendees WHERE brand_id = ? AND meeting_id = ?`, p.BrandID, m.ID); err != nil {
				return err
			}
		}
		for i, a := range m.Attendees {
			if _, err := tx.ExecContext(ctx, `INSERT INTO account_meeting_attendees (meeting_id, brand_id, position, user_id, name, email) VALUES (?, ?, ?, ?, ?, ?)`,
				m.ID, p.BrandID, i, nullID(a.UserID), a.Name, a.Email); err != nil {
				return err
			}
		}
		kind := map[string]string{"strategy_call": "strategy", "training": "training", "qbr": "strategy"}[m.Kind]
		if kind == "" {
			kind = "other"
		}
		for _, title := range actions {
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO account_tasks (brand_id, kind, title, status, owner_user_id, meeting_id, created_at, updated_at)
				VALUES (?, ?, ?, 'open', ?, ?, ?, ?) RETURNING id`, p.BrandID, kind, title, nullID(m.OwnerUserID), m.ID, ms(now), ms(now)).Scan(&id); err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, p, p.BrandID, "create", "account_task", fmt.Sprint(id), map[string]audit.Change{"title": {To: title}, "meeting_id": {To: m.ID}}, now); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, "account_meeting", fmt.Sprint(m.ID), map[string]audit.Change{"title": {To: m.Title}, "day": {To: m.Day}}, now)
	})
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// SavePartnership creates or updates a tracked partnership.
func (s *Service) SavePartnership(ctx context.Context, p *auth.Principal, x *Partnership) error {
	c := s.check(ctx, s.DB, p.BrandID)
	c.text("partner", &x.Partner, true, maxTitle)
	c.oneOf("kind", x.Kind, PartnershipKinds)
	c.oneOf("status", x.Status, PartnershipStatuses)
	if x.ValueMinor < 0 {
		c.add("value", "work.error.value")
	}
	if x.Currency = strings.ToUpper(strings.TrimSpace(x.Currency)); !currencyCode.MatchString(x.Currency) {
		c.add("currency", "work.error.currency")
	}
	c.date("starts_on", &x.StartsOn, false)
	c.date("ends_on", &x.EndsOn, false)
	if x.StartsOn != "" && x.EndsOn != "" && x.EndsOn < x.StartsOn && !c.errs.Has("ends_on") && !c.errs.Has("starts_on") {
		c.add("ends_on", "work.error.ends_before_start")
	}
	c.text("notes", &x.Notes, false, maxText)
	c.member("owner_user_id", x.OwnerUserID)
	if err := c.done(); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		action := "update"
		if x.ID == 0 {
			action = "create"
			if err := tx.QueryRowContext(ctx, `INSERT INTO account_partnerships (brand_id, partner, kind, status, value_minor, currency, starts_on, ends_on, notes, owner_user_id, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.BrandID, x.Partner, x.Kind, x.Status, x.ValueMinor, x.Currency,
				nullText(x.StartsOn), nullText(x.EndsOn), x.Notes, nullID(x.OwnerUserID), ms(now), ms(now)).Scan(&x.ID); err != nil {
				return err
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE account_partnerships SET partner = ?, kind = ?, status = ?, value_minor = ?, currency = ?, starts_on = ?, ends_on = ?, notes = ?, owner_user_id = ?, updated_at = ?
				WHERE brand_id = ? AND id = ?`, x.Partner, x.Kind, x.Status, x.ValueMinor, x.Currency, nullText(x.StartsOn), nullText(x.EndsOn), x.Notes, nullID(x.OwnerUserID), ms(now), p.BrandID, x.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return apperr.New(apperr.NotFound, "partnership %d not found", x.ID)
			}
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, "account_partnership", fmt.Sprint(x.ID),
			map[string]audit.Change{"partner": {To: x.Partner}, "status": {To: x.Status}, "value_minor": {To: x.ValueMinor}}, now)
	})
}

// SaveGoal creates or updates a goal. A computed metric takes no manual
// actual value; a custom one needs a label.
func (s *Service) SaveGoal(ctx context.Context, p *auth.Principal, g *Goal) error {
	c := s.check(ctx, s.DB, p.BrandID)
	c.oneOf("metric", g.Metric, MetricKeys)
	c.text("label", &g.Label, g.Metric == Custom, maxTitle)
	if g.Target < 0 {
		c.add("target", "work.error.value")
	}
	c.date("period_start", &g.PeriodStart, true)
	c.date("period_end", &g.PeriodEnd, true)
	if g.PeriodStart != "" && g.PeriodEnd != "" && g.PeriodEnd < g.PeriodStart && !c.errs.Has("period_end") && !c.errs.Has("period_start") {
		c.add("period_end", "work.error.ends_before_start")
	}
	if _, computed := Metrics[g.Metric]; computed && g.ManualActual != nil {
		c.add("manual_actual", "work.error.computed")
	}
	if g.ManualActual != nil && *g.ManualActual < 0 {
		c.add("manual_actual", "work.error.value")
	}
	c.member("owner_user_id", g.OwnerUserID)
	if err := c.done(); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		action := "update"
		if g.ID == 0 {
			action = "create"
			if err := tx.QueryRowContext(ctx, `INSERT INTO account_goals (brand_id, metric, label, target, period_start, period_end, manual_actual, owner_user_id, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.BrandID, g.Metric, g.Label, g.Target, g.PeriodStart, g.PeriodEnd,
				nullID(g.ManualActual), nullID(g.OwnerUserID), ms(now), ms(now)).Scan(&g.ID); err != nil {
				return err
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE account_goals SET metric = ?, label = ?, target = ?, period_start = ?, period_end = ?, manual_actual = ?, owner_user_id = ?, updated_at = ?
				WHERE brand_id = ? AND id = ?`, g.Metric, g.Label, g.Target, g.PeriodStart, g.PeriodEnd, nullID(g.ManualActual), nullID(g.OwnerUserID), ms(now), p.BrandID, g.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return apperr.New(apperr.NotFound, "goal %d not found", g.ID)
			}
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, "account_goal", fmt.Sprint(g.ID),
			map[string]audit.Change{"metric": {To: g.Metric}, "target": {To: g.Target}}, now)
	})
}
