package inbox

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/portal"
	"github.com/rosterhq/roster/internal/web"
)

// The creator's side of the inbox, in the portal. Routes are public to
// the staff router and check the portal session themselves; their ids
// are named {thread}, so access is the creator's own, tested in
// internal/app/inbox_portal_test.go rather than by the staff tenant walk.
type portalPages struct {
	*web.Deps
	svc *Service
}

func registerPortal(rt *web.Router, d *web.Deps, svc *Service) {
	h := &portalPages{d, svc}
	rt.Page("GET", "/portal/messages", web.Public, "", h.signedIn(h.list))
	rt.Page("GET", "/portal/messages/new", web.Public, "", h.signedIn(h.newForm))
	rt.Page("POST", "/portal/messages", web.Public, "", h.signedIn(h.start))
	rt.Page("GET", "/portal/messages/{thread}", web.Public, "", h.signedIn(h.show))
	rt.Page("POST", "/portal/messages/{thread}/reply", web.Public, "", h.signedIn(h.reply))
}

// signedIn sends a creator without a portal session to the portal's
// sign-in, keeping where they wanted to go.
func (h *portalPages) signedIn(next func(w http.ResponseWriter, r *http.Request, me *portal.Identity) error) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, err := portal.Current(r, h.Deps)
		if err != nil {
			return err
		}
		if me == nil {
			to := "/portal"
			if r.Method == http.MethodGet {
				to += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			web.Redirect(w, r, to)
			return nil
		}
		return next(w, r, me)
	}
}

func portalLocalizer(r *http.Request, me *portal.Identity) *i18n.Localizer {
	if i18n.IsSupported(me.Locale) {
		return i18n.For(me.Locale)
	}
	return web.Localizer(r)
}

// ForEmail returns the threads of every brand's creator record with this
// email, newest activity first: what the portal lists.
func ForEmail(ctx context.Context, q db.Querier, email string, limit int) ([]Thread, error) {
	rows, err := q.QueryContext(ctx, selectThread+`WHERE c.email = ? ORDER BY t.last_message_at DESC, t.id DESC LIMIT ?`, 0, email, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Thread
	for rows.Next() {
		t, err := scanThread(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// GetForEmail returns one thread of the person with this email; anybody
// else's is NotFound.
func GetForEmail(ctx context.Context, q db.Querier, email string, id int64) (*Thread, error) {
	if email == "" {
		return nil, errNotFound
	}
	return scanThread(q.QueryRowContext(ctx, selectThread+`WHERE c.email = ? AND t.id = ?`, 0, email, id))
}

// brandRecord is a creator record of the person in one brand.
type brandRecord struct {
	CreatorID int64
	BrandID   int64
	BrandName string
}

func recordsFor(ctx context.Context, q db.Querier, email string) ([]brandRecord, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.brand_id, b.name FROM creators c JOIN brands b ON b.id = c.brand_id
		WHERE c.email = ? ORDER BY b.name, c.id`, email)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []brandRecord
	for rows.Next() {
		var b brandRecord
		if err := rows.Scan(&b.CreatorID, &b.BrandID, &b.BrandName); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func (h *portalPages) list(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	threads, err := ForEmail(r.Context(), h.DB, me.Email, 200)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "inbox/portal_list", &web.View{L: portalLocalizer(r, me), Data: map[string]any{"Me": me, "Threads": threads}})
}

type portalNewView struct {
	Me        *portal.Identity
	Brands    []brandRecord
	Campaigns []campaignChoice
}

// campaignChoice is a campaign the creator takes part in (invited,
// accepted, declined: anyone who had an offer may ask about it).
type campaignChoice struct {
	ID        int64
	BrandID   int64
	Name      string
	BrandName string
}

func campaignsFor(ctx context.Context, q db.Querier, email string) ([]campaignChoice, error) {
	rows, err := q.QueryContext(ctx, `SELECT cp.id, cp.brand_id, cp.name, b.name FROM campaign_participants p
		JOIN creators c ON c.id = p.creator_id JOIN campaigns cp ON cp.id = p.campaign_id JOIN brands b ON b.id = cp.brand_id
		WHERE c.email = ? AND cp.status <> 'archived' ORDER BY b.name, cp.name, cp.id`, email)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []campaignChoice
	for rows.Next() {
		var c campaignChoice
		if err := rows.Scan(&c.ID, &c.BrandID, &c.Name, &c.BrandName); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (h *portalPages) newForm(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	q := r.URL.Query()
	return h.renderNew(w, r, me, http.StatusOK, map[string]string{"brand": q.Get("brand"), "campaign": q.Get("campaign")}, nil)
}

func (h *portalPages) renderNew(w http.ResponseWriter, r *http.Request, me *portal.Identity, status int, form, errs map[string]string) error {
	ctx := r.Context()
	records, err := recordsFor(ctx, h.DB, me.Email)
	if err != nil {
		return err
	}
	v := portalNewView{Me: me, Brands: records}
	if v.Campaigns, err = campaignsFor(ctx, h.DB, me.Email); err != nil {
		return err
	}
	return h.Render.PageStatus(w, r, status, "inbox/portal_new", &web.View{L: portalLocalizer(r, me), Data: v, Form: form, Errors: errs})
}

func pickRecord(records []brandRecord, brandID string) (brandRecord, bool) {
	id, _ := strconv.ParseInt(brandID, 10, 64)
	for _, rec := range records {
		if rec.BrandID == id || (id == 0 && len(records) == 1) {
			return rec, true
		}
	}
	return brandRecord{}, false
}

func (h *portalPages) start(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	ctx := r.Context()
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := portalLocalizer(r, me)
	form := web.FormValues(r)
	records, err := recordsFor(ctx, h.DB, me.Email)
	if err != nil {
		return err
	}
	// A thread about a campaign goes to that campaign's brand; it must be
	// one the creator takes part in.
	var campaign *campaignChoice
	if raw := form["campaign"]; raw != "" {
		choices, err := campaignsFor(ctx, h.DB, me.Email)
		if err != nil {
			return err
		}
		for i := range choices {
			if strconv.FormatInt(choices[i].ID, 10) == raw {
				campaign = &choices[i]
			}
		}
		if campaign == nil {
			return h.renderNew(w, r, me, http.StatusUnprocessableEntity, form, map[string]string{"campaign": l.T("inbox.portal.choose_campaign")})
		}
		form["brand"] = strconv.FormatInt(campaign.BrandID, 10)
	}
	rec, ok := pickRecord(records, form["brand"])
	if !ok {
		return h.renderNew(w, r, me, http.StatusUnprocessableEntity, form, map[string]string{"brand": l.T("inbox.portal.choose_brand")})
	}
	in := NewThread{CreatorID: rec.CreatorID, Subject: form["subject"], Body: form["body"]}
	if campaign != nil {
		in.CampaignID = &campaign.ID
	}
	t, err := h.svc.Start(ctx, rec.BrandID, h.author(ctx, me, rec), in)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderNew(w, r, me, http.StatusUnprocessableEntity, form, web.FieldErrors(l, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("inbox.portal.sent", "brand", rec.BrandName))
	web.Redirect(w, r, "/portal/messages/"+itoa(t.ID))
	return nil
}

// author is the signed-in creator writing to one brand, named as that
// brand knows them.
func (h *portalPages) author(ctx context.Context, me *portal.Identity, rec brandRecord) Author {
	name := me.Name
	var known string
	if err := h.DB.QueryRowContext(ctx, `SELECT display_name FROM creators WHERE id = ?`, rec.CreatorID).Scan(&known); err == nil && known != "" {
		name = known
	}
	return CreatorAuthor(me.Email, name, rec.BrandID, ChannelPortal)
}

func (h *portalPages) own(r *http.Request, me *portal.Identity) (*Thread, error) {
	id, err := strconv.ParseInt(r.PathValue("thread"), 10, 64)
	if err != nil || id <= 0 {
		return nil, errNotFound
	}
	return GetForEmail(r.Context(), h.DB, me.Email, id)
}

func (h *portalPages) show(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	return h.renderThread(w, r, me, http.StatusOK, "", nil)
}

func (h *portalPages) renderThread(w http.ResponseWriter, r *http.Request, me *portal.Identity, status int, draft string, errs map[string]string) error {
	t, err := h.own(r, me)
	if err != nil {
		return err
	}
	msgs, err := Messages(r.Context(), h.DB, t.BrandID, t.ID, 0, maxShownMessages)
	if err != nil {
		return err
	}
	return h.Render.PageStatus(w, r, status, "inbox/portal_thread", &web.View{L: portalLocalizer(r, me), Errors: errs,
		Data: map[string]any{"Me": me, "T": t, "Messages": msgs, "Draft": draft}})
}

func (h *portalPages) reply(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	t, err := h.own(r, me)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := portalLocalizer(r, me)
	body := r.PostFormValue("body")
	a := h.author(r.Context(), me, brandRecord{CreatorID: t.CreatorID, BrandID: t.BrandID})
	_, err = h.svc.Post(r.Context(), t.BrandID, t.ID, a, body)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderThread(w, r, me, http.StatusUnprocessableEntity, body, web.FieldErrors(l, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("inbox.portal.sent", "brand", t.BrandName))
	web.Redirect(w, r, "/portal/messages/"+itoa(t.ID))
	return nil
}
