package participant

import (
	"context"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/notify"
)

// Skip reasons of Invite.
const (
	SkipNotFound       = "not_found"
	SkipNoEmail        = "no_email"
	SkipAlreadyInvited = "already_in_campaign"
)

// Skipped is a creator Invite did not add, and why.
type Skipped struct {
	CreatorID int64  `json:"creator_id"`
	Reason    string `json:"reason"`
}

// InviteResult is what Invite did.
type InviteResult struct {
	Participants []Participant `json:"data"`
	Skipped      []Skipped     `json:"skipped"`
}

// Invite adds creators of the brand to a campaign, each with an offer
// made of in, the campaign's deliverables and its terms in force, and
// emails each in their language with a link to the portal. Offers that
// take the campaign over budget need overBudgetOK. Creators already in
// the campaign, without an email or not of the brand are skipped.
func (s *Service) Invite(ctx context.Context, p *auth.Principal, campaignID int64, creatorIDs []int64, in OfferInput, overBudgetOK bool) (*InviteResult, error) {
	var f apperr.Fields
	if len(creatorIDs) == 0 {
		f.Add("creator_ids", "validation.select_some", "Select at least one creator.")
	} else if len(creatorIDs) > MaxBulk {
		f.Add("creator_ids", "validation.too_many", english.T("validation.too_many", "max", MaxBulk), "max", MaxBulk)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := in.clean(); err != nil {
		return nil, err
	}
	now := s.now()
	res := &InviteResult{Participants: []Participant{}, Skipped: []Skipped{}}
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		camp, err := loadCampaign(ctx, tx, p.BrandID, campaignID)
		if err != nil {
			return err
		}
		if err := invitable(camp); err != nil {
			return err
		}
		b, err := brand.ByID(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		deliverables, err := campaignDeliverables(ctx, tx, p.BrandID, campaignID)
		if err != nil {
			return err
		}
		terms, err := currentTerms(ctx, tx, p.BrandID, campaignID)
		if err != nil {
			return err
		}
		stages, err := Stages(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		first := stages[0].Key
		if findStage(stages, StageInvited) >= 0 {
			first = StageInvited
		}
		store := creator.NewStore(s.d.DB)
		var ready []*creator.Creator
		for _, id := range dedupe(creatorIDs) {
			c, err := store.Get(ctx, tx, p.BrandID, id)
			if isNotFound(err) {
				res.Skipped = append(res.Skipped, Skipped{id, SkipNotFound})
				continue
			}
			if err != nil {
				return err
			}
			if c.Email == "" {
				res.Skipped = append(res.Skipped, Skipped{id, SkipNoEmail})
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM campaign_participants WHERE campaign_id = ? AND creator_id = ?`,
				campaignID, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				res.Skipped = append(res.Skipped, Skipped{id, SkipAlreadyInvited})
				continue
			}
			ready = append(ready, c)
		}
		budget, err := campaign.BudgetCheck(ctx, tx, p.BrandID, campaignID, in.FeeMinor, len(ready), 0)
		if err != nil {
			return err
		}
		if budget.Over && !overBudgetOK {
			return overBudget(budget)
		}
		for _, c := range ready {
			locale := invite.LocaleFor(c.Languages, b.DefaultLocale)
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO campaign_participants (brand_id, campaign_id, creator_id, stage, offer_status, locale,
				invited_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				p.BrandID, campaignID, c.ID, first, AwaitingCreator, locale, nullID(p.UserID()), now.UnixMilli(), now.UnixMilli()).Scan(&id); err != nil {
				return err
			}
			if err := recordMove(ctx, tx, p, p.BrandID, id, "", first, "invited", now); err != nil {
				return err
			}
			o := &Offer{ParticipantID: id, MadeBy: ByBrand, Deliverables: deliverables, Terms: terms,
				Compensation: Compensation{Product: in.Product, CouponCode: in.CouponCode, CommissionBP: in.CommissionBP,
					FeeMinor: in.FeeMinor, Currency: camp.Currency},
				StartsOn: in.StartsOn, DueOn: in.DueOn, Message: in.Message}
			if err := insertOffer(ctx, tx, p, p.BrandID, o, AwaitingCreator, now); err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, p, p.BrandID, "invite", "participant", itoa(id), map[string]audit.Change{
				"campaign": {To: campaignID}, "creator": {To: c.ID}, "offer": {To: o.ID}, "fee_minor": {To: in.FeeMinor}}, now); err != nil {
				return err
			}
			if err := notify.Send(ctx, tx, notify.Email{BrandID: p.BrandID, To: c.Email, Locale: locale, Key: "participants.email.invited",
				Args: []any{"name", c.DisplayName, "brand", b.Name, "campaign", camp.Name, "link", s.portalLink(c.Email, id)}}); err != nil {
				return err
			}
			pt, err := Get(ctx, tx, p.BrandID, id)
			if err != nil {
				return err
			}
			res.Participants = append(res.Participants, *pt)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.d.WakeJobs()
	return res, nil
}
