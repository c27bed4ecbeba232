package campaign

import (
	"net/http"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

func registerTemplateAPI(rt *web.Router, d *web.Deps, h *pages) {
	rt.API("GET", "/api/v1/campaign-templates", auth.CampaignsRead, "List campaign templates", h.apiTemplates)
	rt.API("POST", "/api/v1/campaign-templates", auth.CampaignsWrite, "Save a campaign template", d.Idempotent(h.apiCreateTemplate))
	rt.API("GET", "/api/v1/campaign-templates/{id}", auth.CampaignsRead, "Get a campaign template", h.apiGetTemplate)
	rt.API("DELETE", "/api/v1/campaign-templates/{id}", auth.CampaignsWrite, "Delete a campaign template", h.apiDeleteTemplate)
	rt.API("POST", "/api/v1/campaign-templates/{id}/campaigns", auth.CampaignsWrite, "Start a campaign from a template", d.Idempotent(h.apiStart))
}

func (h *pages) apiTemplates(w http.ResponseWriter, r *http.Request) error {
	list, err := ListTemplates(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, api.List[Template]{Data: list})
	return nil
}

// templateInput makes a template from one of the brand's campaigns
// (campaign_id) or from a body given in full; exactly one of the two.
type templateInput struct {
	Name        string        `json:"name"`
	Description string        `json:"description"`
	CampaignID  *int64        `json:"campaign_id"`
	Body        *TemplateBody `json:"body"`
}

func (h *pages) apiCreateTemplate(w http.ResponseWriter, r *http.Request) error {
	var in templateInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	var t *Template
	var err error
	switch {
	case (in.CampaignID == nil) == (in.Body == nil):
		var f apperr.Fields
		add(&f, "campaign_id", "campaign.validation.template_source")
		return f.Err()
	case in.CampaignID != nil:
		if _, err := Get(r.Context(), h.DB, p.BrandID, *in.CampaignID); apperr.CodeOf(err) == apperr.NotFound {
			var f apperr.Fields
			add(&f, "campaign_id", "campaign.validation.no_such_campaign")
			return f.Err()
		}
		t, err = h.svc.SaveCampaignAsTemplate(r.Context(), p, *in.CampaignID, in.Name, in.Description)
	default:
		t, err = h.svc.SaveTemplate(r.Context(), p, Template{Name: in.Name, Description: in.Description, Body: *in.Body})
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/campaign-templates/"+itoa(t.ID))
	api.WriteJSON(w, http.StatusCreated, t)
	return nil
}

func (h *pages) apiGetTemplate(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadTemplate(r)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, t)
	return nil
}

func (h *pages) apiDeleteTemplate(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadTemplate(r)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteTemplate(r.Context(), auth.FromContext(r.Context()), t.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type startInput struct {
	Name        string `json:"name"`
	StartsOn    string `json:"starts_on"`
	OwnerUserID *int64 `json:"owner_user_id"`
}

func (h *pages) apiStart(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadTemplate(r)
	if err != nil {
		return err
	}
	var in startInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	c, err := h.svc.StartFromTemplate(r.Context(), auth.FromContext(r.Context()), t.ID, in.Name, in.StartsOn, in.OwnerUserID)
	if err != nil {
		return err
	}
	return h.writeDetail(w, r, http.StatusCreated, c.ID)
}
