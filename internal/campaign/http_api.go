package campaign

import (
	"context"
	"net/http"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// Status changes have their own resource (POST …/transitions) rather than
// a writable status field: a move has rules (allowed steps, readiness to
// recruit) and is audited as what it is, and a PATCH that mixes a rename
// with a refused move would be half applied or wholly refused for the
// wrong reason.
func registerAPI(rt *web.Router, d *web.Deps, h *pages) {
	rt.API("GET", "/api/v1/campaigns", auth.CampaignsRead, "List campaigns", h.apiList)
	rt.API("POST", "/api/v1/campaigns", auth.CampaignsWrite, "Create a campaign", d.Idempotent(h.apiCreate))
	rt.API("GET", "/api/v1/campaigns/{id}", auth.CampaignsRead, "Get a campaign with its parts", h.apiGet)
	rt.API("PATCH", "/api/v1/campaigns/{id}", auth.CampaignsWrite, "Change a campaign", h.apiPatch)
	rt.API("DELETE", "/api/v1/campaigns/{id}", auth.CampaignsWrite, "Delete a draft campaign", h.apiDelete)
	rt.API("POST", "/api/v1/campaigns/{id}/transitions", auth.CampaignsWrite, "Move a campaign to another status", h.apiTransition)
	rt.API("GET", "/api/v1/campaigns/{id}/terms", auth.CampaignsRead, "List a campaign's terms versions", h.apiTerms)
	rt.API("POST", "/api/v1/campaigns/{id}/terms", auth.CampaignsWrite, "Publish a new terms version", d.Idempotent(h.apiPublishTerms))
	rt.API("POST", "/api/v1/campaigns/{id}/deliverables", auth.CampaignsWrite, "Add a deliverable", d.Idempotent(h.apiAddDeliverable))
	rt.API("GET", "/api/v1/campaign-deliverables/{id}", auth.CampaignsRead, "Get a deliverable", h.apiGetDeliverable)
	rt.API("PATCH", "/api/v1/campaign-deliverables/{id}", auth.CampaignsWrite, "Change a deliverable", h.apiPatchDeliverable)
	rt.API("DELETE", "/api/v1/campaign-deliverables/{id}", auth.CampaignsWrite, "Remove a deliverable", h.apiDeleteDeliverable)
	registerTemplateAPI(rt, d, h)
}

// Detail is a campaign with its parts, as the API returns one.
type Detail struct {
	Campaign
	Deliverables []Deliverable `json:"deliverables"`
	KPIs         []KPITarget   `json:"kpis"`
	Terms        *Terms        `json:"terms"` // the version in force; null before the first
	Budget       BudgetWarning `json:"budget"`
	NextStatuses []string      `json:"next_statuses"`
}

// DetailOf reads a campaign with its parts.
func DetailOf(ctx context.Context, q db.Querier, brandID, id int64) (*Detail, error) {
	c, err := Get(ctx, q, brandID, id)
	if err != nil {
		return nil, err
	}
	d := &Detail{Campaign: *c, NextStatuses: NextStatuses(c.Status)}
	if d.Deliverables, err = Deliverables(ctx, q, brandID, id); err != nil {
		return nil, err
	}
	if d.KPIs, err = KPIs(ctx, q, brandID, id); err != nil {
		return nil, err
	}
	if d.Terms, err = CurrentTerms(ctx, q, brandID, id); apperr.CodeOf(err) == apperr.NotFound {
		d.Terms, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	plan, err := PlannedCheck(ctx, q, c)
	if err != nil {
		return nil, err
	}
	d.Budget = *plan
	if d.NextStatuses == nil {
		d.NextStatuses = []string{}
	}
	return d, nil
}

func (h *pages) writeDetail(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	d, err := DetailOf(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/campaigns/"+itoa(id))
	}
	api.WriteJSON(w, status, d)
	return nil
}

func (h *pages) apiList(w http.ResponseWriter, r *http.Request) error {
	lq, errs := ParseListQuery(r.URL.Query())
	if err := errs.Err(); err != nil {
		return err
	}
	page, err := List(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, lq)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, api.List[Campaign]{Data: page.Items, NextCursor: page.NextCursor})
	return nil
}

func (h *pages) apiGet(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.writeDetail(w, r, http.StatusOK, id)
}

// campaignInput is the body of a create or a PATCH. Absent fields are
// left as they are on PATCH (or take their defaults on create); a present
// deliverables or kpis list replaces the whole list. Terms are only given
// on create: later versions go through POST …/terms.
type campaignInput struct {
	Name                 *string              `json:"name"`
	Objective            *string              `json:"objective"`
	Brief                *string              `json:"brief"`
	StartsOn             *string              `json:"starts_on"`
	EndsOn               *string              `json:"ends_on"`
	Languages            *[]string            `json:"languages"`
	Currency             *string              `json:"currency"`
	BudgetMinor          *int64               `json:"budget_minor"`
	ExpectedParticipants *int                 `json:"expected_participants"`
	DefaultOffer         *Offer               `json:"default_offer"`
	OwnerUserID          creator.OptionalID   `json:"owner_user_id"`
	Deliverables         *[]DeliverableFields `json:"deliverables"`
	KPIs                 *[]KPITarget         `json:"kpis"`
	Terms                *TermsFields         `json:"terms"`
}

func (in campaignInput) apply(f *Fields) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&f.Name, in.Name)
	set(&f.Objective, in.Objective)
	set(&f.Brief, in.Brief)
	set(&f.StartsOn, in.StartsOn)
	set(&f.EndsOn, in.EndsOn)
	set(&f.Currency, in.Currency)
	if in.Languages != nil {
		f.Languages = *in.Languages
	}
	if in.BudgetMinor != nil {
		f.BudgetMinor = *in.BudgetMinor
	}
	if in.ExpectedParticipants != nil {
		f.ExpectedParticipants = *in.ExpectedParticipants
	}
	if in.DefaultOffer != nil {
		f.Offer = *in.DefaultOffer
	}
	if in.OwnerUserID.Set {
		f.OwnerUserID = in.OwnerUserID.Value
	}
}

func (h *pages) apiCreate(w http.ResponseWriter, r *http.Request) error {
	var in campaignInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	n := New{Fields: Fields{Currency: "USD"}, Terms: in.Terms}
	in.apply(&n.Fields)
	if in.Deliverables != nil {
		n.Deliverables = *in.Deliverables
	}
	if in.KPIs != nil {
		n.KPIs = *in.KPIs
	}
	c, err := h.svc.Create(r.Context(), auth.FromContext(r.Context()), n)
	if err != nil {
		return err
	}
	return h.writeDetail(w, r, http.StatusCreated, c.ID)
}

func (h *pages) apiPatch(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := Get(ctx, h.DB, p.BrandID, id)
	if err != nil {
		return err
	}
	var in campaignInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	f := FieldsOf(c)
	in.apply(&f)
	if in.Terms != nil {
		// Terms change by version (their own route); say so together
		// with anything else wrong in the body.
		errs := h.svc.check(ctx, p.BrandID, &f)
		add(&errs, "terms", "campaign.validation.terms_by_version")
		return errs.Err()
	}
	if err := h.svc.Edit(ctx, p, id, f, in.Deliverables, in.KPIs); err != nil {
		return err
	}
	return h.writeDetail(w, r, http.StatusOK, id)
}

func (h *pages) apiDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.Delete(r.Context(), auth.FromContext(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type transitionInput struct {
	To string `json:"to"`
}

func (h *pages) apiTransition(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := Get(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id); err != nil {
		return err
	}
	var in transitionInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	if _, err := h.svc.Transition(r.Context(), auth.FromContext(r.Context()), id, in.To); err != nil {
		return renameField(err, "status", "to")
	}
	return h.writeDetail(w, r, http.StatusOK, id)
}

// renameField names a field as the request body does.
func renameField(err error, from, to string) error {
	if e, ok := apperr.As(err); ok {
		for i := range e.Fields {
			if e.Fields[i].Field == from {
				e.Fields[i].Field = to
			}
		}
	}
	return err
}

func (h *pages) apiTerms(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	if _, err := Get(r.Context(), h.DB, p.BrandID, id); err != nil {
		return err
	}
	list, err := TermsHistory(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, api.List[Terms]{Data: list})
	return nil
}

// apiPublishTerms answers 201 with a new version, or 200 with the version
// in force when the terms sent equal it (nothing is written).
func (h *pages) apiPublishTerms(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	before, err := Get(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return err
	}
	var in TermsFields
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	cur, err := CurrentTerms(r.Context(), h.DB, p.BrandID, before.ID)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		return err
	}
	t, err := h.svc.PublishTerms(r.Context(), p, id, in)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if cur != nil && cur.ID == t.ID {
		status = http.StatusOK
	}
	api.WriteJSON(w, status, t)
	return nil
}

func (h *pages) apiAddDeliverable(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	if _, err := Get(r.Context(), h.DB, p.BrandID, id); err != nil {
		return err
	}
	var in DeliverableFields
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	d, err := h.svc.AddDeliverable(r.Context(), p, id, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/campaign-deliverables/"+itoa(d.ID))
	api.WriteJSON(w, http.StatusCreated, d)
	return nil
}

func (h *pages) loadDeliverableAPI(r *http.Request) (*Deliverable, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return DeliverableByID(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

func (h *pages) apiGetDeliverable(w http.ResponseWriter, r *http.Request) error {
	d, err := h.loadDeliverableAPI(r)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, d)
	return nil
}

// deliverableInput is a PATCH of a deliverable: absent fields are kept.
type deliverableInput struct {
	Platform   *string   `json:"platform"`
	Kind       *string   `json:"kind"`
	Quantity   *int      `json:"quantity"`
	DueOn      *string   `json:"due_on"`
	Hashtags   *[]string `json:"hashtags"`
	Mentions   *[]string `json:"mentions"`
	Disclosure *string   `json:"disclosure"`
	Notes      *string   `json:"notes"`
}

func (h *pages) apiPatchDeliverable(w http.ResponseWriter, r *http.Request) error {
	d, err := h.loadDeliverableAPI(r)
	if err != nil {
		return err
	}
	var in deliverableInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	f := d.FieldsOf()
	for _, s := range []struct {
		dst *string
		v   *string
	}{{&f.Platform, in.Platform}, {&f.Kind, in.Kind}, {&f.DueOn, in.DueOn}, {&f.Disclosure, in.Disclosure}, {&f.Notes, in.Notes}} {
		if s.v != nil {
			*s.dst = *s.v
		}
	}
	if in.Quantity != nil {
		f.Quantity = *in.Quantity
	}
	if in.Hashtags != nil {
		f.Hashtags = *in.Hashtags
	}
	if in.Mentions != nil {
		f.Mentions = *in.Mentions
	}
	out, err := h.svc.UpdateDeliverable(r.Context(), auth.FromContext(r.Context()), d.CampaignID, d.ID, f)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *pages) apiDeleteDeliverable(w http.ResponseWriter, r *http.Request) error {
	d, err := h.loadDeliverableAPI(r)
	if err != nil {
		return err
	}
	if err := h.svc.RemoveDeliverable(r.Context(), auth.FromContext(r.Context()), d.CampaignID, d.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
