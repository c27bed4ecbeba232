package timetrack

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

var english = i18n.For("en")

// Service writes time, each change audited in its transaction and
// followed by the utilization alert check.
type Service struct {
	DB  *db.DB
	Now func() time.Time
	// Alerts, when set, is told after every write which months changed.
	Alerts func(ctx context.Context, brandID int64, month string) error
	// Log receives alert checks that failed (the write itself stands).
	Logger *slog.Logger
}

func fieldErr(errs *apperr.Fields, field, key string, args ...any) {
	errs.Add(field, key, english.T(key, args...), args...)
}

// roleIn is the role a person holds in the brand, the name time is
// counted under; a platform admin without a membership counts as one.
func roleIn(ctx context.Context, q db.Querier, brandID, userID int64) (string, error) {
	r, err := brand.RoleOf(ctx, q, brandID, userID)
	if apperr.CodeOf(err) == apperr.NotFound {
		var admin bool
		if e := q.QueryRowContext(ctx, `SELECT is_platform_admin FROM users WHERE id = ?`, userID).Scan(&admin); e == nil && admin {
			return string(auth.PlatformAdmin), nil
		}
		return "", err
	}
	return string(r), err
}

// check validates in and returns the tidy values; today bounds the day
// (no time logged for the future).
func (s *Service) check(ctx context.Context, q db.Querier, brandID int64, in *Input) error {
	var errs apperr.Fields
	in.Category = strings.TrimSpace(in.Category)
	if !slices.Contains(contract.Categories, in.Category) {
		fieldErr(&errs, "category", "time.error.category")
	}
	in.Day = strings.TrimSpace(in.Day)
	today := s.Now().UTC().Format(dayLayout)
	if d, err := time.Parse(dayLayout, in.Day); err != nil {
		fieldErr(&errs, "day", "time.error.day")
	} else if in.Day > today {
		fieldErr(&errs, "day", "time.error.future")
	} else if d.Year() < 2000 {
		fieldErr(&errs, "day", "time.error.day")
	}
	if in.Minutes < 1 || in.Minutes > MaxMinutes {
		fieldErr(&errs, "minutes", "time.error.minutes", "max", MaxMinutes/60)
	}
	in.Note = strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(in.Note) > maxNote {
		fieldErr(&errs, "note", "validation.too_long", "max", maxNote)
	}
	if in.CampaignID != nil {
		ok, err := campaignInBrand(ctx, q, brandID, *in.CampaignID)
		if err != nil {
			return err
		}
		if !ok {
			fieldErr(&errs, "campaign_id", "time.error.campaign")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.open(ctx, q, brandID, in.Day, "day")
}

// open refuses a day of a closed month, naming field.
func (s *Service) open(ctx context.Context, q db.Querier, brandID int64, day, field string) error {
	closed, err := MonthClosed(ctx, q, brandID, monthOf(day))
	if err != nil {
		return err
	}
	if closed {
		var errs apperr.Fields
		fieldErr(&errs, field, "time.error.closed", "month", i18n.Month(monthOf(day)))
		return errs.Err()
	}
	return nil
}

// mayActFor checks that p may log or change userID's time: their own
// with time:log, anyone's with time:manage. An API token with time:log
// logs for the people of its brand: it is how an outside time tracker
// hands its entries over.
func mayActFor(p *auth.Principal, userID int64) error {
	if p.Can(auth.TimeManage) || (p.Can(auth.TimeLog) && (userID == p.UserID() || p.User == nil)) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "only people with time:manage may log or change another person's time")
}

// Log records a new entry for in.UserID (p's own when zero).
func (s *Service) Log(ctx context.Context, p *auth.Principal, in Input, source string) (*Entry, error) {
	var id int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = s.logIn(ctx, tx, p, &in, source)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.alert(ctx, p.BrandID, monthOf(in.Day))
	return GetEntry(ctx, s.DB, p.BrandID, id)
}

// logIn checks and writes a new entry in tx and returns its id.
func (s *Service) logIn(ctx context.Context, tx *db.Tx, p *auth.Principal, in *Input, source string) (int64, error) {
	if in.UserID == 0 {
		in.UserID = p.UserID()
	}
	if in.UserID == 0 {
		var errs apperr.Fields
		fieldErr(&errs, "user_id", "validation.required")
		return 0, errs.Err()
	}
	if err := mayActFor(p, in.UserID); err != nil {
		return 0, err
	}
	role, err := roleIn(ctx, tx, p.BrandID, in.UserID)
	if apperr.CodeOf(err) == apperr.NotFound {
		var errs apperr.Fields
		fieldErr(&errs, "user_id", "time.error.not_member")
		return 0, errs.Err()
	}
	if err != nil {
		return 0, err
	}
	if err := s.check(ctx, tx, p.BrandID, in); err != nil {
		return 0, err
	}
	now := s.Now().UTC()
	e := &Entry{UserID: in.UserID, Role: role, Category: in.Category, CampaignID: in.CampaignID, Day: in.Day, Minutes: in.Minutes, Note: in.Note, Source: source}
	id, err := insertEntry(ctx, tx, p.BrandID, e, now)
	if err != nil {
		return 0, err
	}
	return id, audit.Record(ctx, tx, p, p.BrandID, "create", "time_entry", fmt.Sprint(id), map[string]audit.Change{
		"user_id": {To: in.UserID}, "category": {To: in.Category}, "day": {To: in.Day}, "minutes": {To: in.Minutes}, "source": {To: source}}, now)
}

// Update changes an entry's category, campaign, day, minutes and note.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id int64, in Input) (*Entry, error) {
	now := s.Now().UTC()
	var oldDay string
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		old, err := GetEntry(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if err := mayActFor(p, old.UserID); err != nil {
			return err
		}
		oldDay = old.Day
		if err := s.open(ctx, tx, p.BrandID, old.Day, "day"); err != nil {
			return err
		}
		if err := s.check(ctx, tx, p.BrandID, &in); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE time_entries SET category = ?, campaign_id = ?, day = ?, minutes = ?, note = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
			in.Category, nullID(in.CampaignID), in.Day, in.Minutes, in.Note, now.UnixMilli(), p.BrandID, id); err != nil {
			return err
		}
		changes := map[string]audit.Change{}
		put := func(k string, a, b any) {
			if a != b {
				changes[k] = audit.Change{From: a, To: b}
			}
		}
		put("category", old.Category, in.Category)
		put("day", old.Day, in.Day)
		put("minutes", old.Minutes, in.Minutes)
		put("note", old.Note, in.Note)
		put("campaign_id", fmt.Sprint(nullID(old.CampaignID)), fmt.Sprint(nullID(in.CampaignID)))
		return audit.Record(ctx, tx, p, p.BrandID, "update", "time_entry", fmt.Sprint(id), changes, now)
	})
	if err != nil {
		return nil, err
	}
	s.alert(ctx, p.BrandID, monthOf(in.Day))
	if monthOf(oldDay) != monthOf(in.Day) {
		s.alert(ctx, p.BrandID, monthOf(oldDay))
	}
	return GetEntry(ctx, s.DB, p.BrandID, id)
}

// Delete removes an entry of an open month.
func (s *Service) Delete(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		old, err := GetEntry(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if err := mayActFor(p, old.UserID); err != nil {
			return err
		}
		if err := s.open(ctx, tx, p.BrandID, old.Day, "day"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM time_entries WHERE brand_id = ? AND id = ?`, p.BrandID, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "delete", "time_entry", fmt.Sprint(id), map[string]audit.Change{
			"user_id": {From: old.UserID}, "category": {From: old.Category}, "day": {From: old.Day}, "minutes": {From: old.Minutes}}, now)
	})
}

// alert runs the alert check; its failure must not undo the write that
// is already committed, and the next write checks again.
func (s *Service) alert(ctx context.Context, brandID int64, month string) {
	if s.Alerts == nil || month == "" {
		return
	}
	if err := s.Alerts(ctx, brandID, month); err != nil && s.Logger != nil {
		s.Logger.Error("utilization alert check failed; the next write checks again", "brand", brandID, "month", month, "err", err)
	}
}
