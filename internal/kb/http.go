package kb

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/markdown"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages (staff and portal).
func Templates() web.TemplateSet {
	return web.Templates("kb", templateFiles, template.FuncMap{
		"markdown":   markdown.Render,
		"localeName": func(l string) string { return LocaleNames[l] },
	})
}

// searchLimit is how many results a search shows.
const searchLimit = 30

// Register adds the knowledge-base pages, the portal's help pages and the
// read API. Reading brand-facing articles needs only a signed-in person
// (or any token); writing needs kb:write.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{Deps: d, svc: &Service{DB: d.DB, Now: d.Clock}}
	rt.Page("GET", "/kb", web.SignedIn, "", h.index)
	rt.Page("GET", "/kb/articles/{id}", web.SignedIn, "", h.show)
	rt.Page("GET", "/kb/new", web.Brand, auth.KBWrite, h.newForm)
	rt.Page("POST", "/kb/articles", web.Brand, auth.KBWrite, h.create)
	rt.Page("GET", "/kb/articles/{id}/edit", web.Brand, auth.KBWrite, h.editForm)
	rt.Page("POST", "/kb/articles/{id}", web.Brand, auth.KBWrite, h.save)
	rt.Page("GET", "/kb/articles/{id}/revisions", web.Brand, auth.KBWrite, h.revisions)
	rt.Page("POST", "/kb/articles/{id}/restore", web.Brand, auth.KBWrite, h.restore)
	rt.API("GET", "/api/v1/kb/articles", "", "Search or list the knowledge base", h.apiList)
	rt.API("GET", "/api/v1/kb/articles/{id}", "", "Get a knowledge-base article", h.apiGet)
	registerPortal(rt, d)
}

type handlers struct {
	*web.Deps
	svc *Service
}

// indexView is the list and search page (staff and portal).
type indexView struct {
	Query      string
	Category   string
	Categories []string
	Articles   []Summary
	Searched   bool
	More       bool // more articles match than are listed
	Locale     string
	Base       string // "/kb" or "/portal/help"
	Article    string // path prefix of an article
}

func (h *handlers) index(w http.ResponseWriter, r *http.Request) error {
	v, err := h.indexData(r, AudienceBrand, "/kb", "/kb/articles/")
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "kb/index", &web.View{Nav: "kb", Data: v})
}

func (h *handlers) indexData(r *http.Request, audience, base, article string) (indexView, error) {
	locale := ReaderLocale(r, "")
	return indexFor(r, h.Deps, audience, locale, base, article)
}

func indexFor(r *http.Request, d *web.Deps, audience, locale, base, article string) (indexView, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	cat := r.URL.Query().Get("category")
	if !contains(Categories, cat) {
		cat = ""
	}
	v := indexView{Query: q, Category: cat, Categories: Categories, Locale: locale, Base: base, Article: article}
	var err error
	if q != "" {
		v.Searched = true
		v.Articles, v.More, err = Search(r.Context(), d.DB, audience, q, locale, searchLimit)
	} else {
		v.Articles, err = List(r.Context(), d.DB, audience, cat, locale)
	}
	return v, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// articleView is one article as a reader sees it.
type articleView struct {
	A         *Article
	V         Version
	Locale    string // the language shown
	Wanted    string // the language the reader asked for or speaks
	Fallback  bool   // Wanted has no version: English is shown
	Languages []string
	Base      string
	Path      string // this article's path, for the language switcher
}

func viewOf(a *Article, wanted, base, path string) articleView {
	v, shown := a.In(wanted)
	return articleView{A: a, V: v, Locale: shown, Wanted: wanted, Fallback: shown != wanted, Languages: a.Languages(), Base: base, Path: path}
}

func (h *handlers) article(r *http.Request, audience string) (*Article, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return GetFor(r.Context(), h.DB, audience, id)
}

func (h *handlers) show(w http.ResponseWriter, r *http.Request) error {
	a, err := h.article(r, AudienceBrand)
	if err != nil {
		// Platform admins also open creator-facing articles here, to
		// check what they wrote.
		p := auth.FromContext(r.Context())
		if apperr.CodeOf(err) != apperr.NotFound || !p.Can(auth.KBWrite) {
			return err
		}
		if a, err = h.article(r, ""); err != nil {
			return err
		}
	}
	path := "/kb/articles/" + strconv.FormatInt(a.ID, 10)
	return h.Render.Page(w, r, "kb/article", &web.View{Nav: "kb", Data: viewOf(a, ReaderLocale(r, ""), "/kb", path)})
}

// editView is the editor: the article's shared fields and one language.
type editView struct {
	A        *Article // nil for a new article
	Lang     string
	Locales  []string
	Has      map[string]bool // languages with a version
	Revision int
	// Categories offered by the form.
	Categories []string
}

func (h *handlers) newForm(w http.ResponseWriter, r *http.Request) error {
	form := map[string]string{"audience": AudienceBrand, "category": Categories[0]}
	return h.Render.Page(w, r, "kb/edit", &web.View{Nav: "kb", Form: form, Data: editView{Lang: Fallback, Locales: Locales, Has: map[string]bool{}, Categories: Categories}})
}

func (h *handlers) create(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	d := Draft{Slug: r.PostFormValue("slug"), Category: r.PostFormValue("category"), Audience: r.PostFormValue("audience"),
		Versions: map[string]Version{Fallback: {Title: r.PostFormValue("title"), Body: r.PostFormValue("body")}}}
	a, err := h.svc.Create(r.Context(), auth.FromContext(r.Context()), d)
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "kb/edit", &web.View{Nav: "kb", Form: web.FormValues(r),
			Errors: formErrors(l, err, Fallback), Data: editView{Lang: Fallback, Locales: Locales, Has: map[string]bool{}, Categories: Categories}})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("kb.created"))
	web.Redirect(w, r, "/kb/articles/"+strconv.FormatInt(a.ID, 10))
	return nil
}

// formErrors maps the service's field names to the form's: the form
// edits one language, whose title and body are plain "title" and "body".
func formErrors(l interface{ T(string, ...any) string }, err error, lang string) map[string]string {
	e, ok := apperr.As(err)
	if !ok {
		return nil
	}
	out := map[string]string{}
	for _, f := range e.Fields {
		field := f.Field
		switch field {
		case "versions." + lang + ".title":
			field = "title"
		case "versions." + lang + ".body":
			field = "body"
		}
		if strings.HasPrefix(field, "versions.") {
			field = "_"
		}
		if _, seen := out[field]; !seen {
			out[field] = l.T(f.Key, f.Args...)
		}
	}
	return out
}

func editLang(r *http.Request) string {
	if l := r.FormValue("lang"); IsLocale(l) {
		return l
	}
	return Fallback
}

func (h *handlers) editForm(w http.ResponseWriter, r *http.Request) error {
	a, err := h.article(r, "")
	if err != nil {
		return err
	}
	lang := editLang(r)
	v := a.Versions[lang]
	form := map[string]string{"slug": a.Slug, "category": a.Category, "audience": a.Audience, "title": v.Title, "body": v.Body}
	return h.Render.Page(w, r, "kb/edit", &web.View{Nav: "kb", Form: form, Data: h.editData(a, lang)})
}

func (h *handlers) editData(a *Article, lang string) editView {
	has := map[string]bool{}
	for l := range a.Versions {
		has[l] = true
	}
	return editView{A: a, Lang: lang, Locales: Locales, Has: has, Revision: a.Revision, Categories: Categories}
}

func (h *handlers) save(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	a, err := h.article(r, "")
	if err != nil {
		return err
	}
	lang := editLang(r)
	d := a.Draft()
	d.Slug, d.Category, d.Audience = r.PostFormValue("slug"), r.PostFormValue("category"), r.PostFormValue("audience")
	// An emptied title and body remove this language's version.
	d.Versions[lang] = Version{Title: r.PostFormValue("title"), Body: r.PostFormValue("body")}
	base, _ := strconv.Atoi(r.PostFormValue("revision"))
	_, err = h.svc.Update(r.Context(), auth.FromContext(r.Context()), a.ID, base, d)
	l := web.Localizer(r)
	switch apperr.CodeOf(err) {
	case apperr.Invalid:
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "kb/edit", &web.View{Nav: "kb", Form: web.FormValues(r),
			Errors: formErrors(l, err, lang), Data: h.editData(a, lang)})
	case apperr.Conflict:
		return h.Render.PageStatus(w, r, http.StatusConflict, "kb/edit", &web.View{Nav: "kb", Form: web.FormValues(r),
			Errors: map[string]string{"_": l.T("kb.error.stale")}, Data: h.editData(a, lang)})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("kb.saved", "language", LocaleNames[lang]))
	web.Redirect(w, r, "/kb/articles/"+strconv.FormatInt(a.ID, 10)+"?lang="+url.QueryEscape(lang))
	return nil
}

type revisionsView struct {
	A         *Article
	Title     string
	Revisions []Revision
}

func (h *handlers) revisions(w http.ResponseWriter, r *http.Request) error {
	a, err := h.article(r, "")
	if err != nil {
		return err
	}
	revs, err := Revisions(r.Context(), h.DB, a.ID)
	if err != nil {
		return err
	}
	v, _ := a.In(ReaderLocale(r, ""))
	return h.Render.Page(w, r, "kb/revisions", &web.View{Nav: "kb", Data: revisionsView{A: a, Title: v.Title, Revisions: revs}})
}

func (h *handlers) restore(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	a, err := h.article(r, "")
	if err != nil {
		return err
	}
	back := "/kb/articles/" + strconv.FormatInt(a.ID, 10) + "/revisions"
	l := web.Localizer(r)
	number, perr := strconv.Atoi(r.PostFormValue("revision"))
	if perr != nil || number <= 0 {
		web.SetFlash(w, l.T("kb.error.revision"))
		web.Redirect(w, r, back)
		return nil
	}
	if _, err := h.svc.Restore(r.Context(), auth.FromContext(r.Context()), a.ID, number); err != nil {
		if apperr.CodeOf(err) != apperr.NotFound {
			return err
		}
		web.SetFlash(w, l.T("kb.error.revision"))
		web.Redirect(w, r, back)
		return nil
	}
	web.SetFlash(w, l.T("kb.restored", "number", number))
	web.Redirect(w, r, back)
	return nil
}

func urlEscape(s string) string { return url.QueryEscape(s) }
