package creator

import (
	"embed"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"strings"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/stages"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("creator", templateFiles, template.FuncMap{"platformLabel": PlatformLabel, "sortKey": sortKey})
}

// Register adds the creator pages and API.
func Register(rt *web.Router, d *web.Deps) {
	svc := NewService(d.DB, d.Clock)
	h := &pages{d, svc}
	rt.Page("GET", "/creators", web.Brand, auth.CreatorsRead, h.list)
	rt.Page("GET", "/creators/new", web.Brand, auth.CreatorsWrite, h.newForm)
	rt.Page("POST", "/creators", web.Brand, auth.CreatorsWrite, h.create)
	rt.Page("POST", "/creators/bulk", web.Brand, auth.CreatorsWrite, h.bulk)
	rt.Page("GET", "/creators/{id}", web.Brand, auth.CreatorsRead, h.show)
	rt.Page("GET", "/creators/{id}/edit", web.Brand, auth.CreatorsWrite, h.editForm)
	rt.Page("POST", "/creators/{id}", web.Brand, auth.CreatorsWrite, h.update)
	rt.Page("GET", "/creators/{id}/delete", web.Brand, auth.CreatorsDelete, h.deleteForm)
	rt.Page("POST", "/creators/{id}/delete", web.Brand, auth.CreatorsDelete, h.delete)
	rt.Page("GET", "/saved-filters", web.Brand, auth.CreatorsRead, h.savedFilters)
	rt.Page("POST", "/saved-filters", web.Brand, auth.CreatorsWrite, h.saveFilter)
	rt.Page("POST", "/saved-filters/{id}", web.Brand, auth.CreatorsWrite, h.renameFilter)
	rt.Page("POST", "/saved-filters/{id}/delete", web.Brand, auth.CreatorsWrite, h.deleteFilter)
	registerAPI(rt, d, svc)
	registerFilterAPI(rt, d, svc)
}

type pages struct {
	*web.Deps
	svc *Service
}

type listView struct {
	Query     ListQuery
	Page      Page
	Total     int64
	NextURL   string
	FirstURL  string
	Stages    []stages.Stage
	StageName map[string]string // key → name in the viewer's language
	Platforms []string
	Tags      []string
	Countries []string
	Sorts     []string
	Filters   []SavedFilter // the brand's saved filters
	// ActiveFilter is the saved filter the list shows now (0 for none);
	// SaveQuery is the list's filters as a saved filter would keep them,
	// "" when there is nothing (new) to save.
	ActiveFilter int64
	SaveQuery    string
}

func (h *pages) list(w http.ResponseWriter, r *http.Request) error {
	return h.renderList(w, r, http.StatusOK, r.URL.Query(), nil, nil)
}

// renderList shows the list for query; form and formErrs are the save
// form's values and problems when saving the filters failed.
func (h *pages) renderList(w http.ResponseWriter, r *http.Request, status int, query url.Values, form, formErrs map[string]string) error {
	p := auth.FromContext(r.Context())
	ctx := r.Context()
	lq, errs := ParseListQuery(query)
	l := web.Localizer(r)
	if len(errs) > 0 {
		// Show the page with the filter problems next to their fields,
		// listing with the valid part of the query.
		status = http.StatusUnprocessableEntity
		lq = ListQuery{}
	}
	page, err := h.svc.Store.List(ctx, h.DB, p.BrandID, lq)
	if err != nil {
		return err
	}
	v := listView{Query: lq, Page: page, Platforms: Platforms, Sorts: SortOptions}
	if v.Stages, v.StageName, err = brandStages(r, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Total, err = h.svc.Store.Count(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Tags, err = h.svc.Store.Tags(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Countries, err = h.svc.Store.Countries(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Filters, err = SavedFilters(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if len(errs) == 0 {
		v.SaveQuery = lq.filterQuery()
		for _, f := range v.Filters {
			if f.Query == v.SaveQuery {
				v.ActiveFilter, v.SaveQuery = f.ID, ""
				break
			}
		}
	}
	if page.NextCursor != "" {
		next := lq
		next.Cursor = page.NextCursor
		v.NextURL = "/creators?" + next.Values().Encode()
	}
	if lq.Cursor != "" {
		first := lq
		first.Cursor = ""
		v.FirstURL = "/creators?" + first.Values().Encode()
	}
	values := map[string]string{}
	for k, vals := range query {
		values[k] = vals[0]
	}
	maps.Copy(values, form)
	fieldErrs := web.FieldErrors(l, errs.Err())
	if fieldErrs == nil {
		fieldErrs = map[string]string{}
	}
	maps.Copy(fieldErrs, formErrs)
	return h.Render.PageStatus(w, r, status, "creator/list", &web.View{Nav: "creators", Data: v, Form: values, Errors: fieldErrs})
}

func (h *pages) load(r *http.Request) (*Creator, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.svc.Store.Get(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

type showView struct {
	Creator   *Creator
	Owner     string
	History   []stages.Event
	StageName map[string]string
}

func (h *pages) show(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	v := showView{Creator: c}
	if _, v.StageName, err = brandStages(r, h.DB, c.BrandID); err != nil {
		return err
	}
	if v.History, err = stages.History(r.Context(), h.DB, c.BrandID, c.ID, 50); err != nil {
		return err
	}
	if c.OwnerUserID != nil {
		if u, err := auth.UserByID(r.Context(), h.DB, *c.OwnerUserID); err == nil {
			v.Owner = u.Name
			if v.Owner == "" {
				v.Owner = u.Email
			}
		}
	}
	return h.Render.Page(w, r, "creator/show", &web.View{Nav: "creators", Data: v})
}

func (h *pages) deleteForm(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "creator/delete", &web.View{Nav: "creators", Data: c})
}

func (h *pages) delete(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	if err := h.svc.Delete(r.Context(), auth.FromContext(r.Context()), c.ID); err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("creators.deleted", "name", c.DisplayName))
	web.Redirect(w, r, "/creators")
	return nil
}

// bulk applies a tag or stage change to the ticked creators and returns
// to the list as it was.
func (h *pages) bulk(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	ids := web.IDs(r.PostForm["ids"])
	action := r.PostFormValue("action")
	value := r.PostFormValue("tag")
	if action == BulkSetStage {
		value = r.PostFormValue("stage")
	}
	n, err := h.svc.Bulk(r.Context(), auth.FromContext(r.Context()), action, ids, value)
	return web.AfterBulk(w, r, err, "/creators", l.N("creators.bulk_done", int64(n)))
}

func (h *pages) members(r *http.Request) ([]brand.Member, error) {
	return brand.Members(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
}

// sortKey names a sort option's catalogue key: "-followers" → "sort.followers_desc".
func sortKey(s string) string {
	if strings.HasPrefix(s, "-") {
		return "sort." + s[1:] + "_desc"
	}
	return "sort." + s
}

// brandStages returns the brand's stages and their names in the viewer's
// language.
func brandStages(r *http.Request, q db.Querier, brandID int64) ([]stages.Stage, map[string]string, error) {
	list, err := stages.List(r.Context(), q, brandID)
	if err != nil {
		return nil, nil, err
	}
	return list, stages.Names(web.Localizer(r), list), nil
}
