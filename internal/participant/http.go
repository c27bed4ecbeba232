package participant

import (
	"embed"
	"html/template"
	"net/http"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/money"
	"github.com/rosterhq/roster/internal/stages"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this room's pages, staff and portal.
func Templates() web.TemplateSet {
	return web.Templates("participant", templateFiles, template.FuncMap{
		"money":   func(l *i18n.Localizer, minor int64, currency string) string { return Money(l, minor, currency) },
		"percent": func(l *i18n.Localizer, bp int) string { return l.Decimal(float64(bp)/100, 2) + " %" },
	})
}

type handlers struct {
	*web.Deps
	svc *Service
}

// Register adds the board, list, participant, invite and settings pages,
// the API and the creator portal's campaign pages.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{Deps: d, svc: NewService(d)}
	rt.Page("GET", "/campaigns/{id}/participants", web.Brand, auth.CampaignsRead, h.board)
	rt.Page("GET", "/campaigns/{id}/participants/list", web.Brand, auth.CampaignsRead, h.list)
	rt.Page("POST", "/campaigns/{id}/participants/move", web.Brand, auth.CampaignsWrite, h.move)
	rt.Page("POST", "/campaigns/{id}/participants/bulk", web.Brand, auth.CampaignsWrite, h.bulk)
	rt.Page("GET", "/participants/invite", web.Brand, auth.CampaignsWrite, h.inviteForm)
	rt.Page("POST", "/participants/invite", web.Brand, auth.CampaignsWrite, h.invite)
	rt.Page("GET", "/participants/{id}", web.Brand, auth.CampaignsRead, h.detail)
	rt.Page("POST", "/participants/{id}/accept-counter", web.Brand, auth.CampaignsWrite, h.acceptCounter)
	rt.Page("POST", "/participants/{id}/revise", web.Brand, auth.CampaignsWrite, h.revise)
	stages.RegisterSettings(rt, d, StageSet)
	registerAPI(rt, h)
	registerPortal(rt, h)
}

// campaignOf loads the path's campaign of the principal's brand; any
// other is NotFound.
func (h *handlers) campaignOf(r *http.Request) (*campaign.Campaign, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return loadCampaign(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

// participantOf loads the path's participant of the principal's brand.
func (h *handlers) participantOf(r *http.Request) (*Participant, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return Get(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

func clientOf(r *http.Request) Client {
	return Client{IP: web.ClientIP(r), UserAgent: r.UserAgent()}
}

// offerFromForm reads the offer fields of a form: the fee in units of
// the campaign's currency and the commission in percent, both in the
// reader's notation ("250.50", "250,50"; "12.5").
func offerFromForm(r *http.Request, currency string) (OfferInput, error) {
	in := OfferInput{Product: r.PostFormValue("product"), CouponCode: r.PostFormValue("coupon_code"),
		StartsOn: r.PostFormValue("starts_on"), DueOn: r.PostFormValue("due_on"), Message: r.PostFormValue("message")}
	var f apperr.Fields
	decimal := web.Localizer(r).DecimalSeparator()
	fee, err := money.Parse(r.PostFormValue("fee"), money.Digits(currency), decimal)
	if err != nil {
		f.Add("fee", "participants.error.fee", english.T("participants.error.fee"))
	}
	in.FeeMinor = fee
	bp, err := money.Parse(r.PostFormValue("commission"), 2, decimal)
	if err != nil || bp > maxCommissionBP {
		f.Add("commission", "participants.error.commission", english.T("participants.error.commission"))
	}
	in.CommissionBP = int(bp)
	return in, f.Err()
}

// currencyOf is the currency of a campaign's amounts; USD (two decimals)
// when the campaign cannot be read, which the service then reports.
func (h *handlers) currencyOf(r *http.Request, brandID, campaignID int64) string {
	if c, err := loadCampaign(r.Context(), h.DB, brandID, campaignID); err == nil {
		return c.Currency
	}
	return "USD"
}

// formFields renames the service's field names to the form's.
func formFields(errs map[string]string) map[string]string {
	for from, to := range map[string]string{"fee_minor": "fee", "commission_bp": "commission"} {
		if msg, ok := errs[from]; ok {
			errs[to] = msg
			delete(errs, from)
		}
	}
	return errs
}
