package timetrack

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
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
)

// StartTimer starts p's timer on a category (and campaign). A timer that
// is already running is stopped first and becomes an entry: switching
// tasks is one click.
func (s *Service) StartTimer(ctx context.Context, p *auth.Principal, category string, campaignID *int64, note string) (*Entry, error) {
	var errs apperr.Fields
	if !slices.Contains(contract.Categories, category) {
		fieldErr(&errs, "category", "time.error.category")
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > maxNote {
		fieldErr(&errs, "note", "validation.too_long", "max", maxNote)
	}
	if campaignID != nil {
		ok, err := campaignInBrand(ctx, s.DB, p.BrandID, *campaignID)
		if err != nil {
			return nil, err
		}
		if !ok {
			fieldErr(&errs, "campaign_id", "time.error.campaign")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	var stopped *Entry
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if stopped, err = s.stop(ctx, tx, p, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO time_timers (brand_id, user_id, category, campaign_id, note, started_at) VALUES (?, ?, ?, ?, ?, ?)`,
			p.BrandID, p.UserID(), category, nullID(campaignID), note, now.UnixMilli()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "start", "time_timer", fmt.Sprint(p.UserID()), map[string]audit.Change{"category": {To: category}}, now)
	})
	if err != nil {
		return nil, err
	}
	if stopped != nil {
		s.alert(ctx, p.BrandID, monthOf(stopped.Day))
	}
	return stopped, nil
}

// StopTimer stops p's timer and records its time as an entry on the day
// it started. Without a running timer it returns nil and does nothing.
func (s *Service) StopTimer(ctx context.Context, p *auth.Principal) (*Entry, error) {
	now := s.Now().UTC()
	var e *Entry
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		e, err = s.stop(ctx, tx, p, now)
		return err
	})
	if err != nil || e == nil {
		return nil, err
	}
	s.alert(ctx, p.BrandID, monthOf(e.Day))
	return GetEntry(ctx, s.DB, p.BrandID, e.ID)
}

// DiscardTimer throws p's running timer away without recording time.
func (s *Service) DiscardTimer(ctx context.Context, p *auth.Principal) error {
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM time_timers WHERE brand_id = ? AND user_id = ?`, p.BrandID, p.UserID())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit.Record(ctx, tx, p, p.BrandID, "discard", "time_timer", fmt.Sprint(p.UserID()), nil, now)
	})
}

// stop ends p's running timer in tx, if any, and writes its entry. Time
// under a minute rounds up to one (the person pressed stop: they worked);
// a timer left running for over a day records a day, to be corrected on
// the timesheet.
func (s *Service) stop(ctx context.Context, tx *db.Tx, p *auth.Principal, now time.Time) (*Entry, error) {
	t, err := GetTimer(ctx, tx, p.BrandID, p.UserID())
	if err != nil || t == nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM time_timers WHERE brand_id = ? AND user_id = ?`, p.BrandID, p.UserID()); err != nil {
		return nil, err
	}
	minutes := int((t.Elapsed(now) + 30*time.Second) / time.Minute)
	minutes = min(max(minutes, 1), MaxMinutes)
	day := t.StartedAt.Format(dayLayout)
	if err := s.open(ctx, tx, p.BrandID, day, "timer"); err != nil {
		return nil, err
	}
	role, err := roleIn(ctx, tx, p.BrandID, p.UserID())
	if err != nil {
		return nil, err
	}
	started, ended := t.StartedAt, now
	e := &Entry{UserID: p.UserID(), Role: role, Category: t.Category, CampaignID: t.CampaignID, Day: day, Minutes: minutes, Note: t.Note,
		Source: SourceTimer, StartedAt: &started, EndedAt: &ended}
	if e.ID, err = insertEntry(ctx, tx, p.BrandID, e, now); err != nil {
		return nil, err
	}
	return e, audit.Record(ctx, tx, p, p.BrandID, "create", "time_entry", fmt.Sprint(e.ID), map[string]audit.Change{
		"category": {To: e.Category}, "day": {To: day}, "minutes": {To: minutes}, "source": {To: SourceTimer}}, now)
}

// CloseMonth locks month ("YYYY-MM"): its entries can no longer change.
func (s *Service) CloseMonth(ctx context.Context, p *auth.Principal, month string) error {
	if _, err := time.Parse("2006-01", month); err != nil {
		var errs apperr.Fields
		fieldErr(&errs, "month", "time.error.month")
		return errs.Err()
	}
	now := s.Now().UTC()
	if month >= now.Format("2006-01") {
		var errs apperr.Fields
		fieldErr(&errs, "month", "time.error.close_current")
		return errs.Err()
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		closed, err := MonthClosed(ctx, tx, p.BrandID, month)
		if err != nil || closed {
			return err
		}
		var by any
		if id := p.UserID(); id != 0 {
			by = id
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO time_closed_months (brand_id, month, closed_by, closed_at) VALUES (?, ?, ?, ?)`, p.BrandID, month, by, now.UnixMilli()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "close", "time_month", month, nil, now)
	})
}

// ReopenMonth unlocks a closed month.
func (s *Service) ReopenMonth(ctx context.Context, p *auth.Principal, month string) error {
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM time_closed_months WHERE brand_id = ? AND month = ?`, p.BrandID, month)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit.Record(ctx, tx, p, p.BrandID, "reopen", "time_month", month, nil, now)
	})
}
