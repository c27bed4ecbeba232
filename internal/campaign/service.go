package campaign

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
)

// Service applies the rules around campaign writes: validation, the
// owner being on the team, the status workflow, terms versions that are
// never changed, and an audit record in the same transaction as each
// change. Pages, the API, templates and the demo all write through it.
type Service struct {
	DB  *db.DB
	Now func() time.Time
}

// NewService returns a service over d.
func NewService(d *db.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{DB: d, Now: now}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func (s *Service) check(ctx context.Context, brandID int64, f *Fields) apperr.Fields {
	errs := Validate(f)
	if f.OwnerUserID != nil && *f.OwnerUserID == 0 {
		f.OwnerUserID = nil
	}
	if f.OwnerUserID != nil {
		if _, err := brand.RoleOf(ctx, s.DB, brandID, *f.OwnerUserID); err != nil {
			add(&errs, "owner_user_id", "validation.owner_not_member")
		}
	}
	return errs
}

// Create validates and stores a new draft campaign with, optionally, its
// deliverables, KPI targets and first terms version.
func (s *Service) Create(ctx context.Context, p *auth.Principal, n New) (*Campaign, error) {
	errs := s.check(ctx, p.BrandID, &n.Fields)
	errs = append(errs, ValidateDeliverables(n.Deliverables)...)
	kpis, kerrs := ValidateKPIs(n.KPIs)
	errs = append(errs, kerrs...)
	if n.Terms != nil {
		errs = append(errs, ValidateTerms(n.Terms, "terms.")...)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	var c *Campaign
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		id, err := insertCampaign(ctx, tx, p.BrandID, n.Fields, p.UserID(), now)
		if err != nil {
			return err
		}
		for i, d := range n.Deliverables {
			if _, err := insertDeliverable(ctx, tx, p.BrandID, id, i+1, d, now); err != nil {
				return err
			}
		}
		if err := replaceKPIs(ctx, tx, p.BrandID, id, kpis); err != nil {
			return err
		}
		changes := audit.Created(snapshot(n.Fields))
		if len(n.Deliverables) > 0 {
			changes["deliverables"] = audit.Change{To: len(n.Deliverables)}
		}
		if len(kpis) > 0 {
			changes["kpis"] = audit.Change{To: kpiSnapshot(kpis)}
		}
		if n.Terms != nil {
			t, err := insertTerms(ctx, tx, p.BrandID, id, *n.Terms, p.UserID(), now)
			if err != nil {
				return err
			}
			changes["terms_version"] = audit.Change{To: t.Version}
		}
		if err := audit.Record(ctx, tx, p, p.BrandID, "create", "campaign", itoa(id), changes, now); err != nil {
			return err
		}
		c, err = Get(ctx, tx, p.BrandID, id)
		return err
	})
	return c, err
}

// Update validates and replaces a campaign's fields (not its status,
// deliverables, KPIs or terms, which have their own calls).
func (s *Service) Update(ctx context.Context, p *auth.Principal, id int64, f Fields) (*Campaign, error) {
	if err := s.check(ctx, p.BrandID, &f).Err(); err != nil {
		return nil, err
	}
	var after *Campaign
	err := s.DB.InTx(ctx, func(tx *db.Tx) (err error) {
		after, err = s.updateTx(ctx, tx, p, id, f)
		return err
	})
	return after, err
}

// updateTx changes the campaign's fields, already checked, in tx.
func (s *Service) updateTx(ctx context.Context, tx *db.Tx, p *auth.Principal, id int64, f Fields) (*Campaign, error) {
	now := s.now()
	before, err := lockCampaign(ctx, tx, p.BrandID, id)
	if err != nil {
		return nil, err
	}
	changes := audit.Diff(snapshot(FieldsOf(before)), snapshot(f))
	if len(changes) == 0 {
		return before, nil
	}
	if err := updateCampaign(ctx, tx, p.BrandID, id, f, now); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, tx, p, p.BrandID, "update", "campaign", itoa(id), changes, now); err != nil {
		return nil, err
	}
	return Get(ctx, tx, p.BrandID, id)
}

// Edit changes a campaign's fields and, where given, replaces its
// deliverables and KPI targets, all in one transaction: the API's PATCH
// either applies whole or leaves the campaign as it was.
func (s *Service) Edit(ctx context.Context, p *auth.Principal, id int64, f Fields, deliverables *[]DeliverableFields, kpis *[]KPITarget) error {
	errs := s.check(ctx, p.BrandID, &f)
	if deliverables != nil {
		errs = append(errs, ValidateDeliverables(*deliverables)...)
	}
	var sorted []KPITarget
	if kpis != nil {
		var kerrs apperr.Fields
		sorted, kerrs = ValidateKPIs(slices.Clone(*kpis))
		errs = append(errs, kerrs...)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := s.updateTx(ctx, tx, p, id, f); err != nil {
			return err
		}
		if deliverables != nil {
			if _, err := s.setDeliverablesTx(ctx, tx, p, id, *deliverables); err != nil {
				return err
			}
		}
		if kpis != nil {
			return s.setKPIsTx(ctx, tx, p, id, sorted)
		}
		return nil
	})
}

// Delete removes a draft campaign with everything in it. A campaign that
// went further has participants and offers that must stay on record:
// archive it instead.
func (s *Service) Delete(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.now()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		c, err := lockCampaign(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if c.Status != Draft {
			return apperr.New(apperr.Conflict, "only draft campaigns can be deleted; archive this one instead")
		}
		if err := deleteCampaign(ctx, tx, p.BrandID, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "delete", "campaign", itoa(id), audit.Diff(snapshot(FieldsOf(c)), nil), now)
	})
}

// Transition moves a campaign to another status when the workflow allows
// it (see transitions). Leaving draft for recruiting needs what a
// creator is invited to: dates, at least one deliverable and terms.
func (s *Service) Transition(ctx context.Context, p *auth.Principal, id int64, to string) (*Campaign, error) {
	now := s.now()
	var after *Campaign
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		c, err := lockCampaign(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if !ValidStatus(to) {
			var f apperr.Fields
			add(&f, "status", "campaign.validation.status", "statuses", strings.Join(Statuses, ", "))
			return f.Err()
		}
		if !CanTransition(c.Status, to) {
			var f apperr.Fields
			add(&f, "status", "campaign.validation.transition", "from", c.Status, "to", to)
			return f.Err()
		}
		if c.Status == Draft && to == Recruiting {
			if err := readyToRecruit(ctx, tx, c); err != nil {
				return err
			}
		}
		if err := setStatus(ctx, tx, p.BrandID, id, to, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p, p.BrandID, "transition", "campaign", itoa(id),
			map[string]audit.Change{"status": {From: c.Status, To: to}}, now); err != nil {
			return err
		}
		after, err = Get(ctx, tx, p.BrandID, id)
		return err
	})
	return after, err
}

// readyToRecruit refuses to open recruiting on a campaign creators could
// not be invited to.
func readyToRecruit(ctx context.Context, q db.Querier, c *Campaign) error {
	var f apperr.Fields
	if c.StartsOn == "" {
		add(&f, "starts_on", "campaign.validation.needed_to_recruit")
	}
	if c.EndsOn == "" {
		add(&f, "ends_on", "campaign.validation.needed_to_recruit")
	}
	ds, err := Deliverables(ctx, q, c.BrandID, c.ID)
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		add(&f, "deliverables", "campaign.validation.deliverable_to_recruit")
	}
	if _, err := CurrentTerms(ctx, q, c.BrandID, c.ID); apperr.CodeOf(err) == apperr.NotFound {
		add(&f, "terms", "campaign.validation.terms_to_recruit")
	} else if err != nil {
		return err
	}
	return f.Err()
}

// snapshot is what the audit log records of a campaign's fields.
func snapshot(f Fields) map[string]any {
	var owner any
	if f.OwnerUserID != nil {
		owner = *f.OwnerUserID
	}
	return map[string]any{"name": f.Name, "objective": f.Objective, "brief": f.Brief, "starts_on": f.StartsOn, "ends_on": f.EndsOn,
		"languages": strings.Join(f.Languages, ","), "currency": f.Currency, "budget_minor": f.BudgetMinor,
		"expected_participants": f.ExpectedParticipants, "offer_product": f.Offer.Product, "offer_coupon_code": f.Offer.CouponCode,
		"offer_commission_bp": f.Offer.CommissionBP, "offer_fee_minor": f.Offer.FeeMinor, "owner_user_id": owner}
}

func kpiSnapshot(list []KPITarget) string {
	out := ""
	for i, k := range list {
		if i > 0 {
			out += ", "
		}
		out += k.Metric + "=" + strconv.FormatInt(k.Target, 10)
	}
	return out
}
