package campaign

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/money"
	"github.com/rosterhq/roster/internal/web"
)

// formFieldOf maps the service's field names (the API's) to the names of
// the form's inputs where they differ, so messages sit by their input.
var formFieldOf = map[string]string{
	"budget_minor":                "budget",
	"default_offer.product":       "offer_product",
	"default_offer.coupon_code":   "offer_coupon_code",
	"default_offer.commission_bp": "offer_commission",
	"default_offer.fee_minor":     "offer_fee",
}

// formErrors renames the error fields of err for the campaign form.
func formErrors(r *http.Request, err error) map[string]string {
	out := map[string]string{}
	for k, v := range web.FieldErrors(web.Localizer(r), err) {
		if name, ok := formFieldOf[k]; ok {
			if _, taken := out[name]; taken {
				continue // the input's own reading error comes first
			}
			k = name
		}
		out[k] = v
	}
	return out
}

type formView struct {
	ID       int64
	Members  []brand.Member
	Currency string
}

// formOf fills the form from a campaign, amounts in the reader's notation.
func formOf(c *Campaign, decimal rune) map[string]string {
	d := money.Digits(c.Currency)
	f := map[string]string{"name": c.Name, "objective": c.Objective, "brief": c.Brief, "starts_on": c.StartsOn, "ends_on": c.EndsOn,
		"languages": strings.Join(c.Languages, ", "), "currency": c.Currency, "budget": money.Input(c.BudgetMinor, d, decimal),
		"expected_participants": strconv.Itoa(c.ExpectedParticipants), "offer_product": c.Offer.Product,
		"offer_coupon_code": c.Offer.CouponCode, "offer_commission": money.Input(int64(c.Offer.CommissionBP), 2, decimal),
		"offer_fee": money.Input(c.Offer.FeeMinor, d, decimal)}
	if c.OwnerUserID != nil {
		f["owner_user_id"] = itoa(*c.OwnerUserID)
	}
	return f
}

func (h *pages) newForm(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	form := map[string]string{"currency": "USD", "expected_participants": "0", "owner_user_id": itoa(p.UserID())}
	return h.renderForm(w, r, http.StatusOK, 0, form, nil)
}

func (h *pages) editForm(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, http.StatusOK, c.ID, formOf(c, web.Localizer(r).DecimalSeparator()), nil)
}

func (h *pages) renderForm(w http.ResponseWriter, r *http.Request, status int, id int64, form, errs map[string]string) error {
	members, err := brand.Members(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	return h.Render.PageStatus(w, r, status, "campaign/form", &web.View{Nav: "campaigns", Data: formView{ID: id, Members: members},
		Form: form, Errors: errs})
}

// parseForm reads the campaign form. Amounts are typed in the currency's
// units in the reader's notation ("1500.50", "1.500,50") and stored in
// minor units; what cannot be read is reported next to its input before
// the service sees the rest.
func parseForm(r *http.Request) (Fields, apperr.Fields) {
	var errs apperr.Fields
	v := r.PostFormValue
	f := Fields{Name: v("name"), Objective: v("objective"), Brief: v("brief"), StartsOn: v("starts_on"), EndsOn: v("ends_on"),
		Languages: splitInput(v("languages")), Currency: strings.ToUpper(strings.TrimSpace(v("currency")))}
	digits, decimal := money.Digits(f.Currency), web.Localizer(r).DecimalSeparator()
	amount := func(input string, into *int64) {
		n, err := money.Parse(v(input), digits, decimal)
		if err != nil {
			add(&errs, input, "campaign.validation.amount", "digits", digits)
		}
		*into = n
	}
	amount("budget", &f.BudgetMinor)
	amount("offer_fee", &f.Offer.FeeMinor)
	if n, ok := ParsePercent(v("offer_commission"), decimal); ok {
		f.Offer.CommissionBP = n
	} else {
		add(&errs, "offer_commission", "campaign.validation.commission")
	}
	f.ExpectedParticipants = wholeNumber(v("expected_participants"), "expected_participants", &errs)
	f.Offer.Product, f.Offer.CouponCode = v("offer_product"), v("offer_coupon_code")
	if s := v("owner_user_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			add(&errs, "owner_user_id", "validation.owner_not_member")
		} else {
			f.OwnerUserID = &id
		}
	}
	return f, errs
}

// wholeNumber reads an optional whole number input (blank is 0).
func wholeNumber(s, field string, errs *apperr.Fields) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		add(errs, field, "validation.whole_number")
	}
	return n
}

// splitInput splits a list typed in one input on commas and whitespace.
func splitInput(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r' })
}

func (h *pages) create(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, errs := parseForm(r)
	if len(errs) > 0 {
		// Show every problem at once: what could not be read, then what
		// the service would refuse in the rest.
		errs = append(errs, h.svc.check(r.Context(), auth.FromContext(r.Context()).BrandID, &f)...)
		return h.renderForm(w, r, http.StatusUnprocessableEntity, 0, web.FormValues(r), formErrors(r, errs.Err()))
	}
	c, err := h.svc.Create(r.Context(), auth.FromContext(r.Context()), New{Fields: f})
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderForm(w, r, http.StatusUnprocessableEntity, 0, web.FormValues(r), formErrors(r, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.created", "name", c.Name))
	web.Redirect(w, r, "/campaigns/"+itoa(c.ID))
	return nil
}

func (h *pages) update(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, errs := parseForm(r)
	if len(errs) > 0 {
		// Show every problem at once: what could not be read, then what
		// the service would refuse in the rest.
		errs = append(errs, h.svc.check(r.Context(), auth.FromContext(r.Context()).BrandID, &f)...)
		return h.renderForm(w, r, http.StatusUnprocessableEntity, c.ID, web.FormValues(r), formErrors(r, errs.Err()))
	}
	_, err = h.svc.Update(r.Context(), auth.FromContext(r.Context()), c.ID, f)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderForm(w, r, http.StatusUnprocessableEntity, c.ID, web.FormValues(r), formErrors(r, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.saved"))
	web.Redirect(w, r, "/campaigns/"+itoa(c.ID))
	return nil
}
