package participant

import (
	"context"
	"slices"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/notify"
	"github.com/rosterhq/roster/internal/stages"
)

var (
	errNotAwaitingCreator = apperr.New(apperr.Conflict, "This offer is not waiting for the creator's answer.")
	errNotAwaitingBrand   = apperr.New(apperr.Conflict, "There is no counter-offer waiting for an answer.")
	// ErrTermsChanged: the terms in force are not those the creator read.
	ErrTermsChanged = apperr.New(apperr.Conflict, "The usage-rights terms changed since the offer was shown; read the new version before accepting.")
)

// creatorTurn loads the signed-in creator's participation (email is the
// portal identity's) and checks that it waits for their answer.
func (s *Service) creatorTurn(ctx context.Context, tx *db.Tx, email string, id int64) (*Participant, *Offer, *auth.Principal, error) {
	pt, err := GetForEmail(ctx, tx, email, id)
	if err != nil {
		return nil, nil, nil, err
	}
	if pt.OfferStatus != AwaitingCreator || pt.OfferID == nil {
		return nil, nil, nil, errNotAwaitingCreator
	}
	o, err := GetOffer(ctx, tx, pt.BrandID, pt.ID, *pt.OfferID)
	if err != nil {
		return nil, nil, nil, err
	}
	return pt, o, invite.CreatorPrincipal(email, pt.BrandID), nil
}

// TermsInForce returns the terms a creator accepts now: the campaign's
// current version (nil when the campaign has none).
func TermsInForce(ctx context.Context, q db.Querier, brandID, campaignID int64) (*Terms, error) {
	return currentTerms(ctx, q, brandID, campaignID)
}

func sameTerms(a *Terms, seenID int64) bool {
	if a == nil {
		return seenID == 0
	}
	return a.ID == seenID
}

// Accept records the creator's acceptance of the offer waiting for them,
// with the terms version in force, which must be the one they were shown
// (seenTermsID, 0 for none). The participant moves to "accepted".
func (s *Service) Accept(ctx context.Context, email string, id, seenTermsID int64, client Client) (*Acceptance, error) {
	var a *Acceptance
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		pt, o, p, err := s.creatorTurn(ctx, tx, email, id)
		if err != nil {
			return err
		}
		terms, err := currentTerms(ctx, tx, pt.BrandID, pt.CampaignID)
		if err != nil {
			return err
		}
		if !sameTerms(terms, seenTermsID) {
			return ErrTermsChanged
		}
		o.Terms = terms // the version in force is what is accepted
		if a, err = s.accept(ctx, tx, p, pt, o, client); err != nil {
			return err
		}
		return nil
	})
	return a, err
}

// accept records o accepted by p and moves pt to "accepted".
func (s *Service) accept(ctx context.Context, tx *db.Tx, p *auth.Principal, pt *Participant, o *Offer, client Client) (*Acceptance, error) {
	now := s.now()
	a, err := insertAcceptance(ctx, tx, p, pt.BrandID, o, client, now)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE campaign_participants SET offer_status = ?, updated_at = ? WHERE id = ?`,
		Accepted, now.UnixMilli(), pt.ID); err != nil {
		return nil, err
	}
	changes := map[string]audit.Change{"offer_status": {From: pt.OfferStatus, To: Accepted}, "offer": {To: o.ID},
		"client_ip": {To: client.IP}}
	if a.TermsID != nil {
		changes["terms"] = audit.Change{To: *a.TermsID}
	}
	if err := audit.Record(ctx, tx, p, pt.BrandID, "accept", "participant", itoa(pt.ID), changes, now); err != nil {
		return nil, err
	}
	pt.OfferStatus = Accepted
	return a, s.autoMove(ctx, tx, p, pt, StageAccepted, "offer accepted")
}

// Decline records the creator's no; the participant moves to "declined".
func (s *Service) Decline(ctx context.Context, email string, id int64, reason string) error {
	return s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		pt, o, p, err := s.creatorTurn(ctx, tx, email, id)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE campaign_participants SET offer_status = ?, updated_at = ? WHERE id = ?`,
			Declined, now.UnixMilli(), pt.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p, pt.BrandID, "decline", "participant", itoa(pt.ID), map[string]audit.Change{
			"offer_status": {From: pt.OfferStatus, To: Declined}, "offer": {To: o.ID}}, now); err != nil {
			return err
		}
		why := "offer declined"
		if r := stages.CleanReason(reason); r != "" {
			why += ": " + r
		}
		return s.autoMove(ctx, tx, p, pt, StageDeclined, why)
	})
}

// Counter records the creator's counter-offer: the next revision, a copy
// of the offer they answer with the fee, quantities and due date they
// propose, and the terms in force. It waits for the team.
func (s *Service) Counter(ctx context.Context, email string, id int64, in CounterInput) (*Offer, error) {
	var out *Offer
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		pt, o, p, err := s.creatorTurn(ctx, tx, email, id)
		if err != nil {
			return err
		}
		if err := in.clean(len(o.Deliverables)); err != nil {
			return err
		}
		terms, err := currentTerms(ctx, tx, pt.BrandID, pt.CampaignID)
		if err != nil {
			return err
		}
		c := *o
		c.ID, c.MadeBy, c.Terms, c.Message = 0, ByCreator, terms, in.Message
		c.Compensation.FeeMinor = in.FeeMinor
		c.Deliverables = slices.Clone(o.Deliverables)
		for i, q := range in.Quantities {
			c.Deliverables[i].Quantity = q
		}
		if in.DueOn != "" {
			c.DueOn = in.DueOn
		}
		now := s.now()
		if err := insertOffer(ctx, tx, p, pt.BrandID, &c, AwaitingBrand, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p, pt.BrandID, "counter_offer", "participant", itoa(pt.ID), map[string]audit.Change{
			"offer": {From: o.ID, To: c.ID}, "fee_minor": {From: o.Compensation.FeeMinor, To: c.Compensation.FeeMinor},
			"offer_status": {From: pt.OfferStatus, To: AwaitingBrand}}, now); err != nil {
			return err
		}
		out = &c
		return nil
	})
	return out, err
}

// teamTurn loads a participant of the brand whose counter-offer waits.
func teamTurn(ctx context.Context, tx *db.Tx, p *auth.Principal, id int64) (*Participant, *Offer, error) {
	pt, err := Get(ctx, tx, p.BrandID, id)
	if err != nil {
		return nil, nil, err
	}
	if pt.OfferStatus != AwaitingBrand || pt.OfferID == nil {
		return nil, nil, errNotAwaitingBrand
	}
	o, err := GetOffer(ctx, tx, pt.BrandID, pt.ID, *pt.OfferID)
	return pt, o, err
}

// AcceptCounter accepts the creator's counter-offer as it stands (with
// the terms the creator countered under), records the acceptance with
// the team member's client, moves the participant to "accepted" and
// tells the creator. A fee that takes the campaign over budget needs
// overBudgetOK.
func (s *Service) AcceptCounter(ctx context.Context, p *auth.Principal, id int64, client Client, overBudgetOK bool) (*Acceptance, error) {
	var a *Acceptance
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		pt, o, err := teamTurn(ctx, tx, p, id)
		if err != nil {
			return err
		}
		budget, err := campaign.BudgetCheck(ctx, tx, p.BrandID, pt.CampaignID, o.Compensation.FeeMinor, 1, pt.ID)
		if err != nil {
			return err
		}
		if budget.Over && !overBudgetOK {
			return overBudget(budget)
		}
		if a, err = s.accept(ctx, tx, p, pt, o, client); err != nil {
			return err
		}
		return s.tell(ctx, tx, pt, "participants.email.counter_accepted")
	})
	if err == nil {
		s.d.WakeJobs()
	}
	return a, err
}

// Revise answers a counter-offer with a new offer from the team (the
// campaign's deliverables and terms in force, compensation from in),
// which waits for the creator again; the creator is emailed.
func (s *Service) Revise(ctx context.Context, p *auth.Principal, id int64, in OfferInput, overBudgetOK bool) (*Offer, error) {
	if err := in.clean(); err != nil {
		return nil, err
	}
	var out *Offer
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		pt, prev, err := teamTurn(ctx, tx, p, id)
		if err != nil {
			return err
		}
		camp, err := loadCampaign(ctx, tx, p.BrandID, pt.CampaignID)
		if err != nil {
			return err
		}
		budget, err := campaign.BudgetCheck(ctx, tx, p.BrandID, pt.CampaignID, in.FeeMinor, 1, pt.ID)
		if err != nil {
			return err
		}
		if budget.Over && !overBudgetOK {
			return overBudget(budget)
		}
		deliverables, err := campaignDeliverables(ctx, tx, p.BrandID, pt.CampaignID)
		if err != nil {
			return err
		}
		terms, err := currentTerms(ctx, tx, p.BrandID, pt.CampaignID)
		if err != nil {
			return err
		}
		o := &Offer{ParticipantID: pt.ID, MadeBy: ByBrand, Deliverables: deliverables, Terms: terms,
			Compensation: Compensation{Product: in.Product, CouponCode: in.CouponCode, CommissionBP: in.CommissionBP,
				FeeMinor: in.FeeMinor, Currency: camp.Currency},
			StartsOn: in.StartsOn, DueOn: in.DueOn, Message: in.Message}
		now := s.now()
		if err := insertOffer(ctx, tx, p, p.BrandID, o, AwaitingCreator, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p, p.BrandID, "revise_offer", "participant", itoa(pt.ID), map[string]audit.Change{
			"offer": {From: prev.ID, To: o.ID}, "fee_minor": {From: prev.Compensation.FeeMinor, To: in.FeeMinor},
			"offer_status": {From: pt.OfferStatus, To: AwaitingCreator}}, now); err != nil {
			return err
		}
		out = o
		return s.tell(ctx, tx, pt, "participants.email.revised")
	})
	if err == nil {
		s.d.WakeJobs()
	}
	return out, err
}

// tell emails the creator of pt, in their language, message key with a
// link to the participation in the portal.
func (s *Service) tell(ctx context.Context, tx *db.Tx, pt *Participant, key string) error {
	b, err := brand.ByID(ctx, tx, pt.BrandID)
	if err != nil {
		return err
	}
	camp, err := loadCampaign(ctx, tx, pt.BrandID, pt.CampaignID)
	if err != nil {
		return err
	}
	return notify.Send(ctx, tx, notify.Email{BrandID: pt.BrandID, To: pt.Email, Locale: pt.Locale, Key: key,
		Args: []any{"name", pt.CreatorName, "brand", b.Name, "campaign", camp.Name, "link", s.portalLink(pt.Email, pt.ID)}})
}
