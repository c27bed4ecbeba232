package invite

import (
	"context"
	"embed"
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are the staff pages of invitations.
func Templates() web.TemplateSet {
	return web.Templates("invite", templateFiles, nil)
}

type pages struct {
	*web.Deps
	svc *Service
}

// Register adds the staff pages and the API.
func Register(rt *web.Router, d *web.Deps) {
	h := &pages{d, NewService(d, creator.NewService(d.DB, d.Clock))}
	rt.Page("GET", "/invitations", web.Brand, auth.CreatorsRead, h.list)
	rt.Page("GET", "/invitations/new", web.Brand, auth.InvitationsSend, h.newForm)
	rt.Page("POST", "/invitations", web.Brand, auth.InvitationsSend, h.send)
	rt.Page("POST", "/invitations/{id}/stop", web.Brand, auth.InvitationsSend, h.stop)
	rt.Page("POST", "/invitations/{id}/replied", web.Brand, auth.InvitationsSend, h.replied)
	rt.Page("POST", "/invitations/settings", web.Brand, auth.RecruitingConfigure, h.settings)
	rt.Page("GET", "/invitation-templates", web.Brand, auth.RecruitingConfigure, h.templates)
	rt.Page("GET", "/invitation-templates/new", web.Brand, auth.RecruitingConfigure, h.templateForm)
	rt.Page("POST", "/invitation-templates", web.Brand, auth.RecruitingConfigure, h.saveTemplate)
	rt.Page("GET", "/invitation-templates/{id}", web.Brand, auth.RecruitingConfigure, h.templateForm)
	rt.Page("POST", "/invitation-templates/{id}", web.Brand, auth.RecruitingConfigure, h.saveTemplate)
	registerAPI(rt, h)
}

type listView struct {
	Status   string
	Statuses []string
	Items    []Invitation
	Older    string
	Queued   []Invitation
	Booked   []DayBooking
	Limit    int
}

func (h *pages) list(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	status := r.URL.Query().Get("status")
	if !validStatus(status) {
		status = ""
	}
	page := web.PageBefore(r, 50)
	items, err := List(ctx, h.DB, p.BrandID, status, page.Before, page.Fetch())
	if err != nil {
		return err
	}
	v := listView{Status: status, Statuses: Statuses}
	var older int64
	v.Items, older = web.Trim(page, items, func(i Invitation) int64 { return i.ID })
	if older != 0 {
		v.Older = "/invitations?status=" + status + "&before=" + strconv.FormatInt(older, 10)
	}
	if v.Queued, err = Queued(ctx, h.DB, p.BrandID, 50); err != nil {
		return err
	}
	if v.Booked, err = Booked(ctx, h.DB, p.BrandID, h.Clock()); err != nil {
		return err
	}
	if v.Limit, err = DailyLimit(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	return h.Render.Page(w, r, "invite/list", &web.View{Nav: "invitations", Data: v})
}

func validStatus(s string) bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

type newView struct {
	Creators  []creator.Creator
	Capped    bool // more creators were selected than one form sends to
	Max       int
	Filters   []creator.SavedFilter // the brand's, to pick from
	Filter    *creator.SavedFilter  // the one the creators come from
	FilterID  int64
	Templates []Template
}

// newForm shows the creators to invite and the template picker. They
// come ticked from the creator list (ids), as every creator matching the
// list's filters (all=1 and the list's query), or as the creators an
// import created or updated (import=ID).
func (h *pages) newForm(w http.ResponseWriter, r *http.Request) error {
	sel, err := h.selection(r)
	if err != nil {
		return err
	}
	return h.renderNew(w, r, http.StatusOK, sel, nil, nil)
}

func (h *pages) renderNew(w http.ResponseWriter, r *http.Request, status int, sel creator.Selection, form map[string]string, errs map[string]string) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	v := newView{Capped: sel.Capped, Max: MaxSelection, Filter: sel.Filter}
	if v.Filter != nil {
		v.FilterID = v.Filter.ID
	}
	var err error
	if v.Creators, err = h.svc.creators.Store.GetMany(ctx, h.DB, p.BrandID, sel.IDs); err != nil {
		return err
	}
	if v.Templates, err = ListTemplates(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Filters, err = creator.SavedFilters(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	return h.Render.PageStatus(w, r, status, "invite/new", &web.View{Nav: "invitations", Data: v, Form: form, Errors: errs})
}

func (h *pages) send(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	ids := idsOf(r.PostForm["ids"])
	tplID, _ := strconv.ParseInt(r.PostFormValue("template_id"), 10, 64)
	res, err := h.svc.Send(r.Context(), auth.FromContext(r.Context()), tplID, ids)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderNew(w, r, http.StatusUnprocessableEntity, creator.Selection{IDs: ids}, web.FormValues(r), web.FieldErrors(l, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("invite.sent_summary", "sent", int64(res.SentNow), "scheduled", int64(res.Scheduled), "skipped", int64(len(res.Skipped))))
	web.Redirect(w, r, "/invitations")
	return nil
}

func (h *pages) stop(w http.ResponseWriter, r *http.Request) error {
	return h.act(w, r, h.svc.Stop, "invite.stopped")
}

func (h *pages) replied(w http.ResponseWriter, r *http.Request) error {
	return h.act(w, r, h.svc.MarkReplied, "invite.marked_replied")
}

func (h *pages) act(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, p *auth.Principal, id int64) error, done string) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	err = do(r.Context(), auth.FromContext(r.Context()), id)
	switch {
	case apperr.CodeOf(err) == apperr.Conflict:
		web.SetFlash(w, l.T("invite.already_closed"))
	case err != nil:
		return err
	default:
		web.SetFlash(w, l.T(done))
	}
	web.Redirect(w, r, "/invitations")
	return nil
}

func (h *pages) settings(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	n, _ := strconv.Atoi(r.PostFormValue("daily_limit"))
	err := h.svc.SetDailyLimit(r.Context(), auth.FromContext(r.Context()), n)
	if apperr.CodeOf(err) == apperr.Invalid {
		web.SetFlash(w, web.FieldErrors(l, err)["daily_limit"])
		web.Redirect(w, r, "/invitation-templates")
		return nil
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("invite.limit_saved"))
	web.Redirect(w, r, "/invitation-templates")
	return nil
}

func (h *pages) brandOf(r *http.Request) (*brand.Brand, error) {
	return brand.ByID(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
}

func idsOf(raw []string) []int64 { return web.IDs(raw) }
