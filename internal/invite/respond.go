package invite

import (
	"context"
	"maps"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// CreatorPrincipal is who acts when a creator answers from the portal: it
// names the creator, so the audit log and stage history say who it was.
func CreatorPrincipal(email string, brandID int64) *auth.Principal {
	return auth.NewPrincipal(auth.Principal{TokenName: "creator:" + email, BrandID: brandID}, nil)
}

var errAnswered = apperr.New(apperr.Conflict, "This invitation was already answered or closed.")

// Respond records a creator's answer to one of their own invitations
// (email is the signed-in portal identity's): accepting moves the creator
// to "approved", declining to "declined". Follow-ups stop, since their
// jobs find the invitation answered.
func (s *Service) Respond(ctx context.Context, email string, id int64, accept bool) (*Invitation, error) {
	inv, err := GetForEmail(ctx, s.d.DB, email, id)
	if err != nil {
		return nil, err
	}
	status, stage := Declined, "declined"
	if accept {
		status, stage = Accepted, "approved"
	}
	p := CreatorPrincipal(email, inv.BrandID)
	now := s.d.Clock()
	err = s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE invitations SET status = ?, responded_at = ?, next_followup_at = NULL, updated_at = ?
			WHERE brand_id = ? AND id = ? AND status = 'pending'`, status, now.UnixMilli(), now.UnixMilli(), inv.BrandID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errAnswered
		}
		if err := audit.Record(ctx, tx, p, inv.BrandID, status, "invitation", itoa(id),
			map[string]audit.Change{"status": {From: inv.Status, To: status}}, now); err != nil {
			return err
		}
		// The stage moves in the same transaction; the answer stands even
		// if the brand has renamed its stages and the move is refused.
		return s.moveStage(ctx, tx, p, inv.CreatorID, stage, "invitation "+status)
	})
	if err != nil {
		return nil, err
	}
	inv.Status = status
	return inv, nil
}

// Stop ends a pending invitation at staff's request: no more follow-ups,
// and the creator can no longer answer it.
func (s *Service) Stop(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.d.Clock()
	return s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		inv, err := Get(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if inv.Status != Pending {
			return errAnswered
		}
		return s.close(ctx, tx, p, inv, Stopped, now)
	})
}

// MarkReplied notes that the creator wrote back (by email or any channel
// outside Roster): follow-ups stop, and the invitation stays open for an
// answer in the portal.
func (s *Service) MarkReplied(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.d.Clock()
	return s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		inv, err := Get(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if inv.RepliedAt != nil {
			return nil
		}
		return markReplied(ctx, tx, p, p.BrandID, id, nil, now)
	})
}

// CreatorWrote is called inside the transaction that stores a creator's
// message to the brand (the inbox, from the portal or by email): it is a
// reply to each of the creator's pending invitations, whose follow-ups
// stop as with Mark replied. p names the creator in the audit log.
func CreatorWrote(ctx context.Context, tx *db.Tx, p *auth.Principal, brandID, creatorID int64, channel string, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM invitations WHERE brand_id = ? AND creator_id = ? AND status = 'pending' AND replied_at IS NULL`,
		brandID, creatorID)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := markReplied(ctx, tx, p, brandID, id, map[string]audit.Change{"channel": {To: channel}}, now); err != nil {
			return err
		}
	}
	return nil
}

// markReplied stops an invitation's follow-ups and records why.
func markReplied(ctx context.Context, tx *db.Tx, p *auth.Principal, brandID, id int64, more map[string]audit.Change, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE invitations SET replied_at = ?, next_followup_at = NULL, updated_at = ?
		WHERE brand_id = ? AND id = ?`, now.UnixMilli(), now.UnixMilli(), brandID, id); err != nil {
		return err
	}
	changes := map[string]audit.Change{"replied_at": {To: now.UnixMilli()}}
	maps.Copy(changes, more)
	return audit.Record(ctx, tx, p, brandID, "replied", "invitation", itoa(id), changes, now)
}

// SaveTemplate validates and stores a template of the principal's brand
// (t.ID 0 creates one).
func (s *Service) SaveTemplate(ctx context.Context, p *auth.Principal, t *Template, defaultLocale string) error {
	t.BrandID = p.BrandID
	if err := validateTemplate(t, defaultLocale); err != nil {
		return err
	}
	now := s.d.Clock()
	return s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		var before *Template
		if t.ID != 0 {
			var err error
			if before, err = GetTemplate(ctx, tx, p.BrandID, t.ID); err != nil {
				return err
			}
		}
		if err := saveTemplate(ctx, tx, t, now); err != nil {
			return err
		}
		action := "create"
		if before != nil {
			action = "update"
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, "invite_template", itoa(t.ID),
			audit.Diff(templateSnapshot(before), templateSnapshot(t)), now)
	})
}

func templateSnapshot(t *Template) map[string]any {
	if t == nil {
		return nil
	}
	m := map[string]any{"name": t.Name, "followup_days": t.FollowupDays, "max_followups": t.MaxFollowups}
	for code, x := range t.Texts {
		m["subject_"+code], m["body_"+code] = x.Subject, x.Body
	}
	return m
}

// SetDailyLimit changes the brand's daily sending limit.
func (s *Service) SetDailyLimit(ctx context.Context, p *auth.Principal, n int) error {
	if n < 1 || n > 100000 {
		var f apperr.Fields
		f.Add("daily_limit", "invite.validation.daily_limit", "Enter a number from 1 to 100000.")
		return f.Err()
	}
	now := s.d.Clock()
	return s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		before, err := DailyLimit(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		if err := setDailyLimit(ctx, tx, p.BrandID, n, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "update", "invite_settings", itoa(p.BrandID),
			map[string]audit.Change{"daily_limit": {From: before, To: n}}, now)
	})
}

// moveStage moves a creator's stage inside tx. A move the brand's stages
// refuse (a domain error: the stage was renamed or removed, the creator
// deleted) is logged and skipped; a database failure fails the whole.
func (s *Service) moveStage(ctx context.Context, tx *db.Tx, p *auth.Principal, creatorID int64, stage, reason string) error {
	_, err := s.creators.SetStageTx(ctx, tx, p, creatorID, stage, reason)
	if err != nil && apperr.CodeOf(err) != "" {
		s.d.Log.Warn("invite: stage not moved", "creator", creatorID, "stage", stage, "err", err)
		return nil
	}
	return err
}
