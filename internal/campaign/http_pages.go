package campaign

import (
	"embed"
	"html/template"
	"net/http"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/markdown"
	"github.com/rosterhq/roster/internal/money"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are the campaign pages.
func Templates() web.TemplateSet {
	return web.Templates("campaign", templateFiles, template.FuncMap{
		"money":     money.Text,
		"percent":   func(l *i18n.Localizer, bp int) string { return l.Decimal(float64(bp)/100, 2) + " %" },
		"forward":   IsForward,
		"derefInt":  func(p *int) int { return *p },
		"brief":     markdown.Render,
		"statusKey": func(s string) string { return "campaign.status." + s },
	})
}

type pages struct {
	*web.Deps
	svc *Service
}

// Register adds the campaign pages and API.
func Register(rt *web.Router, d *web.Deps) {
	h := &pages{d, NewService(d.DB, d.Clock)}
	rt.Page("GET", "/campaigns", web.Brand, auth.CampaignsRead, h.list)
	rt.Page("GET", "/campaigns/new", web.Brand, auth.CampaignsWrite, h.newForm)
	rt.Page("POST", "/campaigns", web.Brand, auth.CampaignsWrite, h.create)
	rt.Page("GET", "/campaigns/{id}", web.Brand, auth.CampaignsRead, h.show)
	rt.Page("GET", "/campaigns/{id}/edit", web.Brand, auth.CampaignsWrite, h.editForm)
	rt.Page("POST", "/campaigns/{id}", web.Brand, auth.CampaignsWrite, h.update)
	rt.Page("POST", "/campaigns/{id}/status", web.Brand, auth.CampaignsWrite, h.transition)
	rt.Page("POST", "/campaigns/{id}/delete", web.Brand, auth.CampaignsWrite, h.delete)
	rt.Page("GET", "/campaigns/{id}/deliverables/new", web.Brand, auth.CampaignsWrite, h.deliverableForm)
	rt.Page("POST", "/campaigns/{id}/deliverables", web.Brand, auth.CampaignsWrite, h.saveDeliverable)
	// A deliverable is addressed by its own id (one id per path, like
	// every route here); its campaign is found from it.
	rt.Page("GET", "/campaign-deliverables/{id}", web.Brand, auth.CampaignsWrite, h.deliverableForm)
	rt.Page("POST", "/campaign-deliverables/{id}", web.Brand, auth.CampaignsWrite, h.saveDeliverable)
	rt.Page("POST", "/campaign-deliverables/{id}/delete", web.Brand, auth.CampaignsWrite, h.removeDeliverable)
	rt.Page("GET", "/campaigns/{id}/kpis", web.Brand, auth.CampaignsWrite, h.kpisForm)
	rt.Page("POST", "/campaigns/{id}/kpis", web.Brand, auth.CampaignsWrite, h.saveKPIs)
	rt.Page("GET", "/campaigns/{id}/terms", web.Brand, auth.CampaignsWrite, h.termsForm)
	rt.Page("POST", "/campaigns/{id}/terms", web.Brand, auth.CampaignsWrite, h.publishTerms)
	registerTemplatePages(rt, h)
	registerAPI(rt, d, h)
}

type listView struct {
	Query    ListQuery
	Page     *Page
	Counts   map[string]int
	All      int
	Statuses []string
	Members  []brand.Member
	NextURL  string
	FirstURL string
}

func (h *pages) list(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	lq, errs := ParseListQuery(r.URL.Query())
	status := http.StatusOK
	if len(errs) > 0 {
		status, lq = http.StatusUnprocessableEntity, ListQuery{}
	}
	lq.Limit = 50
	page, err := List(ctx, h.DB, p.BrandID, lq)
	if err != nil {
		return err
	}
	v := listView{Query: lq, Page: page, Statuses: Statuses}
	if v.Counts, err = StatusCounts(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	for _, n := range v.Counts {
		v.All += n
	}
	if v.Members, err = brand.Members(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if page.NextCursor != "" {
		next := lq
		next.Cursor = page.NextCursor
		v.NextURL = "/campaigns?" + next.Values().Encode()
	}
	if lq.Cursor != "" {
		first := lq
		first.Cursor = ""
		v.FirstURL = "/campaigns?" + first.Values().Encode()
	}
	form := map[string]string{"q": lq.Q}
	if lq.Owner != nil {
		form["owner"] = itoa(*lq.Owner)
	}
	return h.Render.PageStatus(w, r, status, "campaign/list", &web.View{Nav: "campaigns", Data: v, Form: form,
		Errors: web.FieldErrors(web.Localizer(r), errs.Err())})
}

// load returns the campaign named by the path's {id} in the viewer's brand.
func (h *pages) load(r *http.Request) (*Campaign, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return Get(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

type showView struct {
	C            *Campaign
	Deliverables []Deliverable
	KPIs         []KPITarget
	Terms        *Terms
	History      []Terms
	Plan         *BudgetWarning
	Next         []string
}

func (h *pages) show(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	return h.renderShow(w, r, http.StatusOK, c, nil)
}

// renderShow shows a campaign; errs are a refused status move's reasons.
func (h *pages) renderShow(w http.ResponseWriter, r *http.Request, status int, c *Campaign, errs map[string]string) error {
	ctx := r.Context()
	v := showView{C: c, Next: NextStatuses(c.Status)}
	var err error
	if v.Deliverables, err = Deliverables(ctx, h.DB, c.BrandID, c.ID); err != nil {
		return err
	}
	if v.KPIs, err = KPIs(ctx, h.DB, c.BrandID, c.ID); err != nil {
		return err
	}
	if v.History, err = TermsHistory(ctx, h.DB, c.BrandID, c.ID); err != nil {
		return err
	}
	if len(v.History) > 0 {
		v.Terms = &v.History[0]
	}
	if v.Plan, err = PlannedCheck(ctx, h.DB, c); err != nil {
		return err
	}
	return h.Render.PageStatus(w, r, status, "campaign/show", &web.View{Nav: "campaigns", Data: v, Errors: errs})
}
