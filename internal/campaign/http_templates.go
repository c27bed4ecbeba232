package campaign

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/web"
)

func registerTemplatePages(rt *web.Router, h *pages) {
	rt.Page("GET", "/campaign-templates", web.Brand, auth.CampaignsRead, h.templates)
	rt.Page("GET", "/campaigns/{id}/template", web.Brand, auth.CampaignsWrite, h.templateForm)
	rt.Page("POST", "/campaigns/{id}/template", web.Brand, auth.CampaignsWrite, h.saveTemplate)
	rt.Page("GET", "/campaign-templates/{id}", web.Brand, auth.CampaignsWrite, h.startForm)
	rt.Page("POST", "/campaign-templates/{id}/start", web.Brand, auth.CampaignsWrite, h.start)
	rt.Page("POST", "/campaign-templates/{id}/delete", web.Brand, auth.CampaignsWrite, h.deleteTemplate)
}

func (h *pages) templates(w http.ResponseWriter, r *http.Request) error {
	list, err := ListTemplates(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "campaign/templates", &web.View{Nav: "campaigns", Data: list})
}

// templateForm asks for the name and description of a template saved
// from a campaign.
func (h *pages) templateForm(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "campaign/save_template", &web.View{Nav: "campaigns", Data: c, Form: map[string]string{"name": c.Name}})
}

func (h *pages) saveTemplate(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	t, err := h.svc.SaveCampaignAsTemplate(r.Context(), auth.FromContext(r.Context()), c.ID, r.PostFormValue("name"), r.PostFormValue("description"))
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "campaign/save_template", &web.View{Nav: "campaigns", Data: c,
			Form: web.FormValues(r), Errors: web.FieldErrors(web.Localizer(r), err)})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.template_saved", "name", t.Name))
	web.Redirect(w, r, "/campaign-templates")
	return nil
}

type startView struct {
	T       *Template
	Members []brand.Member
}

// startForm shows a template and asks for the new campaign's name, start
// date and owner.
func (h *pages) startForm(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadTemplate(r)
	if err != nil {
		return err
	}
	form := map[string]string{"name": t.Name, "starts_on": h.Clock().AddDate(0, 0, 14).Format("2006-01-02"),
		"owner_user_id": strconv.FormatInt(auth.FromContext(r.Context()).UserID(), 10)}
	return h.renderStart(w, r, http.StatusOK, t, form, nil)
}

func (h *pages) loadTemplate(r *http.Request) (*Template, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return GetTemplate(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

func (h *pages) renderStart(w http.ResponseWriter, r *http.Request, status int, t *Template, form, errs map[string]string) error {
	members, err := brand.Members(r.Context(), h.DB, t.BrandID)
	if err != nil {
		return err
	}
	return h.Render.PageStatus(w, r, status, "campaign/start", &web.View{Nav: "campaigns", Data: startView{t, members}, Form: form, Errors: errs})
}

func (h *pages) start(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadTemplate(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var owner *int64
	if s := r.PostFormValue("owner_user_id"); s != "" {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			owner = &id
		}
	}
	c, err := h.svc.StartFromTemplate(r.Context(), auth.FromContext(r.Context()), t.ID, r.PostFormValue("name"), r.PostFormValue("starts_on"), owner)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderStart(w, r, http.StatusUnprocessableEntity, t, web.FormValues(r), web.FieldErrors(web.Localizer(r), err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.created", "name", c.Name))
	web.Redirect(w, r, "/campaigns/"+itoa(c.ID))
	return nil
}

func (h *pages) deleteTemplate(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadTemplate(r)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteTemplate(r.Context(), auth.FromContext(r.Context()), t.ID); err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.template_deleted", "name", t.Name))
	web.Redirect(w, r, "/campaign-templates")
	return nil
}
