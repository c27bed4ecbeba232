package onboarding

import (
	"embed"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("onboarding", templateFiles, nil)
}

// Register adds the brand's plan pages and the template editor.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{d}
	rt.Page("GET", "/onboarding", web.Brand, auth.ProgramRead, h.plan)
	rt.Page("POST", "/onboarding/milestones", web.Brand, auth.AccountManage, h.save)
	rt.Page("GET", "/onboarding/milestones/{id}", web.Brand, auth.AccountManage, h.edit)
	rt.Page("POST", "/onboarding/milestones/{id}", web.Brand, auth.AccountManage, h.save)
	rt.Page("POST", "/onboarding/milestones/{id}/done", web.Brand, auth.AccountManage, h.done)
	rt.Page("POST", "/onboarding/milestones/{id}/delete", web.Brand, auth.AccountManage, h.remove)
	rt.Page("GET", "/admin/onboarding", web.Brand, auth.BrandsManage, h.template)
	rt.Page("POST", "/admin/onboarding", web.Brand, auth.BrandsManage, h.saveTemplate)
}

type handlers struct{ *web.Deps }

// week is one week of the plan.
type week struct {
	Number     int
	Milestones []Milestone
}

type planView struct {
	Weeks    []week
	Done     int
	Total    int
	Percent  int
	Today    string
	Sides    []string
	Triggers []string
}

func (h *handlers) planView(r *http.Request) (*planView, error) {
	p := auth.FromContext(r.Context())
	now := h.Clock().UTC()
	plan, err := Plan(r.Context(), h.DB, p.BrandID, now)
	if err != nil {
		return nil, err
	}
	v := &planView{Total: len(plan), Today: now.Format(dateLayout), Sides: Sides, Triggers: TriggerKeys}
	for _, m := range plan {
		if m.Done() {
			v.Done++
		}
		if len(v.Weeks) == 0 || v.Weeks[len(v.Weeks)-1].Number != m.Week {
			v.Weeks = append(v.Weeks, week{Number: m.Week})
		}
		v.Weeks[len(v.Weeks)-1].Milestones = append(v.Weeks[len(v.Weeks)-1].Milestones, m)
	}
	if v.Total > 0 {
		v.Percent = v.Done * 100 / v.Total
	}
	return v, nil
}

func (h *handlers) plan(w http.ResponseWriter, r *http.Request) error {
	v, err := h.planView(r)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "onboarding/plan", &web.View{Nav: "onboarding", Data: v, Form: map[string]string{"week": "1", "due_on": v.Today}})
}

func milestoneFromForm(r *http.Request) (*Milestone, apperr.Fields) {
	var errs apperr.Fields
	m := &Milestone{Title: r.PostFormValue("title"), OwnerSide: r.PostFormValue("owner_side"), Trigger: r.PostFormValue("trigger"), DueOn: strings.TrimSpace(r.PostFormValue("due_on"))}
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("week")))
	if err != nil {
		errs.Add("week", "validation.whole_number", english.T("validation.whole_number"))
	}
	m.Week = n
	return m, errs
}

func (h *handlers) edit(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := h.planView(r)
	if err != nil {
		return err
	}
	for _, wk := range v.Weeks {
		for _, m := range wk.Milestones {
			if m.ID == id {
				form := map[string]string{"title": m.Title, "week": strconv.Itoa(m.Week), "owner_side": m.OwnerSide, "trigger": m.Trigger, "due_on": m.DueOn}
				return h.Render.Page(w, r, "onboarding/milestone", &web.View{Nav: "onboarding", Data: editView{M: m, Sides: Sides, Triggers: TriggerKeys}, Form: form})
			}
		}
	}
	return apperr.New(apperr.NotFound, "milestone %d not found", id)
}

type editView struct {
	M        Milestone
	Sides    []string
	Triggers []string
}

func (h *handlers) save(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	m, errs := milestoneFromForm(r)
	if r.PathValue("id") != "" {
		// Another brand's milestone is not found, whatever the form says.
		id, err := web.PathID(r, "id")
		if err != nil {
			return err
		}
		// Built-in milestones keep their key, so their title stays translated.
		if m.Key, err = h.keyOf(r, id); err != nil {
			return err
		}
		m.ID = id
	}
	err := errs.Err()
	if err == nil {
		err = SaveMilestone(r.Context(), h.DB, p, m, h.Clock())
	}
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.Invalid {
		errsMap := web.FieldErrors(l, err)
		if m.ID != 0 {
			return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "onboarding/milestone",
				&web.View{Nav: "onboarding", Data: editView{M: *m, Sides: Sides, Triggers: TriggerKeys}, Form: web.FormValues(r), Errors: errsMap})
		}
		v, verr := h.planView(r)
		if verr != nil {
			return verr
		}
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "onboarding/plan", &web.View{Nav: "onboarding", Data: v, Form: web.FormValues(r), Errors: errsMap})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("onboarding.saved"))
	web.Redirect(w, r, "/onboarding")
	return nil
}

func (h *handlers) keyOf(r *http.Request, id int64) (string, error) {
	var key string
	err := h.DB.QueryRowContext(r.Context(), `SELECT key FROM onboarding_milestones WHERE brand_id = ? AND id = ?`, auth.FromContext(r.Context()).BrandID, id).Scan(&key)
	if err != nil {
		return "", apperr.New(apperr.NotFound, "milestone %d not found", id)
	}
	return key, nil
}

func (h *handlers) done(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	done := r.PostFormValue("done") == "true"
	if err := SetDone(r.Context(), h.DB, auth.FromContext(r.Context()), id, done, h.Clock()); err != nil {
		return err
	}
	web.Redirect(w, r, fmt.Sprintf("/onboarding#m-%d", id))
	return nil
}

func (h *handlers) remove(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := DeleteMilestone(r.Context(), h.DB, auth.FromContext(r.Context()), id, h.Clock()); err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("onboarding.deleted"))
	web.Redirect(w, r, "/onboarding")
	return nil
}

type templateView struct {
	Rows     []Milestone
	Sides    []string
	Triggers []string
}

// templateBlankRows is how many blank rows the editor offers for new milestones.
const templateBlankRows = 3

func (h *handlers) template(w http.ResponseWriter, r *http.Request) error {
	rows, err := Template(r.Context(), h.DB)
	if err != nil {
		return err
	}
	form := map[string]string{}
	for i, m := range rows {
		pre := fmt.Sprintf("row%d.", i)
		form[pre+"key"], form[pre+"title"], form[pre+"week"], form[pre+"owner_side"], form[pre+"trigger"] = m.Key, m.Title, strconv.Itoa(m.Week), m.OwnerSide, m.Trigger
	}
	for i := 0; i < templateBlankRows; i++ {
		rows = append(rows, Milestone{})
	}
	return h.Render.Page(w, r, "onboarding/template", &web.View{Nav: "admin", Data: templateView{Rows: rows, Sides: Sides, Triggers: TriggerKeys}, Form: form})
}

// saveTemplate reads the editor's rows: a row with neither key nor title,
// or ticked for removal, is dropped.
func (h *handlers) saveTemplate(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	n, _ := strconv.Atoi(r.PostFormValue("rows"))
	var rows []Milestone
	var errs apperr.Fields
	for i := 0; i < n && i < 200; i++ {
		pre := fmt.Sprintf("row%d.", i)
		m := Milestone{Key: r.PostFormValue(pre + "key"), Title: r.PostFormValue(pre + "title"), OwnerSide: r.PostFormValue(pre + "owner_side"), Trigger: r.PostFormValue(pre + "trigger")}
		if r.PostFormValue(pre+"remove") != "" || (m.Key == "" && strings.TrimSpace(m.Title) == "") {
			continue
		}
		week, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(pre + "week")))
		if err != nil {
			errs.Add(fmt.Sprintf("row%d.week", len(rows)), "validation.whole_number", english.T("validation.whole_number"))
		}
		m.Week = week
		rows = append(rows, m)
	}
	err := errs.Err()
	if err == nil {
		err = SaveTemplate(r.Context(), h.DB, auth.FromContext(r.Context()), rows, h.Clock())
	}
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.Invalid {
		form := map[string]string{}
		for i, m := range rows {
			pre := fmt.Sprintf("row%d.", i)
			form[pre+"key"], form[pre+"title"], form[pre+"week"], form[pre+"owner_side"], form[pre+"trigger"] = m.Key, m.Title, strconv.Itoa(m.Week), m.OwnerSide, m.Trigger
		}
		for i := 0; i < templateBlankRows; i++ {
			rows = append(rows, Milestone{})
		}
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "onboarding/template",
			&web.View{Nav: "admin", Data: templateView{Rows: rows, Sides: Sides, Triggers: TriggerKeys}, Form: form, Errors: web.FieldErrors(l, err)})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("onboarding.template_saved"))
	web.Redirect(w, r, "/admin/onboarding")
	return nil
}
