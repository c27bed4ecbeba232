package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/i18n"
)

//go:embed templates/*.html
var shellTemplates embed.FS

// TemplateSet is one capability's page templates: files named
// <page>.html, each defining "title" and "content", registered as
// "<Prefix>/<page>".
type TemplateSet struct {
	Prefix string
	FS     fs.FS
	Funcs  template.FuncMap // extra functions this set's pages use
}

// Renderer renders pages inside the layout, in the user's language.
type Renderer struct {
	pages map[string]*template.Template
	deps  *Deps
}

// Attach lets the renderer read the brand list for the switcher.
func (r *Renderer) Attach(d *Deps) { r.deps = d; d.Render = r }

// NewRenderer parses the layout, the shared partials and every page.
func NewRenderer(sets ...TemplateSet) (*Renderer, error) {
	base, err := template.New("layout").Funcs(funcs).ParseFS(shellTemplates, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	r := &Renderer{pages: map[string]*template.Template{}}
	r.pages["web/error"] = base
	for _, set := range sets {
		files, err := fs.Glob(set.FS, "*.html")
		if err != nil {
			return nil, err
		}
		// Files named _*.html are partials shared by the set's pages.
		partials, err := fs.Glob(set.FS, "_*.html")
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if strings.HasPrefix(f, "_") {
				continue
			}
			t, err := template.Must(base.Clone()).Funcs(set.Funcs).ParseFS(set.FS, append(partials, f)...)
			if err != nil {
				return nil, fmt.Errorf("parse %s/%s: %w", set.Prefix, f, err)
			}
			r.pages[set.Prefix+"/"+strings.TrimSuffix(path.Base(f), ".html")] = t
		}
	}
	return r, nil
}

// View is what every page template receives.
type View struct {
	L       *i18n.Localizer
	P       *auth.Principal
	Brands  []brand.Membership // for the brand switcher
	Nav     string             // active navigation item
	Flash   string
	Errors  map[string]string // field → message, in the user's language
	Form    map[string]string // submitted values to show again
	Data    any
	Request *http.Request
}

// Home is where the logo and the error page's way back lead: the
// creator portal's home for a portal page (a creator has no account for
// the team's sign-in page that "/" leads to), else the app's.
func (v *View) Home() string {
	if v.Request != nil && (v.Request.URL.Path == "/portal" || strings.HasPrefix(v.Request.URL.Path, "/portal/")) {
		return "/portal/home"
	}
	return "/"
}

// Can reports whether the viewer holds a permission (for showing links).
func (v *View) Can(perm string) bool { return v.P.Can(auth.Permission(perm)) }

// Page renders a named page with status 200.
func (r *Renderer) Page(w http.ResponseWriter, req *http.Request, name string, v *View) error {
	return r.PageStatus(w, req, http.StatusOK, name, v)
}

// PageStatus renders a named page with a status code. It renders into a
// buffer first, so a template error never sends half a page.
func (r *Renderer) PageStatus(w http.ResponseWriter, req *http.Request, status int, name string, v *View) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	r.fill(w, req, v)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// fill completes a view with what every page needs.
func (r *Renderer) fill(w http.ResponseWriter, req *http.Request, v *View) {
	v.Request = req
	if v.P == nil {
		v.P = auth.FromContext(req.Context())
	}
	if v.L == nil {
		v.L = Localizer(req)
	}
	if v.Flash == "" {
		v.Flash = takeFlash(w, req)
	}
	if v.P != nil && v.P.User != nil && v.Brands == nil && r.deps != nil {
		if v.P.User.IsPlatformAdmin {
			all, _ := brand.All(req.Context(), r.deps.DB)
			for _, b := range all {
				v.Brands = append(v.Brands, brand.Membership{Brand: b, Role: auth.PlatformAdmin})
			}
		} else {
			v.Brands, _ = brand.ForUser(req.Context(), r.deps.DB, v.P.User.ID)
		}
	}
}

// Error renders the error page for err in the user's language.
func (r *Renderer) Error(w http.ResponseWriter, req *http.Request, err error) {
	status := http.StatusInternalServerError
	key := "error.internal"
	switch apperr.CodeOf(err) {
	case apperr.NotFound:
		status, key = http.StatusNotFound, "error.not_found"
	case apperr.Forbidden:
		status, key = http.StatusForbidden, "error.forbidden"
	case apperr.Malformed, apperr.Invalid:
		status, key = http.StatusBadRequest, "error.bad_request"
	case apperr.Conflict:
		status, key = http.StatusConflict, "error.conflict"
	case apperr.RateLimited:
		status, key = http.StatusTooManyRequests, "error.rate_limited"
	}
	v := &View{Data: map[string]any{"Status": status, "Key": key, "RequestID": RequestID(req.Context())}}
	if rerr := r.PageStatus(w, req, status, "web/error", v); rerr != nil {
		http.Error(w, http.StatusText(status), status)
	}
}

// FieldErrors turns a validation error into field → message in the
// viewer's language; other errors come back as a message for the form's
// top under the key "_". No error gives no messages.
func FieldErrors(l *i18n.Localizer, err error) map[string]string {
	if err == nil {
		return nil
	}
	out := map[string]string{}
	e, ok := apperr.As(err)
	if !ok {
		out["_"] = l.T("error.internal")
		return out
	}
	for _, f := range e.Fields {
		if _, seen := out[f.Field]; seen {
			continue
		}
		if f.Key != "" {
			out[f.Field] = l.T(f.Key, f.Args...)
		} else {
			out[f.Field] = f.Message
		}
	}
	if len(e.Fields) == 0 || e.Code == apperr.Conflict {
		out["_"] = e.Message
	}
	return out
}

// Templates makes a capability's TemplateSet from its embedded
// templates/ folder.
func Templates(prefix string, files fs.FS, funcs template.FuncMap) TemplateSet {
	sub, err := fs.Sub(files, "templates")
	if err != nil {
		panic("templates of " + prefix + ": " + err.Error())
	}
	return TemplateSet{Prefix: prefix, FS: sub, Funcs: funcs}
}
