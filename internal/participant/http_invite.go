package participant

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

// selection reads which creators an invitation is for, as the creator
// list sends them: ticked ids, or all=1 with the list's filters (capped
// at MaxBulk).
func (h *handlers) selection(r *http.Request, v url.Values) (creator.Selection, error) {
	return creator.Select(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, v, MaxBulk)
}

type inviteView struct {
	Creators  []creator.Creator
	Capped    bool // more creators were selected than one invitation takes
	Max       int
	Filters   []creator.SavedFilter // the brand's, to pick from
	Filter    *creator.SavedFilter  // the one the creators come from
	FilterID  int64
	Campaigns []campaignChoice
	Campaign  *campaign.Campaign
	Budget    *campaign.Budget
}

// inviteForm shows the selected creators, the campaign to invite them to
// and the offer, prefilled with the campaign's default offer.
func (h *handlers) inviteForm(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	form := map[string]string{"campaign_id": q.Get("campaign_id")}
	return h.renderInvite(w, r, http.StatusOK, q, form, nil)
}

func (h *handlers) renderInvite(w http.ResponseWriter, r *http.Request, status int, sel url.Values, form, errs map[string]string) error {
	ctx, brandID := r.Context(), auth.FromContext(r.Context()).BrandID
	selected, err := h.selection(r, sel)
	if apperr.CodeOf(err) == apperr.Invalid {
		status = http.StatusUnprocessableEntity
		if errs == nil {
			errs = map[string]string{}
		}
		for _, msg := range web.FieldErrors(web.Localizer(r), err) {
			errs["creator_ids"] = msg
		}
	} else if err != nil {
		return err
	}
	v := inviteView{Capped: selected.Capped, Max: MaxBulk, Filter: selected.Filter}
	if v.Filter != nil {
		v.FilterID = v.Filter.ID
	}
	if v.Filters, err = creator.SavedFilters(ctx, h.DB, brandID); err != nil {
		return err
	}
	if v.Creators, err = creator.NewStore(h.DB).GetMany(ctx, h.DB, brandID, selected.IDs); err != nil {
		return err
	}
	if v.Campaigns, err = openCampaigns(ctx, h.DB, brandID); err != nil {
		return err
	}
	if id, _ := strconv.ParseInt(form["campaign_id"], 10, 64); id > 0 {
		if v.Campaign, err = loadCampaign(ctx, h.DB, brandID, id); err != nil && !isNotFound(err) {
			return err
		}
	}
	if v.Campaign != nil {
		if _, set := form["fee"]; !set {
			o := v.Campaign.Offer
			form["product"], form["coupon_code"] = o.Product, o.CouponCode
			l := web.Localizer(r)
			form["fee"], form["commission"] = amountField(l, o.FeeMinor, v.Campaign.Currency), percentField(l, o.CommissionBP)
		}
		if v.Budget, err = campaign.Spend(ctx, h.DB, brandID, v.Campaign.ID); err != nil {
			return err
		}
	}
	return h.Render.PageStatus(w, r, status, "participant/invite", &web.View{Nav: "campaigns", Data: v, Form: form, Errors: errs})
}

func (h *handlers) invite(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	sel := url.Values{"ids": r.PostForm["ids"]}
	form := web.FormValues(r)
	campaignID, _ := strconv.ParseInt(r.PostFormValue("campaign_id"), 10, 64)
	in, err := offerFromForm(r, h.currencyOf(r, auth.FromContext(r.Context()).BrandID, campaignID))
	var res *InviteResult
	if err == nil {
		if campaignID <= 0 {
			err = fieldErr("campaign_id", "validation.required")
		} else {
			res, err = h.svc.Invite(r.Context(), auth.FromContext(r.Context()), campaignID, web.IDs(r.PostForm["ids"]), in,
				r.PostFormValue("confirm_over_budget") != "")
		}
	}
	if isNotFound(err) {
		err = fieldErr("campaign_id", "validation.choose_from_list")
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderInvite(w, r, http.StatusUnprocessableEntity, sel, form, formFields(web.FieldErrors(l, err)))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.N("participants.invited", int64(len(res.Participants)), "skipped", len(res.Skipped)))
	web.Redirect(w, r, "/campaigns/"+itoa(campaignID)+"/participants")
	return nil
}
