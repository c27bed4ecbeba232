package participant

import (
	"net/http"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/web"
)

type detailView struct {
	P          *Participant
	Campaign   *campaign.Campaign
	StageName  string
	Names      map[string]string
	Offers     []Offer // newest first
	Current    *Offer
	Acceptance *Acceptance
	Events     []Event
}

func (h *handlers) detailData(r *http.Request, pt *Participant) (*detailView, error) {
	ctx := r.Context()
	c, err := loadCampaign(ctx, h.DB, pt.BrandID, pt.CampaignID)
	if err != nil {
		return nil, err
	}
	stages, err := Stages(ctx, h.DB, pt.BrandID)
	if err != nil {
		return nil, err
	}
	v := &detailView{P: pt, Campaign: c, Names: StageNames(web.Localizer(r), stages)}
	v.StageName = v.Names[pt.Stage]
	if v.StageName == "" {
		v.StageName = pt.Stage
	}
	offers, err := Offers(ctx, h.DB, pt.BrandID, pt.ID)
	if err != nil {
		return nil, err
	}
	for i := len(offers) - 1; i >= 0; i-- {
		v.Offers = append(v.Offers, offers[i])
	}
	if len(v.Offers) > 0 {
		v.Current = &v.Offers[0]
	}
	if v.Acceptance, err = AcceptanceOf(ctx, h.DB, pt.BrandID, pt.ID); err != nil {
		return nil, err
	}
	v.Events, err = History(ctx, h.DB, pt.BrandID, pt.ID, 100)
	return v, err
}

func (h *handlers) detail(w http.ResponseWriter, r *http.Request) error {
	return h.renderDetail(w, r, http.StatusOK, nil, nil)
}

func (h *handlers) renderDetail(w http.ResponseWriter, r *http.Request, status int, form, errs map[string]string) error {
	pt, err := h.participantOf(r)
	if err != nil {
		return err
	}
	v, err := h.detailData(r, pt)
	if err != nil {
		return err
	}
	if form == nil && v.Current != nil {
		c := v.Current.Compensation
		l := web.Localizer(r)
		form = map[string]string{"product": c.Product, "coupon_code": c.CouponCode, "fee": amountField(l, c.FeeMinor, c.Currency),
			"commission": percentField(l, c.CommissionBP), "due_on": v.Current.DueOn, "starts_on": v.Current.StartsOn}
	}
	return h.Render.PageStatus(w, r, status, "participant/detail", &web.View{Nav: "campaigns", Data: v, Form: form, Errors: errs})
}

// answered ends a team answer: a redirect with a flash, or the page
// again with the messages by the fields.
func (h *handlers) answered(w http.ResponseWriter, r *http.Request, pt *Participant, err error, flashKey string) error {
	l := web.Localizer(r)
	switch apperr.CodeOf(err) {
	case apperr.Invalid:
		return h.renderDetail(w, r, http.StatusUnprocessableEntity, web.FormValues(r), formFields(web.FieldErrors(l, err)))
	case apperr.Conflict:
		web.SetFlash(w, l.T("participants.not_awaiting_brand"))
		web.Redirect(w, r, "/participants/"+itoa(pt.ID))
		return nil
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T(flashKey, "name", pt.CreatorName))
	web.Redirect(w, r, "/participants/"+itoa(pt.ID))
	return nil
}

func (h *handlers) acceptCounter(w http.ResponseWriter, r *http.Request) error {
	pt, err := h.participantOf(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	_, err = h.svc.AcceptCounter(r.Context(), auth.FromContext(r.Context()), pt.ID, clientOf(r), r.PostFormValue("confirm_over_budget") != "")
	return h.answered(w, r, pt, err, "participants.counter_accepted")
}

func (h *handlers) revise(w http.ResponseWriter, r *http.Request) error {
	pt, err := h.participantOf(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	in, err := offerFromForm(r, h.currencyOf(r, pt.BrandID, pt.CampaignID))
	if err == nil {
		_, err = h.svc.Revise(r.Context(), auth.FromContext(r.Context()), pt.ID, in, r.PostFormValue("confirm_over_budget") != "")
	}
	return h.answered(w, r, pt, err, "participants.revised")
}
