package talentspider

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"sort"

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
	// The country menu lists the countries of the platform's suggestions,
	// so the country filter is applied here rather than in the engine.
	res, err := h.svc.Engine.Suggest(r.Context(), p.BrandID, Filter{Platform: f.Platform})
	if err != nil {
		return err
	}
	v := listView{Seed: int64(res.Seed), Platforms: creator.Platforms, Back: r.URL.RequestURI()}
	seen := map[string]bool{}
	for _, s := range res.Suggestions {
		if s.Country != "" && !seen[s.Country] {
			seen[s.Country] = true
			v.Countries = append(v.Countries, s.Country)
		}
		if f.Country == "" || s.Country == f.Country {
			v.Total++
			if len(v.Items) < PageSize {
				v.Items = append(v.Items, s)
			}
		}
	}
	sort.Strings(v.Countries)
	v.Shown = int64(len(v.Items))
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
