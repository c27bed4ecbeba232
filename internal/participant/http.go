package participant

import (
	"embed"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/stages"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this room's pages, staff and portal.
func Templates() web.TemplateSet {
	return web.Templates("participant", templateFiles, template.FuncMap{
		"money":   func(l *i18n.Localizer, minor int64, currency string) string { return Money(l, minor, currency) },
		"major":   MajorUnits,
		"percent": func(l *i18n.Localizer, bp int) string { return l.Decimal(float64(bp)/100, 2) + " %" },
		"int64":   func(n int) int64 { return int64(n) },
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

// offerFromForm reads the offer fields of a form: the fee in major units
// ("250.50"), the commission in percent ("12.5").
func offerFromForm(r *http.Request) (OfferInput, error) {
	in := OfferInput{Product: r.PostFormValue("product"), CouponCode: r.PostFormValue("coupon_code"),
		StartsOn: r.PostFormValue("starts_on"), DueOn: r.PostFormValue("due_on"), Message: r.PostFormValue("message")}
	var f apperr.Fields
	fee, err := ParseMoney(r.PostFormValue("fee"))
	if err != nil {
		f.Add("fee", "participants.error.fee", english.T("participants.error.fee"))
	}
	in.FeeMinor = fee
	if s := strings.TrimSpace(strings.Replace(r.PostFormValue("commission"), ",", ".", 1)); s != "" {
		pct, err := strconv.ParseFloat(s, 64)
		if err != nil || pct < 0 || pct > 100 {
			f.Add("commission", "participants.error.commission", english.T("participants.error.commission"))
		}
		in.CommissionBP = int(pct*100 + 0.5)
	}
	return in, f.Err()
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
