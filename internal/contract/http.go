package contract

import (
	"embed"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("contract", templateFiles, map[string]any{
		"hours": func(minutes int) float64 { return float64(minutes) / 60 },
	})
}

// Register adds the contract pages and GET/PUT /api/v1/contract.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{d, &Service{DB: d.DB, Now: d.Clock}}
	rt.Page("GET", "/contract", web.Brand, auth.ProgramRead, h.show)
	rt.Page("GET", "/contract/edit", web.Brand, auth.ContractManage, h.edit)
	rt.Page("POST", "/contract", web.Brand, auth.ContractManage, h.save)
	rt.API("GET", "/api/v1/contract", auth.ProgramRead, "Get the brand's contract and hour commitments", h.get)
	rt.API("PUT", "/api/v1/contract", auth.ContractManage, "Replace the brand's contract and hour commitments", h.put)
}

type handlers struct {
	*web.Deps
	svc *Service
}

func (h *handlers) get(w http.ResponseWriter, r *http.Request) error {
	c, err := Get(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, c)
	return nil
}

func (h *handlers) put(w http.ResponseWriter, r *http.Request) error {
	var in Contract
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	if err := h.svc.Save(r.Context(), p, &in); err != nil {
		return err
	}
	c, err := Get(r.Context(), h.DB, p.BrandID)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, c)
	return nil
}

// roleRow is one committed role on the pages: its hours per category.
type roleRow struct {
	Role                      string
	Monthly, Extra, ThisMonth map[string]int
	MonthlyTotal, ExtraTotal  int
	ThisMonthTotal            int
}

type pageView struct {
	C             *Contract
	Roles         []roleRow
	Categories    []string
	ContactRoles  []string
	Month         time.Time
	OnboardingEnd string // last day of onboarding, "" without a start date
	InOnboarding  bool
	NoticeBy      string
	NoticeSoon    bool // notice is due within 60 days and not past
	NoticePassed  bool
}

func (h *handlers) view(c *Contract) pageView {
	now := h.Clock().UTC()
	month := MonthStart(now)
	v := pageView{C: c, Categories: Categories, ContactRoles: ContactRoles, Month: month, NoticeBy: c.NoticeBy()}
	if end := c.OnboardingEnd(); !end.IsZero() {
		v.OnboardingEnd = end.AddDate(0, 0, -1).Format(dateLayout)
		v.InOnboarding = !now.Before(end.AddDate(0, 0, -7*c.OnboardingWeeks)) && now.Before(end)
	}
	if v.NoticeBy != "" {
		today := now.Format(dateLayout)
		soon := now.AddDate(0, 0, 60).Format(dateLayout)
		v.NoticePassed = v.NoticeBy < today
		v.NoticeSoon = !v.NoticePassed && v.NoticeBy <= soon
	}
	for _, role := range CommittedRoles {
		a := c.Commitments[role]
		this := c.Committed(role, month)
		v.Roles = append(v.Roles, roleRow{Role: role, Monthly: a.Monthly, Extra: a.Onboarding, ThisMonth: this,
			MonthlyTotal: Total(a.Monthly), ExtraTotal: Total(a.Onboarding), ThisMonthTotal: Total(this)})
	}
	return v
}

func (h *handlers) show(w http.ResponseWriter, r *http.Request) error {
	c, err := Get(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "contract/show", &web.View{Nav: "contract", Data: h.view(c)})
}

func (h *handlers) edit(w http.ResponseWriter, r *http.Request) error {
	c, err := Get(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "contract/edit", &web.View{Nav: "contract", Data: h.view(c), Form: formOf(c)})
}

func (h *handlers) save(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	c, parseErrs := fromForm(r)
	var err error
	if len(parseErrs) > 0 {
		// Report every problem at once, but write nothing.
		err = Validate(c)
		if e, ok := apperr.As(err); ok {
			parseErrs = append(parseErrs, e.Fields...)
		}
		err = parseErrs.Err()
	} else {
		err = h.svc.Save(r.Context(), p, c)
	}
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.Invalid {
		old, gerr := Get(r.Context(), h.DB, p.BrandID)
		if gerr != nil {
			return gerr
		}
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "contract/edit",
			&web.View{Nav: "contract", Data: h.view(old), Form: web.FormValues(r), Errors: web.FieldErrors(l, err)})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("contract.saved"))
	web.Redirect(w, r, "/contract")
	return nil
}

// formOf is c as the edit form's values.
func formOf(c *Contract) map[string]string {
	f := map[string]string{
		"plan_name": c.PlanName, "starts_on": c.StartsOn, "ends_on": c.EndsOn, "renewal_on": c.RenewalOn,
		"notice_days": strconv.Itoa(c.NoticeDays), "onboarding_weeks": strconv.Itoa(c.OnboardingWeeks), "notes": c.Notes,
	}
	if c.AutoRenew {
		f["auto_renew"] = "on"
	}
	for _, role := range ContactRoles {
		ct := c.Contacts[role]
		f["contacts."+role+".name"], f["contacts."+role+".email"], f["contacts."+role+".phone"] = ct.Name, ct.Email, ct.Phone
	}
	for _, role := range CommittedRoles {
		for _, cat := range Categories {
			f["commitments."+role+".monthly_minutes."+cat] = FormatHours(c.Commitments[role].Monthly[cat])
			f["commitments."+role+".onboarding_extra_minutes."+cat] = FormatHours(c.Commitments[role].Onboarding[cat])
		}
	}
	return f
}

// fromForm reads the edit form; hours fields are typed in hours and
// stored in minutes. Problems reading numbers come back as field errors.
func fromForm(r *http.Request) (*Contract, apperr.Fields) {
	var errs apperr.Fields
	c := &Contract{
		PlanName: r.PostFormValue("plan_name"), StartsOn: r.PostFormValue("starts_on"), EndsOn: r.PostFormValue("ends_on"),
		RenewalOn: r.PostFormValue("renewal_on"), Notes: r.PostFormValue("notes"), AutoRenew: r.PostFormValue("auto_renew") != "",
		Contacts: map[string]Contact{}, Commitments: map[string]Allotment{},
	}
	whole := func(field string) int {
		s := strings.TrimSpace(r.PostFormValue(field))
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			addErr(&errs, field, "validation.whole_number")
		}
		return n
	}
	c.NoticeDays = whole("notice_days")
	c.OnboardingWeeks = whole("onboarding_weeks")
	for _, role := range ContactRoles {
		c.Contacts[role] = Contact{Name: r.PostFormValue("contacts." + role + ".name"), Email: r.PostFormValue("contacts." + role + ".email"),
			Phone: r.PostFormValue("contacts." + role + ".phone")}
	}
	for _, role := range CommittedRoles {
		a := Allotment{Monthly: map[string]int{}, Onboarding: map[string]int{}}
		for _, cat := range Categories {
			for _, part := range []struct {
				kind string
				m    map[string]int
			}{{"monthly_minutes", a.Monthly}, {"onboarding_extra_minutes", a.Onboarding}} {
				field := "commitments." + role + "." + part.kind + "." + cat
				mins, err := ParseHours(r.PostFormValue(field))
				if err != nil {
					addErr(&errs, field, "contract.error.hours")
				}
				part.m[cat] = mins
			}
		}
		c.Commitments[role] = a
	}
	return c, errs
}
