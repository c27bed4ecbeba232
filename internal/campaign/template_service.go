package campaign

import (
	"context"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// SaveTemplate validates and stores a new template of the principal's
// brand.
func (s *Service) SaveTemplate(ctx context.Context, p *auth.Principal, t Template) (*Template, error) {
	t.BrandID = p.BrandID
	if err := validateTemplate(&t).Err(); err != nil {
		return nil, err
	}
	now := s.now()
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := insertTemplate(ctx, tx, &t, p.UserID(), now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "create", "campaign_template", itoa(t.ID), audit.Created(map[string]any{
			"name": t.Name, "description": t.Description, "deliverables": len(t.Body.Deliverables)}), now)
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// TemplateFromCampaign returns a campaign as a template body (its current
// deliverables, KPI targets and terms in force), dates relative to its
// start.
func TemplateFromCampaign(ctx context.Context, q db.Querier, brandID, campaignID int64) (TemplateBody, error) {
	c, err := Get(ctx, q, brandID, campaignID)
	if err != nil {
		return TemplateBody{}, err
	}
	ds, err := Deliverables(ctx, q, brandID, campaignID)
	if err != nil {
		return TemplateBody{}, err
	}
	kpis, err := KPIs(ctx, q, brandID, campaignID)
	if err != nil {
		return TemplateBody{}, err
	}
	terms, err := CurrentTerms(ctx, q, brandID, campaignID)
	if apperr.CodeOf(err) == apperr.NotFound {
		terms, err = nil, nil
	}
	if err != nil {
		return TemplateBody{}, err
	}
	return BodyOf(c, ds, kpis, terms), nil
}

// SaveCampaignAsTemplate saves any campaign of the brand as a template.
func (s *Service) SaveCampaignAsTemplate(ctx context.Context, p *auth.Principal, campaignID int64, name, description string) (*Template, error) {
	body, err := TemplateFromCampaign(ctx, s.DB, p.BrandID, campaignID)
	if err != nil {
		return nil, err
	}
	return s.SaveTemplate(ctx, p, Template{Name: name, Description: description, Body: body})
}

// DeleteTemplate removes a template; campaigns started from it are not
// touched.
func (s *Service) DeleteTemplate(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.now()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		t, err := GetTemplate(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		if err := deleteTemplate(ctx, tx, p.BrandID, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "delete", "campaign_template", itoa(id),
			map[string]audit.Change{"name": {From: t.Name}}, now)
	})
}

// StartFromTemplate creates a draft campaign from a template, named name
// (the template's name when blank), starting on startsOn with every date
// shifted to it, owned by owner (nil: nobody).
func (s *Service) StartFromTemplate(ctx context.Context, p *auth.Principal, templateID int64, name, startsOn string, owner *int64) (*Campaign, error) {
	t, err := GetTemplate(ctx, s.DB, p.BrandID, templateID)
	if err != nil {
		return nil, err
	}
	startsOn = strings.TrimSpace(startsOn)
	if startsOn == "" || !ValidDate(startsOn) {
		var f apperr.Fields
		if startsOn == "" {
			add(&f, "starts_on", "validation.required")
		} else {
			add(&f, "starts_on", "campaign.validation.date")
		}
		return nil, f.Err()
	}
	if strings.TrimSpace(name) == "" {
		name = t.Name
	}
	n := t.Body.Start(name, startsOn)
	n.OwnerUserID = owner
	return s.Create(ctx, p, n)
}
