package participant

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/money"
	"github.com/rosterhq/roster/internal/portal"
	"github.com/rosterhq/roster/internal/web"
)

// The creator portal's campaign pages. Their id is {participant}: access
// is the signed-in creator's own (by their email), tested in
// internal/app/participants_portal_test.go, not by the staff tenant walk.
func registerPortal(rt *web.Router, h *handlers) {
	rt.Page("GET", "/portal/campaigns/{participant}", web.Public, "", h.creatorOnly(h.portalOffer))
	rt.Page("POST", "/portal/campaigns/{participant}/accept", web.Public, "", h.creatorOnly(h.portalAccept))
	rt.Page("POST", "/portal/campaigns/{participant}/decline", web.Public, "", h.creatorOnly(h.portalDecline))
	rt.Page("POST", "/portal/campaigns/{participant}/counter", web.Public, "", h.creatorOnly(h.portalCounter))
}

// The portal home lists the creator's campaign offers through its hook.
func init() { portal.CampaignsFor = portalItems }

// creatorOnly runs next for a signed-in portal creator; anyone else goes
// to the portal's sign-in, which brings them back here.
func (h *handlers) creatorOnly(next func(w http.ResponseWriter, r *http.Request, me *portal.Identity) error) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, err := portal.Current(r, h.Deps)
		if err != nil {
			return err
		}
		if me == nil {
			to := "/portal"
			if r.Method == http.MethodGet {
				to += "?next=" + r.URL.EscapedPath()
			}
			web.Redirect(w, r, to)
			return nil
		}
		return next(w, r, me)
	}
}

// creatorLocalizer speaks the creator's portal language, else the
// browser's.
func creatorLocalizer(r *http.Request, me *portal.Identity) *i18n.Localizer {
	if i18n.IsSupported(me.Locale) {
		return i18n.For(me.Locale)
	}
	return web.Localizer(r)
}

// own loads one of the creator's participations; anyone else's is
// NotFound.
func (h *handlers) own(r *http.Request, me *portal.Identity) (*Participant, error) {
	id, err := strconv.ParseInt(r.PathValue("participant"), 10, 64)
	if err != nil || id <= 0 {
		return nil, apperr.New(apperr.NotFound, "not found")
	}
	return GetForEmail(r.Context(), h.DB, me.Email, id)
}

type portalView struct {
	Me         *portal.Identity
	P          *Participant
	Campaign   *campaign.Campaign
	BrandName  string
	Offer      *Offer
	Terms      *Terms // in force: what accepting now accepts
	TermsNew   bool   // they differ from those the offer was made with
	Acceptance *Acceptance
}

func (h *handlers) portalOffer(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	return h.renderPortal(w, r, me, http.StatusOK, nil, nil)
}

func (h *handlers) renderPortal(w http.ResponseWriter, r *http.Request, me *portal.Identity, status int, form, errs map[string]string) error {
	pt, err := h.own(r, me)
	if err != nil {
		return err
	}
	ctx := r.Context()
	v := portalView{Me: me, P: pt}
	if v.Campaign, err = loadCampaign(ctx, h.DB, pt.BrandID, pt.CampaignID); err != nil {
		return err
	}
	if err := h.DB.QueryRowContext(ctx, `SELECT name FROM brands WHERE id = ?`, pt.BrandID).Scan(&v.BrandName); err != nil {
		return err
	}
	if pt.OfferID != nil {
		if v.Offer, err = GetOffer(ctx, h.DB, pt.BrandID, pt.ID, *pt.OfferID); err != nil {
			return err
		}
	}
	if v.Terms, err = currentTerms(ctx, h.DB, pt.BrandID, pt.CampaignID); err != nil {
		return err
	}
	if v.Offer != nil && v.Terms != nil && (v.Offer.Terms == nil || v.Offer.Terms.ID != v.Terms.ID) {
		v.TermsNew = true
	}
	if v.Acceptance, err = AcceptanceOf(ctx, h.DB, pt.BrandID, pt.ID); err != nil {
		return err
	}
	if form == nil && v.Offer != nil {
		form = map[string]string{"fee": amountField(creatorLocalizer(r, me), v.Offer.Compensation.FeeMinor, v.Offer.Compensation.Currency),
			"due_on": v.Offer.DueOn}
		for i, d := range v.Offer.Deliverables {
			form["quantity_"+strconv.Itoa(i)] = strconv.Itoa(d.Quantity)
		}
	}
	return h.Render.PageStatus(w, r, status, "participant/portal_offer", &web.View{L: creatorLocalizer(r, me), Data: v, Form: form, Errors: errs})
}

// portalDone returns to the offer with a flash, or re-renders it with
// the messages by the fields.
func (h *handlers) portalDone(w http.ResponseWriter, r *http.Request, me *portal.Identity, pt *Participant, err error, flashKey string) error {
	l := creatorLocalizer(r, me)
	switch {
	case apperr.CodeOf(err) == apperr.Invalid:
		return h.renderPortal(w, r, me, http.StatusUnprocessableEntity, web.FormValues(r), formFields(web.FieldErrors(l, err)))
	case err == ErrTermsChanged:
		web.SetFlash(w, l.T("participants.portal.terms_changed"))
	case apperr.CodeOf(err) == apperr.Conflict:
		web.SetFlash(w, l.T("participants.portal.already_answered"))
	case err != nil:
		return err
	default:
		web.SetFlash(w, l.T(flashKey))
	}
	web.Redirect(w, r, "/portal/campaigns/"+itoa(pt.ID))
	return nil
}

func (h *handlers) portalAccept(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	pt, err := h.own(r, me)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	seen, _ := strconv.ParseInt(r.PostFormValue("terms_id"), 10, 64)
	_, err = h.svc.Accept(r.Context(), me.Email, pt.ID, seen, clientOf(r))
	return h.portalDone(w, r, me, pt, err, "participants.portal.accepted")
}

func (h *handlers) portalDecline(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	pt, err := h.own(r, me)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	err = h.svc.Decline(r.Context(), me.Email, pt.ID, r.PostFormValue("reason"))
	return h.portalDone(w, r, me, pt, err, "participants.portal.declined")
}

func (h *handlers) portalCounter(w http.ResponseWriter, r *http.Request, me *portal.Identity) error {
	pt, err := h.own(r, me)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	in := CounterInput{DueOn: r.PostFormValue("due_on"), Message: r.PostFormValue("message")}
	fee, ferr := money.Parse(r.PostFormValue("fee"), money.Digits(h.currencyOf(r, pt.BrandID, pt.CampaignID)),
		creatorLocalizer(r, me).DecimalSeparator())
	in.FeeMinor = fee
	var f apperr.Fields
	if ferr != nil {
		f.Add("fee", "participants.error.fee", english.T("participants.error.fee"))
	}
	for i := 0; ; i++ {
		s, ok := r.PostForm["quantity_"+strconv.Itoa(i)]
		if !ok {
			break
		}
		n, err := strconv.Atoi(s[0])
		if err != nil {
			n = -1 // refused by the service with its message
		}
		in.Quantities = append(in.Quantities, n)
	}
	if err = f.Err(); err == nil {
		_, err = h.svc.Counter(r.Context(), me.Email, pt.ID, in)
	}
	return h.portalDone(w, r, me, pt, err, "participants.portal.countered")
}

// portalItems lists the creator's campaign offers for the portal home.
func portalItems(r *http.Request, q db.Querier, email string) ([]portal.CampaignItem, error) {
	list, err := ForEmail(r.Context(), q, email)
	if err != nil {
		return nil, err
	}
	var out []portal.CampaignItem
	for _, pt := range list {
		var brandName, campaignName string
		if err := q.QueryRowContext(r.Context(), `SELECT b.name, c.name FROM campaigns c JOIN brands b ON b.id = c.brand_id
			WHERE c.brand_id = ? AND c.id = ?`, pt.BrandID, pt.CampaignID).Scan(&brandName, &campaignName); err != nil {
			return nil, err
		}
		out = append(out, portal.CampaignItem{Link: "/portal/campaigns/" + itoa(pt.ID), BrandName: brandName, CampaignName: campaignName,
			StatusKey: "participants.offer_status." + pt.OfferStatus, Waiting: pt.OfferStatus == AwaitingCreator})
	}
	return out, nil
}
