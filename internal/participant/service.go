package participant

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// Service holds the rules: every write is audited and every stage change
// recorded in the transaction that makes it.
type Service struct {
	d *web.Deps
}

// NewService returns a service over d's database, clock, log and base
// URL (for the links in emails).
func NewService(d *web.Deps) *Service { return &Service{d: d} }

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// Move puts one participant of the brand in stage, with reason.
func (s *Service) Move(ctx context.Context, p *auth.Principal, id int64, stage, reason string) (*Participant, error) {
	var out *Participant
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		list, err := Stages(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		if findStage(list, stage) < 0 {
			return fieldErr("stage", "validation.choose_from_list")
		}
		pt, err := Get(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if err := s.moveTx(ctx, tx, p, pt, stage, reason); err != nil {
			return err
		}
		out = pt
		return nil
	})
	return out, err
}

// moveTx changes pt's stage (a no-op when it is there already), with its
// stage event and audit record.
func (s *Service) moveTx(ctx context.Context, tx *db.Tx, p *auth.Principal, pt *Participant, stage, reason string) error {
	if pt.Stage == stage {
		return nil
	}
	now := s.d.Clock()
	if _, err := tx.ExecContext(ctx, `UPDATE campaign_participants SET stage = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
		stage, now.UnixMilli(), pt.BrandID, pt.ID); err != nil {
		return err
	}
	if err := recordMove(ctx, tx, p, pt.BrandID, pt.ID, pt.Stage, stage, reason, now); err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, p, pt.BrandID, "move", "participant", itoa(pt.ID),
		map[string]audit.Change{"stage": {From: pt.Stage, To: stage}}, now); err != nil {
		return err
	}
	pt.Stage = stage
	return nil
}

// autoMove moves pt to stage when the brand still has that stage; an
// answer stands even when a brand removed the stage it would move to.
func (s *Service) autoMove(ctx context.Context, tx *db.Tx, p *auth.Principal, pt *Participant, stage, reason string) error {
	list, err := Stages(ctx, tx, pt.BrandID)
	if err != nil {
		return err
	}
	if findStage(list, stage) < 0 {
		s.d.Log.Warn("participant: automatic move skipped, the brand has no such stage", "participant", pt.ID, "stage", stage)
		return nil
	}
	return s.moveTx(ctx, tx, p, pt, stage, reason)
}

// MaxBulk bounds one bulk action.
const MaxBulk = 1000

func checkBulk(ids []int64) error {
	var f apperr.Fields
	switch {
	case len(ids) == 0:
		f.Add("participant_ids", "participants.error.select_some", english.T("participants.error.select_some"))
	case len(ids) > MaxBulk:
		f.Add("participant_ids", "validation.too_many", english.T("validation.too_many", "max", MaxBulk), "max", MaxBulk)
	}
	return f.Err()
}

// BulkMove moves participants of one campaign to stage and returns how
// many moved. Ids of other campaigns or brands are ignored.
func (s *Service) BulkMove(ctx context.Context, p *auth.Principal, campaignID int64, ids []int64, stage, reason string) (int, error) {
	if err := checkBulk(ids); err != nil {
		return 0, err
	}
	moved := 0
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := loadCampaign(ctx, tx, p.BrandID, campaignID); err != nil {
			return err
		}
		list, err := Stages(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		if findStage(list, stage) < 0 {
			return fieldErr("stage", "validation.choose_from_list")
		}
		for _, id := range dedupe(ids) {
			pt, err := Get(ctx, tx, p.BrandID, id)
			if isNotFound(err) || (err == nil && pt.CampaignID != campaignID) {
				continue
			}
			if err != nil {
				return err
			}
			if pt.Stage != stage {
				moved++
			}
			if err := s.moveTx(ctx, tx, p, pt, stage, reason); err != nil {
				return err
			}
		}
		return nil
	})
	return moved, err
}

// Remove takes participants out of a campaign: they move to the stage
// "removed" and an offer still waiting for an answer is withdrawn. Their
// history stays.
func (s *Service) Remove(ctx context.Context, p *auth.Principal, campaignID int64, ids []int64, reason string) (int, error) {
	if err := checkBulk(ids); err != nil {
		return 0, err
	}
	removed := 0
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := loadCampaign(ctx, tx, p.BrandID, campaignID); err != nil {
			return err
		}
		list, err := Stages(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		if findStage(list, StageRemoved) < 0 {
			return fieldErr("stage", "participants.error.no_removed_stage")
		}
		now := s.d.Clock()
		for _, id := range dedupe(ids) {
			pt, err := Get(ctx, tx, p.BrandID, id)
			if isNotFound(err) || (err == nil && pt.CampaignID != campaignID) {
				continue
			}
			if err != nil {
				return err
			}
			if pt.Stage == StageRemoved {
				continue
			}
			removed++
			if pt.OfferStatus == AwaitingCreator || pt.OfferStatus == AwaitingBrand {
				if _, err := tx.ExecContext(ctx, `UPDATE campaign_participants SET offer_status = ?, updated_at = ? WHERE id = ?`,
					Withdrawn, now.UnixMilli(), pt.ID); err != nil {
					return err
				}
				if err := audit.Record(ctx, tx, p, p.BrandID, "withdraw", "participant", itoa(pt.ID),
					map[string]audit.Change{"offer_status": {From: pt.OfferStatus, To: Withdrawn}}, now); err != nil {
					return err
				}
			}
			if err := s.moveTx(ctx, tx, p, pt, StageRemoved, reason); err != nil {
				return err
			}
		}
		return nil
	})
	return removed, err
}

func dedupe(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// portalLink is the link in a creator's email: the portal's sign-in,
// which leads to the participation once signed in.
func (s *Service) portalLink(email string, participantID int64) string {
	return s.d.Link("/portal?email=" + url.QueryEscape(email) + "&next=" + url.QueryEscape(fmt.Sprintf("/portal/campaigns/%d", participantID)))
}

// now is the service's clock.
func (s *Service) now() time.Time { return s.d.Clock() }
