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

// Templates are this package's pages: the settings page of every Set.
func Templates() web.TemplateSet { return web.Templates("stages", templateFiles, nil) }

// Register adds the pipeline stage settings page and GET /api/v1/stages.
func Register(rt *web.Router, d *web.Deps) {
	RegisterSettings(rt, d, Pipeline)
	rt.API("GET", "/api/v1/stages", auth.CreatorsRead, "List the brand's pipeline stages in order", func(w http.ResponseWriter, r *http.Request) error {
		list, err := List(r.Context(), d.DB, auth.FromContext(r.Context()).BrandID)
		if err != nil {
			return err
		}
		api.WriteJSON(w, http.StatusOK, api.List[Stage]{Data: list})
		return nil
	})
}

// RegisterSettings adds set's settings page at set.Page.Path and the
// forms that add, rename, move and remove its stages.
func RegisterSettings(rt *web.Router, d *web.Deps, set *Set) {
	h := &settings{d, set, &Config{Set: set, DB: d.DB, Now: d.Clock}}
	path, perm := set.Page.Path, set.Page.Perm
	rt.Page("GET", path, web.Brand, perm, h.page)
	rt.Page("POST", path, web.Brand, perm, h.add)
	rt.Page("POST", path+"/rename", web.Brand, perm, h.rename)
	rt.Page("POST", path+"/move", web.Brand, perm, h.move)
	rt.Page("POST", path+"/remove", web.Brand, perm, h.remove)
}

type settings struct {
	*web.Deps
	set *Set
	cfg *Config
}

// settingsRow is one stage on the settings page.
type settingsRow struct {
	Stage
	Name        string
	Count       int64
	First, Last bool
}

type settingsView struct {
	Page  Page
	Rows  []settingsRow
	Kinds []string
}

// Word is the catalogue key of one of the page's words.
func (v *settingsView) Word(word string) string { return v.Page.Words + "." + word }

// KindName is the catalogue key of a kind's name.
func (v *settingsView) KindName(kind string) string { return v.Page.KindKey + kind }

// render shows the settings page; errs are keyed "<field>" for the add
// form and "<field>:<key>" for a stage's row.
func (h *settings) render(w http.ResponseWriter, r *http.Request, status int, form, errs map[string]string) error {
	brandID := auth.FromContext(r.Context()).BrandID
	list, err := h.set.List(r.Context(), h.DB, brandID)
	if err != nil {
		return err
	}
	counts, err := h.set.Members.Counts(r.Context(), h.DB, brandID)
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	v := &settingsView{Page: h.set.Page, Kinds: h.set.Kinds}
	for i, s := range list {
		v.Rows = append(v.Rows, settingsRow{Stage: s, Name: h.set.Name(l, s), Count: counts[s.Key], First: i == 0, Last: i == len(list)-1})
	}
	return h.Render.PageStatus(w, r, status, "stages/settings", &web.View{Nav: h.set.Page.Nav, Data: v, Form: form, Errors: errs})
}

func (h *settings) page(w http.ResponseWriter, r *http.Request) error {
	return h.render(w, r, http.StatusOK, nil, nil)
}

// done answers a settings post: a redirect with a flash (the page's word
// flashWord) on success, the page again with the messages by the fields
// (suffixed with the row's key) when the input was invalid.
func (h *settings) done(w http.ResponseWriter, r *http.Request, err error, rowKey, flashWord string, args ...any) error {
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
	flash := h.set.Page.Words + "." + flashWord
	web.SetFlash(w, l.T(flash, args...))
	web.Redirect(w, r, h.set.Page.Path)
	return nil
}

func (h *settings) add(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	s, err := h.cfg.Add(r.Context(), auth.FromContext(r.Context()), r.PostFormValue("label"), r.PostFormValue("kind"))
	name := ""
	if s != nil {
		name = s.Label
	}
	return h.done(w, r, err, "", "added", "name", name)
}

func (h *settings) rename(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	key := r.PostFormValue("key")
	err := h.cfg.Rename(r.Context(), auth.FromContext(r.Context()), key, r.PostFormValue("label"), r.PostFormValue("kind"))
	return h.done(w, r, err, key, "saved")
}

func (h *settings) move(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	delta := 1
	if r.PostFormValue("direction") == "up" {
		delta = -1
	}
	key := r.PostFormValue("key")
	err := h.cfg.Move(r.Context(), auth.FromContext(r.Context()), key, delta)
	return h.done(w, r, err, key, "saved")
}

func (h *settings) remove(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	key := r.PostFormValue("key")
	name := key
	if list, err := h.set.List(r.Context(), h.DB, p.BrandID); err == nil {
		if i := find(list, key); i >= 0 {
			name = h.set.Name(l, list[i])
		}
	}
	reason := h.set.Page.RemovedReason(l, key, name)
	_, err := h.cfg.Remove(r.Context(), p, key, r.PostFormValue("move_to"), reason)
	return h.done(w, r, err, key, "removed", "name", name)
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
