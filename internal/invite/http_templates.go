package invite

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

type templatesView struct {
	Templates []Template
	Limit     int
}

func (h *pages) templates(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	list, err := ListTemplates(ctx, h.DB, p.BrandID)
	if err != nil {
		return err
	}
	limit, err := DailyLimit(ctx, h.DB, p.BrandID)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "invite/templates", &web.View{Nav: "invitations", Data: templatesView{list, limit},
		Form: map[string]string{"daily_limit": strconv.Itoa(limit)}})
}

type templateView struct {
	ID            int64
	Locales       []i18n.LocaleName
	DefaultLocale string
	Fields        []string
}

// templateForm shows a new template (no id) or an existing one.
func (h *pages) templateForm(w http.ResponseWriter, r *http.Request) error {
	form := map[string]string{"followup_days": strconv.Itoa(DefaultFollowupDays), "max_followups": strconv.Itoa(DefaultMaxFollowups)}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = web.PathID(r, "id"); err != nil {
			return err
		}
		t, err := GetTemplate(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
		if err != nil {
			return err
		}
		form = map[string]string{"name": t.Name, "followup_days": strconv.Itoa(t.FollowupDays), "max_followups": strconv.Itoa(t.MaxFollowups)}
		for code, x := range t.Texts {
			form["subject_"+code], form["body_"+code] = x.Subject, x.Body
		}
	}
	return h.renderTemplate(w, r, http.StatusOK, id, form, nil)
}

func (h *pages) renderTemplate(w http.ResponseWriter, r *http.Request, status int, id int64, form, errs map[string]string) error {
	b, err := h.brandOf(r)
	if err != nil {
		return err
	}
	v := templateView{ID: id, Locales: i18n.Names(), DefaultLocale: b.DefaultLocale, Fields: MergeFields}
	return h.Render.PageStatus(w, r, status, "invite/template", &web.View{Nav: "invitations", Data: v, Form: form, Errors: errs})
}

func (h *pages) saveTemplate(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = web.PathID(r, "id"); err != nil {
			return err
		}
		if _, err := GetTemplate(ctx, h.DB, p.BrandID, id); err != nil {
			return err
		}
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	b, err := h.brandOf(r)
	if err != nil {
		return err
	}
	t := &Template{ID: id, Name: r.PostFormValue("name"), Texts: map[string]Text{}}
	t.FollowupDays = atoiOr(r.PostFormValue("followup_days"), -1)
	t.MaxFollowups = atoiOr(r.PostFormValue("max_followups"), -1)
	for _, code := range i18n.Supported {
		t.Texts[code] = Text{Locale: code, Subject: r.PostFormValue("subject_" + code), Body: r.PostFormValue("body_" + code)}
	}
	l := web.Localizer(r)
	err = h.svc.SaveTemplate(ctx, p, t, b.DefaultLocale)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderTemplate(w, r, http.StatusUnprocessableEntity, id, web.FormValues(r), web.FieldErrors(l, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("invite.template_saved", "name", t.Name))
	web.Redirect(w, r, "/invitation-templates")
	return nil
}

func atoiOr(s string, fallback int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fallback
	}
	return n
}
