package campaign

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// inCampaign runs fn in a transaction holding the campaign's row, touches
// the campaign's updated_at and records one audit event with fn's changes
// (none when fn reports no change).
func (s *Service) inCampaign(ctx context.Context, p *auth.Principal, campaignID int64, action string,
	fn func(tx *db.Tx, c *Campaign) (map[string]audit.Change, error)) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		return s.inCampaignTx(ctx, tx, p, campaignID, action, fn)
	})
}

// inCampaignTx is inCampaign inside a transaction the caller holds, so
// several parts of a campaign change together or not at all.
func (s *Service) inCampaignTx(ctx context.Context, tx *db.Tx, p *auth.Principal, campaignID int64, action string,
	fn func(tx *db.Tx, c *Campaign) (map[string]audit.Change, error)) error {
	now := s.now()
	c, err := lockCampaign(ctx, tx, p.BrandID, campaignID)
	if err != nil {
		return err
	}
	changes, err := fn(tx, c)
	if err != nil || len(changes) == 0 {
		return err
	}
	if err := touch(ctx, tx, p.BrandID, campaignID, now); err != nil {
		return err
	}
	return audit.Record(ctx, tx, p, p.BrandID, action, "campaign", itoa(campaignID), changes, now)
}

// SetDeliverables replaces a campaign's deliverables with list, in order.
func (s *Service) SetDeliverables(ctx context.Context, p *auth.Principal, campaignID int64, list []DeliverableFields) ([]Deliverable, error) {
	if err := ValidateDeliverables(list).Err(); err != nil {
		return nil, err
	}
	var out []Deliverable
	err := s.DB.InTx(ctx, func(tx *db.Tx) (err error) {
		out, err = s.setDeliverablesTx(ctx, tx, p, campaignID, list)
		return err
	})
	return out, err
}

// setDeliverablesTx replaces the deliverables, already validated, in tx.
func (s *Service) setDeliverablesTx(ctx context.Context, tx *db.Tx, p *auth.Principal, campaignID int64, list []DeliverableFields) ([]Deliverable, error) {
	var out []Deliverable
	err := s.inCampaignTx(ctx, tx, p, campaignID, "set_deliverables", func(tx *db.Tx, c *Campaign) (map[string]audit.Change, error) {
		before, err := Deliverables(ctx, tx, p.BrandID, campaignID)
		if err != nil {
			return nil, err
		}
		if err := deleteDeliverables(ctx, tx, p.BrandID, campaignID, 0); err != nil {
			return nil, err
		}
		now := s.now()
		for i, d := range list {
			if _, err := insertDeliverable(ctx, tx, p.BrandID, campaignID, i+1, d, now); err != nil {
				return nil, err
			}
		}
		if out, err = Deliverables(ctx, tx, p.BrandID, campaignID); err != nil {
			return nil, err
		}
		return map[string]audit.Change{"deliverables": {From: describeDeliverables(before), To: describeDeliverables(out)}}, nil
	})
	return out, err
}

// AddDeliverable appends a deliverable to a campaign.
func (s *Service) AddDeliverable(ctx context.Context, p *auth.Principal, campaignID int64, d DeliverableFields) (*Deliverable, error) {
	if err := ValidateDeliverable(&d, "").Err(); err != nil {
		return nil, err
	}
	var out *Deliverable
	err := s.inCampaign(ctx, p, campaignID, "add_deliverable", func(tx *db.Tx, c *Campaign) (map[string]audit.Change, error) {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM campaign_deliverables WHERE brand_id = ? AND campaign_id = ?`,
			p.BrandID, campaignID).Scan(&n); err != nil {
			return nil, err
		}
		if n >= maxDeliverables {
			var f apperr.Fields
			add(&f, "deliverables", "validation.too_many", "max", maxDeliverables)
			return nil, f.Err()
		}
		pos, err := nextPosition(ctx, tx, p.BrandID, campaignID)
		if err != nil {
			return nil, err
		}
		id, err := insertDeliverable(ctx, tx, p.BrandID, campaignID, pos, d, s.now())
		if err != nil {
			return nil, err
		}
		if out, err = GetDeliverable(ctx, tx, p.BrandID, campaignID, id); err != nil {
			return nil, err
		}
		return prefixed("deliverable."+itoa(id)+".", audit.Created(deliverableSnapshot(d))), nil
	})
	return out, err
}

// UpdateDeliverable replaces one deliverable's fields.
func (s *Service) UpdateDeliverable(ctx context.Context, p *auth.Principal, campaignID, id int64, d DeliverableFields) (*Deliverable, error) {
	if err := ValidateDeliverable(&d, "").Err(); err != nil {
		return nil, err
	}
	var out *Deliverable
	err := s.inCampaign(ctx, p, campaignID, "update_deliverable", func(tx *db.Tx, c *Campaign) (map[string]audit.Change, error) {
		before, err := GetDeliverable(ctx, tx, p.BrandID, campaignID, id)
		if err != nil {
			return nil, err
		}
		changes := audit.Diff(deliverableSnapshot(before.FieldsOf()), deliverableSnapshot(d))
		if len(changes) == 0 {
			out = before
			return nil, nil
		}
		if err := updateDeliverable(ctx, tx, p.BrandID, id, d, s.now()); err != nil {
			return nil, err
		}
		if out, err = GetDeliverable(ctx, tx, p.BrandID, campaignID, id); err != nil {
			return nil, err
		}
		return prefixed("deliverable."+itoa(id)+".", changes), nil
	})
	return out, err
}

// SetDeliverableDue moves one deliverable's due date (the editorial
// calendar's drag); dueOn "" clears it.
func (s *Service) SetDeliverableDue(ctx context.Context, p *auth.Principal, campaignID, id int64, dueOn string) (*Deliverable, error) {
	d, err := GetDeliverable(ctx, s.DB, p.BrandID, campaignID, id)
	if err != nil {
		return nil, err
	}
	f := d.FieldsOf()
	f.DueOn = dueOn
	return s.UpdateDeliverable(ctx, p, campaignID, id, f)
}

// RemoveDeliverable deletes one deliverable.
func (s *Service) RemoveDeliverable(ctx context.Context, p *auth.Principal, campaignID, id int64) error {
	return s.inCampaign(ctx, p, campaignID, "remove_deliverable", func(tx *db.Tx, c *Campaign) (map[string]audit.Change, error) {
		before, err := GetDeliverable(ctx, tx, p.BrandID, campaignID, id)
		if err != nil {
			return nil, err
		}
		if err := deleteDeliverables(ctx, tx, p.BrandID, campaignID, id); err != nil {
			return nil, err
		}
		return prefixed("deliverable."+itoa(id)+".", audit.Diff(deliverableSnapshot(before.FieldsOf()), nil)), nil
	})
}

// SetKPIs replaces a campaign's KPI targets.
func (s *Service) SetKPIs(ctx context.Context, p *auth.Principal, campaignID int64, list []KPITarget) ([]KPITarget, error) {
	sorted, errs := ValidateKPIs(slices.Clone(list))
	if err := errs.Err(); err != nil {
		return nil, err
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		return s.setKPIsTx(ctx, tx, p, campaignID, sorted)
	})
	if err != nil {
		return nil, err
	}
	return sorted, nil
}

// setKPIsTx replaces the KPI targets, already validated and sorted, in tx.
func (s *Service) setKPIsTx(ctx context.Context, tx *db.Tx, p *auth.Principal, campaignID int64, sorted []KPITarget) error {
	return s.inCampaignTx(ctx, tx, p, campaignID, "set_kpis", func(tx *db.Tx, c *Campaign) (map[string]audit.Change, error) {
		before, err := KPIs(ctx, tx, p.BrandID, campaignID)
		if err != nil {
			return nil, err
		}
		if kpiSnapshot(before) == kpiSnapshot(sorted) {
			return nil, nil
		}
		if err := replaceKPIs(ctx, tx, p.BrandID, campaignID, sorted); err != nil {
			return nil, err
		}
		return map[string]audit.Change{"kpis": {From: kpiSnapshot(before), To: kpiSnapshot(sorted)}}, nil
	})
}

// PublishTerms writes the campaign's next terms version. Versions are
// never updated, so what a creator accepted stays as it was. Publishing
// terms equal to the version in force writes nothing and returns it.
func (s *Service) PublishTerms(ctx context.Context, p *auth.Principal, campaignID int64, t TermsFields) (*Terms, error) {
	if err := ValidateTerms(&t, "").Err(); err != nil {
		return nil, err
	}
	var out *Terms
	err := s.inCampaign(ctx, p, campaignID, "publish_terms", func(tx *db.Tx, c *Campaign) (map[string]audit.Change, error) {
		cur, err := CurrentTerms(ctx, tx, p.BrandID, campaignID)
		switch {
		case err == nil && slices.Equal(cur.Channels, t.Channels) && slices.Equal(cur.Territories, t.Territories) &&
			cur.DurationDays == t.DurationDays && cur.PaidMedia == t.PaidMedia && cur.ExclusivityDays == t.ExclusivityDays && cur.Notes == t.Notes:
			out = cur
			return nil, nil
		case err != nil && apperr.CodeOf(err) != apperr.NotFound:
			return nil, err
		}
		if out, err = insertTerms(ctx, tx, p.BrandID, campaignID, t, p.UserID(), s.now()); err != nil {
			return nil, err
		}
		changes := audit.Created(termsSnapshot(t))
		changes["terms_version"] = audit.Change{To: out.Version}
		return changes, nil
	})
	return out, err
}

func prefixed(prefix string, in map[string]audit.Change) map[string]audit.Change {
	out := make(map[string]audit.Change, len(in))
	for k, v := range in {
		out[prefix+k] = v
	}
	return out
}

func deliverableSnapshot(d DeliverableFields) map[string]any {
	return map[string]any{"platform": d.Platform, "kind": d.Kind, "quantity": d.Quantity, "due_on": d.DueOn,
		"hashtags": strings.Join(d.Hashtags, " "), "mentions": strings.Join(d.Mentions, " "), "disclosure": d.Disclosure, "notes": d.Notes}
}

func termsSnapshot(t TermsFields) map[string]any {
	return map[string]any{"channels": strings.Join(t.Channels, " "), "territories": strings.Join(t.Territories, " "), "duration_days": t.DurationDays,
		"paid_media": t.PaidMedia, "exclusivity_days": t.ExclusivityDays, "notes": t.Notes}
}

// describeDeliverables is a one-line summary per deliverable for the
// audit log of a full replacement.
func describeDeliverables(list []Deliverable) []string {
	out := []string{}
	for _, d := range list {
		line := strconv.Itoa(d.Quantity) + "× " + d.Platform + " " + d.Kind
		if d.DueOn != "" {
			line += " due " + d.DueOn
		}
		out = append(out, line)
	}
	return out
}
