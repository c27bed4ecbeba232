package stages

import (
	"embed"
	"net/http"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet { return web.Templates("stages", templateFiles, nil) }

// Register adds the stage settings page and GET /api/v1/stages.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{d, &Config{DB: d.DB, Now: d.Clock}}
	rt.Page("GET", "/settings/stages", web.Brand, auth.RecruitingConfigure, h.page)
	rt.Page("POST", "/settings/stages", web.Brand, auth.RecruitingConfigure, h.add)
	rt.Page("POST", "/settings/stages/rename", web.Brand, auth.RecruitingConfigure, h.rename)
	rt.Page("POST", "/settings/stages/move", web.Brand, auth.RecruitingConfigure, h.move)
	rt.Page("POST", "/settings/stages/remove", web.Brand, auth.RecruitingConfigure, h.remove)
	rt.API("GET", "/api/v1/stages", auth.CreatorsRead, "List the brand's pipeline stages in order", h.list)
}

type handlers struct {
	*web.Deps
	cfg *Config
}

func (h *handlers) list(w http.ResponseWriter, r *http.Request) error {
	list, err := List(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, api.List[Stage]{Data: list})
	return nil
}

// settingsRow is one stage on the settings page.
type settingsRow struct {
	Stage
	Name        string
	Count       int64
	First, Last bool
}

type settingsView struct {
	Rows  []settingsRow
	Kinds []string
}

// render shows the settings page; errs are keyed "<field>" for the add
// form and "<field>:<key>" for a stage's row.
func (h *handlers) render(w http.ResponseWriter, r *http.Request, status int, form, errs map[string]string) error {
	brandID := auth.FromContext(r.Context()).BrandID
	list, err := List(r.Context(), h.DB, brandID)
	if err != nil {
		return err
	}
	counts, err := Counts(r.Context(), h.DB, brandID)
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	v := settingsView{Kinds: Kinds}
	for i, s := range list {
		v.Rows = append(v.Rows, settingsRow{Stage: s, Name: s.Name(l), Count: counts[s.Key], First: i == 0, Last: i == len(list)-1})
	}
	return h.Render.PageStatus(w, r, status, "stages/settings", &web.View{Nav: "pipeline", Data: v, Form: form, Errors: errs})
}

func (h *handlers) page(w http.ResponseWriter, r *http.Request) error {
	return h.render(w, r, http.StatusOK, nil, nil)
}

// done answers a settings post: a redirect with a flash on success, the
// page again with the messages by the fields (suffixed with the row's
// key) when the input was invalid.
func (h *handlers) done(w http.ResponseWriter, r *http.Request, err error, rowKey, flashKey string, args ...any) error {
	l := web.Localizer(r)
	if code := apperr.CodeOf(err); code == apperr.Invalid {
		errs := web.FieldErrors(l, err)
		if msg, ok := errs["key"]; ok {
			errs["_"] = msg // no such stage: said at the top of the page
		}
		form := web.FormValues(r)
		if rowKey != "" {
			errs, form = suffixed(errs, rowKey), suffixed(form, rowKey)
		}
		return h.render(w, r, http.StatusUnprocessableEntity, form, errs)
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T(flashKey, args...))
	web.Redirect(w, r, "/settings/stages")
	return nil
}

func (h *handlers) add(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	s, err := h.cfg.Add(r.Context(), auth.FromContext(r.Context()), r.PostFormValue("label"), r.PostFormValue("kind"))
	name := ""
	if s != nil {
		name = s.Label
	}
	return h.done(w, r, err, "", "pipeline.stages.added", "name", name)
}

func (h *handlers) rename(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	key := r.PostFormValue("key")
	err := h.cfg.Rename(r.Context(), auth.FromContext(r.Context()), key, r.PostFormValue("label"), r.PostFormValue("kind"))
	return h.done(w, r, err, key, "pipeline.stages.saved")
}

func (h *handlers) move(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	delta := 1
	if r.PostFormValue("direction") == "up" {
		delta = -1
	}
	key := r.PostFormValue("key")
	err := h.cfg.Move(r.Context(), auth.FromContext(r.Context()), key, delta)
	return h.done(w, r, err, key, "pipeline.stages.saved")
}

func (h *handlers) remove(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	key := r.PostFormValue("key")
	name := key
	if list, err := List(r.Context(), h.DB, p.BrandID); err == nil {
		if i := find(list, key); i >= 0 {
			name = list[i].Name(l)
		}
	}
	_, err := h.cfg.Remove(r.Context(), p, key, r.PostFormValue("move_to"), l.T("pipeline.stages.removed_reason", "name", name))
	return h.done(w, r, err, key, "pipeline.stages.removed", "name", name)
}

// suffixed renames each field of m to "<field>:<key>", so a row's values
// and messages stay with that row and out of the add form.
func suffixed(m map[string]string, key string) map[string]string {
	out := make(map[string]string, len(m))
	for field, v := range m {
		if field == "_" {
			out[field] = v
		} else {
			out[field+":"+key] = v
		}
	}
	return out
}
