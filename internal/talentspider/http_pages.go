package talentspider

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// PageSize is how many suggestions the page shows.
const PageSize = 50

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("talentspider", templateFiles, template.FuncMap{"platformLabel": creator.PlatformLabel})
}

// Register adds the suggestions page, its two actions and the API.
func Register(rt *web.Router, d *web.Deps) {
	h := &pages{d, NewService(d.DB, d.Clock)}
	rt.Page("GET", "/suggestions", web.Brand, auth.CreatorsRead, h.list)
	rt.Page("POST", "/suggestions/{id}/dismiss", web.Brand, auth.CreatorsWrite, h.dismiss)
	rt.Page("POST", "/suggestions/{id}/add", web.Brand, auth.CreatorsWrite, h.add)
	registerAPI(rt, d, h.svc)
}

type pages struct {
	*web.Deps
	svc *Service
}

type listView struct {
	Items     []Suggestion
	Shown     int64
	Total     int64
	Seed      int64
	Platforms []string
	Countries []string
	Back      string
}

func (h *pages) list(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	q := r.URL.Query()
	f := Filter{Platform: q.Get("platform"), Country: q.Get("country")}
	res, err := h.svc.Engine.Page(r.Context(), p.BrandID, Query{Filter: f, Limit: PageSize})
	if err != nil {
		return err
	}
	v := listView{Items: res.Suggestions, Shown: int64(len(res.Suggestions)), Total: int64(res.Total), Seed: int64(res.Seed),
		Platforms: creator.Platforms, Countries: res.Countries, Back: r.URL.RequestURI()}
	v.Items = Explained(web.Localizer(r), v.Items)
	return h.Render.Page(w, r, "talentspider/list", &web.View{Nav: "suggestions", Data: v,
		Form: map[string]string{"platform": f.Platform, "country": f.Country}})
}

// back is where an action returns: the list as it was, filters kept.
func back(r *http.Request) string {
	to := web.SafeNext(r.PostFormValue("back"), "/suggestions")
	if u, err := url.Parse(to); err != nil || u.Path != "/suggestions" {
		return "/suggestions"
	}
	return to
}

func (h *pages) dismiss(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	s, err := h.svc.Dismiss(r.Context(), auth.FromContext(r.Context()), r.PathValue("id"), r.PostFormValue("reason"))
	if e, ok := apperr.As(err); ok && e.Code == apperr.Invalid {
		for _, m := range web.FieldErrors(l, err) {
			web.SetFlash(w, m)
		}
		web.Redirect(w, r, back(r))
		return nil
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("talentspider.dismissed", "handle", s.Handle))
	web.Redirect(w, r, back(r))
	return nil
}

func (h *pages) add(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	c, err := h.svc.Add(r.Context(), auth.FromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("talentspider.added", "handle", c.SocialAccounts[0].Handle))
	web.Redirect(w, r, back(r))
	return nil
}
