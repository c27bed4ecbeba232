package applications

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

// teamPages serves the brand team's application screens.
type teamPages struct {
	*web.Deps
	svc *Service
}

func registerTeamPages(rt *web.Router, d *web.Deps, svc *Service) {
	h := &teamPages{d, svc}
	rt.Page("GET", "/applications", web.Brand, auth.ApplicationsRead, h.list)
	rt.Page("POST", "/applications/decline", web.Brand, auth.ApplicationsReview, h.bulkDecline)
	rt.Page("GET", "/applications/review", web.Brand, auth.ApplicationsReview, h.queue)
	rt.Page("GET", "/applications/settings", web.Brand, auth.RecruitingConfigure, h.settings)
	rt.Page("POST", "/applications/settings", web.Brand, auth.RecruitingConfigure, h.saveSettings)
	rt.Page("GET", "/applications/{id}", web.Brand, auth.ApplicationsRead, h.show)
	rt.Page("POST", "/applications/{id}/review", web.Brand, auth.ApplicationsReview, h.review)
	rt.Page("POST", "/applications/{id}/approve", web.Brand, auth.ApplicationsReview, h.approve)
	rt.Page("POST", "/applications/{id}/decline", web.Brand, auth.ApplicationsReview, h.decline)
}

type listView struct {
	Query    ListQuery
	Page     Page
	NextURL  string
	Statuses []string
}

func (h *teamPages) list(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	lq, errs := ParseListQuery(r.URL.Query())
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	page, err := List(r.Context(), h.DB, p.BrandID, lq)
	if err != nil {
		return err
	}
	v := listView{Query: lq, Page: page, Statuses: Statuses}
	if page.NextCursor != "" {
		next := lq
		next.Cursor = page.NextCursor
		v.NextURL = "/applications?" + next.Values().Encode()
	}
	form := map[string]string{}
	for k, vals := range r.URL.Query() {
		form[k] = vals[0]
	}
	return h.Render.PageStatus(w, r, status, "applications/list", &web.View{Nav: "applications", Data: v, Form: form,
		Errors: web.FieldErrors(l, errs.Err())})
}

// detail is what the detail page and the queue show of one application.
type detail struct {
	App      *Application
	Config   Config
	Reviews  []Review
	Combined *float64
	Mine     map[string]int // the viewer's own scores, to prefill
	Comment  string
	Creator  *creator.Creator
	Prev     int64 // queue neighbours (queue only)
	Next     int64
	Back     string // where forms return to
}

func (h *teamPages) loadDetail(r *http.Request, id int64) (*detail, error) {
	p := auth.FromContext(r.Context())
	ctx := r.Context()
	a, err := Get(ctx, h.DB, p.BrandID, id)
	if err != nil {
		return nil, err
	}
	d := &detail{App: a, Mine: map[string]int{}, Back: "/applications/" + strconv.FormatInt(id, 10)}
	if d.Config, err = LoadConfig(ctx, h.DB, p.BrandID); err != nil {
		return nil, err
	}
	if d.Reviews, err = Reviews(ctx, h.DB, p.BrandID, id); err != nil {
		return nil, err
	}
	d.Combined = Combined(d.Config.Rubric, d.Reviews)
	for _, rv := range d.Reviews {
		if rv.UserID == p.UserID() {
			d.Mine, d.Comment = rv.Scores, rv.Comment
		}
	}
	if a.CreatorID != nil {
		d.Creator, _ = h.svc.Creators.Store.Get(ctx, h.DB, p.BrandID, *a.CreatorID)
	}
	return d, nil
}

func (h *teamPages) show(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	d, err := h.loadDetail(r, id)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "applications/show", &web.View{Nav: "applications", Data: d})
}

// review saves the viewer's scores (score.<criterion> = 1..5) and comment.
func (h *teamPages) review(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	cfg, err := LoadConfig(r.Context(), h.DB, p.BrandID)
	if err != nil {
		return err
	}
	scores := map[string]int{}
	for _, c := range cfg.Rubric {
		if s := r.PostFormValue("score." + c.Key); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				n = -1 // reported as out of range
			}
			scores[c.Key] = n
		}
	}
	err = h.svc.SaveReview(r.Context(), p, id, scores, r.PostFormValue("comment"))
	back := web.SafeNext(r.PostFormValue("back"), "/applications/"+strconv.FormatInt(id, 10))
	if apperr.CodeOf(err) == apperr.Invalid {
		for _, m := range web.FieldErrors(l, err) {
			web.SetFlash(w, m)
			break
		}
		web.Redirect(w, r, back)
		return nil
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("applications.review.saved"))
	web.Redirect(w, r, back)
	return nil
}

func (h *teamPages) approve(w http.ResponseWriter, r *http.Request) error {
	return h.decide(w, r, StatusApproved)
}

func (h *teamPages) decline(w http.ResponseWriter, r *http.Request) error {
	return h.decide(w, r, StatusDeclined)
}

// decide approves or declines, then goes where the form says: the queue
// passes its next application so the reviewer moves on.
func (h *teamPages) decide(w http.ResponseWriter, r *http.Request, status string) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	reason := r.PostFormValue("reason")
	if reason == "" && status == StatusDeclined {
		reason = l.T("applications.decline.default_reason")
	}
	if reason == "" && status == StatusApproved {
		// The queue's "a" key sends no reason; the stage history still
		// says why the creator moved.
		reason = l.T("applications.approve.default_reason")
	}
	a, err := h.svc.Decide(r.Context(), p, id, status, reason)
	back := web.SafeNext(r.PostFormValue("back"), "/applications/"+strconv.FormatInt(id, 10))
	if apperr.CodeOf(err) == apperr.Conflict {
		web.SetFlash(w, l.T("applications.decided_already"))
		web.Redirect(w, r, back)
		return nil
	}
	if err != nil {
		return err
	}
	flash := l.T("applications.approved_flash", "name", a.Name)
	if status == StatusDeclined {
		flash = l.T("applications.declined_flash", "name", a.Name)
	}
	web.SetFlash(w, flash)
	web.Redirect(w, r, back)
	return nil
}

func (h *teamPages) bulkDecline(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	ids := web.IDs(r.PostForm["ids"])
	reason := r.PostFormValue("reason")
	if reason == "" {
		reason = l.T("applications.decline.default_reason")
	}
	n, err := h.svc.DeclineMany(r.Context(), auth.FromContext(r.Context()), ids, reason)
	return web.AfterBulk(w, r, err, "/applications", l.N("applications.bulk_declined", int64(n)))
}
