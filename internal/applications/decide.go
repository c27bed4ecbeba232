package applications

import (
	"context"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/notify"
	"github.com/rosterhq/roster/internal/stages"
)

// Decide approves or declines a submitted application: the creator moves
// to the stage of the same name with the reason (through the creator
// service, which records the stage history), the application records the
// decision, and the applicant is told by email in the language they
// applied in.
func (s *Service) Decide(ctx context.Context, p *auth.Principal, id int64, status, reason string) (*Application, error) {
	if status != StatusApproved && status != StatusDeclined {
		return nil, apperr.New(apperr.Malformed, "unknown decision %q", status)
	}
	reason = stages.CleanReason(reason)
	a, err := Get(ctx, s.DB, p.BrandID, id)
	if err != nil {
		return nil, err
	}
	if a.Status != StatusSubmitted {
		return nil, apperr.New(apperr.Conflict, "This application was already %s.", a.Status)
	}
	b, err := brand.ByID(ctx, s.DB, p.BrandID)
	if err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	// The decision, the stage move it causes, the audit and the email
	// commit together or not at all.
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if a.CreatorID != nil {
			if _, err := s.Creators.SetStageTx(ctx, tx, p, *a.CreatorID, status, reason); err != nil && apperr.CodeOf(err) != apperr.NotFound {
				return err
			}
		}
		var by any
		if uid := p.UserID(); uid != 0 {
			by = uid
		}
		res, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?
			WHERE brand_id = ? AND id = ? AND status = ?`, status, now.UnixMilli(), by, reason, p.BrandID, id, StatusSubmitted)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "This application was decided meanwhile.")
		}
		changes := map[string]audit.Change{"status": {From: a.Status, To: status}}
		if reason != "" {
			changes["reason"] = audit.Change{To: reason}
		}
		if err := audit.Record(ctx, tx, p, p.BrandID, strings.TrimSuffix(status, "d"), "application", strconv.FormatInt(id, 10), changes, now); err != nil {
			return err
		}
		return notify.Send(ctx, tx, notify.Email{BrandID: p.BrandID, To: a.Email, Locale: a.Locale, Key: "applications.email." + status,
			Args: []any{"name", a.Name, "brand", b.Name}})
	})
	if err != nil {
		return nil, err
	}
	s.Wake()
	return Get(ctx, s.DB, p.BrandID, id)
}

// DeclineMany declines several applications with one reason, each with
// its own email in its applicant's language; ids of other brands and
// applications already decided are skipped. It returns how many were
// declined.
func (s *Service) DeclineMany(ctx context.Context, p *auth.Principal, ids []int64, reason string) (int, error) {
	if len(ids) == 0 {
		var errs apperr.Fields
		errs.Add("ids", "applications.validation.select_some", "Select at least one application.")
		return 0, errs.Err()
	}
	if len(ids) > 200 {
		var errs apperr.Fields
		errs.Add("ids", "applications.validation.too_many", "Select at most 200 applications at a time.")
		return 0, errs.Err()
	}
	n := 0
	for _, id := range ids {
		_, err := s.Decide(ctx, p, id, StatusDeclined, reason)
		switch apperr.CodeOf(err) {
		case "":
			if err != nil {
				return n, err
			}
			n++
		case apperr.NotFound, apperr.Conflict:
		default:
			return n, err
		}
	}
	return n, nil
}
