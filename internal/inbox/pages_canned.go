package inbox

import (
	"net/http"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/web"
)

type cannedView struct {
	ID     int64
	Items  []Canned
	Fields []string
}

func (h *pages) cannedList(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	items, err := ListCanned(r.Context(), h.DB, p.BrandID, "")
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "inbox/canned", &web.View{Nav: "inbox", Data: cannedView{Items: items, Fields: CannedFields}})
}

func (h *pages) cannedForm(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	form := map[string]string{}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = web.PathID(r, "id"); err != nil {
			return err
		}
		c, err := GetCanned(ctx, h.DB, p.BrandID, id)
		if err != nil {
			return err
		}
		form = map[string]string{"title": c.Title, "locale": c.Locale, "body": c.Body}
	} else {
		b, err := brand.ByID(ctx, h.DB, p.BrandID)
		if err != nil {
			return err
		}
		form["locale"] = b.DefaultLocale
	}
	return h.Render.Page(w, r, "inbox/canned_form", &web.View{Nav: "inbox", Data: cannedView{ID: id, Fields: CannedFields}, Form: form})
}

func (h *pages) cannedSave(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	c := &Canned{}
	if r.PathValue("id") != "" {
		id, err := web.PathID(r, "id")
		if err != nil {
			return err
		}
		if _, err := GetCanned(ctx, h.DB, p.BrandID, id); err != nil {
			return err
		}
		c.ID = id
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	c.Title, c.Locale, c.Body = r.PostFormValue("title"), r.PostFormValue("locale"), r.PostFormValue("body")
	l := web.Localizer(r)
	err := h.svc.SaveCanned(ctx, p, c)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "inbox/canned_form", &web.View{Nav: "inbox",
			Data: cannedView{ID: c.ID, Fields: CannedFields}, Form: web.FormValues(r), Errors: web.FieldErrors(l, err)})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("inbox.canned_saved", "title", c.Title))
	web.Redirect(w, r, "/inbox/canned")
	return nil
}

func (h *pages) cannedDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteCanned(r.Context(), auth.FromContext(r.Context()), id); err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("inbox.canned_deleted"))
	web.Redirect(w, r, "/inbox/canned")
	return nil
}
