package creator

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/stages"
	"github.com/rosterhq/roster/internal/web"
)

// accountRow is one social-account row of the form, as text, so what the
// person typed comes back unchanged next to its error.
type accountRow struct {
	Platform, Handle, Followers, EngagementRate string
}

type formView struct {
	Creator   *Creator // nil when creating
	Accounts  []accountRow
	Members   []brand.Member
	Stages    []stages.Stage
	Platforms []string
}

// formRows is how many account rows the form shows at least.
const formRows = 3

func (h *pages) renderForm(w http.ResponseWriter, r *http.Request, status int, c *Creator, form map[string]string, rows []accountRow, errs map[string]string) error {
	members, err := h.members(r)
	if err != nil {
		return err
	}
	for len(rows) < formRows {
		rows = append(rows, accountRow{})
	}
	list, _, err := brandStages(r, h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	name := "creator/form"
	return h.Render.PageStatus(w, r, status, name, &web.View{Nav: "creators", Form: form, Errors: errs,
		Data: formView{Creator: c, Accounts: rows, Members: members, Stages: list, Platforms: Platforms}})
}

func (h *pages) newForm(w http.ResponseWriter, r *http.Request) error {
	return h.renderForm(w, r, http.StatusOK, nil, map[string]string{}, nil, nil) // the first stage is selected
}

func (h *pages) editForm(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	form := map[string]string{"display_name": c.DisplayName, "email": c.Email, "country": c.Country,
		"languages": strings.Join(c.Languages, ", "), "tags": strings.Join(c.Tags, ", "), "notes": c.Notes, "stage": c.Stage}
	if c.OwnerUserID != nil {
		form["owner_user_id"] = itoa(*c.OwnerUserID)
	}
	var rows []accountRow
	for _, a := range c.SocialAccounts {
		rows = append(rows, accountRow{a.Platform, a.Handle, strconv.FormatInt(a.Followers, 10), strconv.FormatFloat(a.EngagementRate, 'f', -1, 64)})
	}
	return h.renderForm(w, r, http.StatusOK, c, form, rows, nil)
}

// parseForm reads the posted form into Fields; rows left blank are
// dropped, and numbers that don't parse are field errors.
func parseForm(r *http.Request) (Fields, []accountRow, apperr.Fields) {
	var errs apperr.Fields
	f := Fields{
		DisplayName: r.PostFormValue("display_name"), Email: r.PostFormValue("email"), Country: r.PostFormValue("country"),
		Languages: splitList(r.PostFormValue("languages")), Tags: splitList(r.PostFormValue("tags")),
		Notes: r.PostFormValue("notes"), Stage: r.PostFormValue("stage"),
	}
	if s := r.PostFormValue("owner_user_id"); s != "" {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			f.OwnerUserID = &id
		} else {
			errs.Add("owner_user_id", "validation.choose_from_list", "Choose one of the options in the list.")
		}
	}
	var rows []accountRow
	for i := 0; i < 50; i++ {
		row := accountRow{
			Platform: r.PostFormValue(fmt.Sprintf("accounts.%d.platform", i)), Handle: strings.TrimSpace(r.PostFormValue(fmt.Sprintf("accounts.%d.handle", i))),
			Followers: strings.TrimSpace(r.PostFormValue(fmt.Sprintf("accounts.%d.followers", i))), EngagementRate: strings.TrimSpace(r.PostFormValue(fmt.Sprintf("accounts.%d.engagement_rate", i))),
		}
		if _, present := r.PostForm[fmt.Sprintf("accounts.%d.handle", i)]; !present {
			break
		}
		if row.Handle == "" && row.Followers == "" && row.EngagementRate == "" {
			continue
		}
		n := len(rows)
		rows = append(rows, row)
		in := SocialAccountInput{Platform: row.Platform, Handle: row.Handle, MetricsSource: "manual"}
		if row.Followers != "" {
			v, err := strconv.ParseInt(strings.NewReplacer(",", "", ".", "", " ", "").Replace(row.Followers), 10, 64)
			if err != nil {
				errs.Add(fmt.Sprintf("social_accounts[%d].followers", n), "validation.whole_number", "Enter a whole number, like 12500.")
			}
			in.Followers = v
		}
		if row.EngagementRate != "" {
			v, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(row.EngagementRate, ",", "."), "%"), 64)
			if err != nil {
				errs.Add(fmt.Sprintf("social_accounts[%d].engagement_rate", n), "validation.percent", "Enter a percentage, like 3.4.")
			}
			in.EngagementRate = v
		}
		f.SocialAccounts = append(f.SocialAccounts, in)
	}
	return f, rows, errs
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func (h *pages) create(w http.ResponseWriter, r *http.Request) error {
	return h.save(w, r, nil)
}

func (h *pages) update(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	return h.save(w, r, c)
}

// save creates (c == nil) or updates c from the form; on any problem the
// form comes back with the typed values and a message by each field.
func (h *pages) save(w http.ResponseWriter, r *http.Request, c *Creator) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	f, rows, errs := parseForm(r)
	var saved *Creator
	if len(errs) > 0 {
		// Show every field's problem at once: the numbers that didn't
		// parse and whatever validation finds in the rest.
		for _, fe := range Validate(&f) {
			if !errs.Has(fe.Field) {
				errs = append(errs, fe)
			}
		}
	}
	err := errs.Err()
	if err == nil {
		if c == nil {
			saved, err = h.svc.Create(r.Context(), p, f)
		} else {
			saved, err = h.svc.Update(r.Context(), p, c.ID, f)
		}
	}
	if code := apperr.CodeOf(err); code == apperr.Invalid || code == apperr.Conflict {
		return h.renderForm(w, r, http.StatusUnprocessableEntity, c, web.FormValues(r), rows, web.FieldErrors(l, err))
	}
	if err != nil {
		return err
	}
	key := "creators.updated"
	if c == nil {
		key = "creators.created"
	}
	web.SetFlash(w, l.T(key, "name", saved.DisplayName))
	web.Redirect(w, r, "/creators/"+itoa(saved.ID))
	return nil
}
