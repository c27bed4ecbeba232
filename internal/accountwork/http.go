package accountwork

import (
	"context"
	"embed"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/money"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("accountwork", templateFiles, map[string]any{
		"money": money.Text,
		"progress": func(g Goal) int {
			if g.Actual == nil || g.Target <= 0 {
				return 0
			}
			return int(min(*g.Actual*100/g.Target, 100))
		},
	})
}

// Register adds the account work pages.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{d, &Service{DB: d.DB, Now: d.Clock}}
	rt.Page("GET", "/account-work", web.Brand, auth.ProgramRead, h.index)
	for _, e := range []string{"tasks", "meetings", "partnerships", "goals"} {
		rt.Page("GET", "/account-work/"+e+"/new", web.Brand, auth.AccountManage, h.form(e))
		rt.Page("POST", "/account-work/"+e, web.Brand, auth.AccountManage, h.save(e))
		rt.Page("GET", "/account-work/"+e+"/{id}", web.Brand, auth.ProgramRead, h.show(e))
		rt.Page("POST", "/account-work/"+e+"/{id}", web.Brand, auth.AccountManage, h.save(e))
		rt.Page("POST", "/account-work/"+e+"/{id}/delete", web.Brand, auth.AccountManage, h.remove(e))
	}
}

type handlers struct {
	*web.Deps
	svc *Service
}

type indexView struct {
	Tasks        []Task
	Meetings     []Meeting
	Partnerships []Partnership
	Goals        []Goal
}

func (h *handlers) index(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := auth.FromContext(ctx)
	var v indexView
	var err error
	if v.Goals, err = ListGoals(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Tasks, err = ListTasks(ctx, h.DB, p.BrandID, 0); err != nil {
		return err
	}
	if v.Meetings, err = ListMeetings(ctx, h.DB, p.BrandID, h.Clock().UTC().Format(dateLayout)); err != nil {
		return err
	}
	if v.Partnerships, err = ListPartnerships(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	return h.Render.Page(w, r, "accountwork/index", &web.View{Nav: "account-work", Data: v})
}

// formView carries what every form needs besides its record.
type formView struct {
	Entity  string
	ID      int64
	Record  any
	Members []brand.Member
	Options map[string][]string
	Metrics []string
	Camps   []campaignOption
}

type campaignOption struct {
	ID   int64
	Name string
}

func (h *handlers) campaigns(ctx context.Context, brandID int64) ([]campaignOption, error) {
	rows, err := h.DB.QueryContext(ctx, `SELECT id, name FROM campaigns WHERE brand_id = ? AND status <> 'archived' ORDER BY name, id`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []campaignOption
	for rows.Next() {
		var c campaignOption
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (h *handlers) render(w http.ResponseWriter, r *http.Request, status int, entity string, id int64, record any, form, errs map[string]string) error {
	ctx := r.Context()
	p := auth.FromContext(ctx)
	members, err := brand.Members(ctx, h.DB, p.BrandID)
	if err != nil {
		return err
	}
	camps, err := h.campaigns(ctx, p.BrandID)
	if err != nil {
		return err
	}
	v := formView{Entity: entity, ID: id, Record: record, Members: members, Metrics: MetricKeys, Camps: camps, Options: map[string][]string{
		"task_kind": TaskKinds, "task_status": TaskStatuses, "meeting_kind": MeetingKinds,
		"partnership_kind": PartnershipKinds, "partnership_status": PartnershipStatuses,
	}}
	page := "accountwork/" + strings.TrimSuffix(entity, "s")
	return h.Render.PageStatus(w, r, status, page, &web.View{Nav: "account-work", Data: v, Form: form, Errors: errs})
}

func (h *handlers) form(entity string) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		today := h.Clock().UTC().Format(dateLayout)
		form := map[string]string{"day": today, "duration_minutes": "60", "currency": "USD", "period_start": today}
		if u := auth.FromContext(r.Context()).UserID(); u != 0 {
			form["owner_user_id"] = strconv.FormatInt(u, 10)
		}
		if m := r.URL.Query().Get("meeting"); entity == "tasks" && m != "" {
			form["meeting_id"] = m
		}
		return h.render(w, r, http.StatusOK, entity, 0, nil, form, nil)
	}
}

// load reads one record of entity of p's brand, with its form in r's
// language.
func (h *handlers) load(r *http.Request, brandID int64, entity string, id int64) (any, map[string]string, error) {
	ctx := r.Context()
	switch entity {
	case "tasks":
		t, err := GetTask(ctx, h.DB, brandID, id)
		if err != nil {
			return nil, nil, err
		}
		return t, taskForm(t), nil
	case "meetings":
		m, err := GetMeeting(ctx, h.DB, brandID, id)
		if err != nil {
			return nil, nil, err
		}
		return m, meetingForm(m), nil
	case "partnerships":
		x, err := GetPartnership(ctx, h.DB, brandID, id)
		if err != nil {
			return nil, nil, err
		}
		return x, partnershipForm(x, web.Localizer(r).DecimalSeparator()), nil
	default:
		g, err := GetGoal(ctx, h.DB, brandID, id)
		if err != nil {
			return nil, nil, err
		}
		return g, goalForm(g), nil
	}
}

func (h *handlers) show(entity string) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := web.PathID(r, "id")
		if err != nil {
			return err
		}
		rec, form, err := h.load(r, auth.FromContext(r.Context()).BrandID, entity, id)
		if err != nil {
			return err
		}
		return h.render(w, r, http.StatusOK, entity, id, rec, form, nil)
	}
}

func (h *handlers) save(entity string) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(w, r); err != nil {
			return err
		}
		ctx := r.Context()
		p := auth.FromContext(ctx)
		var id int64
		var rec any
		if r.PathValue("id") != "" {
			var err error
			if id, err = web.PathID(r, "id"); err != nil {
				return err
			}
			if rec, _, err = h.load(r, p.BrandID, entity, id); err != nil {
				return err
			}
		}
		f := formReader{r: r}
		var err error
		switch entity {
		case "tasks":
			t := f.task()
			t.ID = id
			if err = f.err(); err == nil {
				err = h.svc.SaveTask(ctx, p, t)
			}
		case "meetings":
			m := f.meeting()
			m.ID = id
			if err = f.err(); err == nil {
				err = h.svc.SaveMeeting(ctx, p, m, strings.Split(r.PostFormValue("actions"), "\n"))
			}
		case "partnerships":
			x := f.partnership()
			x.ID = id
			if err = f.err(); err == nil {
				err = h.svc.SavePartnership(ctx, p, x)
			}
		default:
			g := f.goal()
			g.ID = id
			if err = f.err(); err == nil {
				err = h.svc.SaveGoal(ctx, p, g)
			}
		}
		l := web.Localizer(r)
		if apperr.CodeOf(err) == apperr.Invalid {
			return h.render(w, r, http.StatusUnprocessableEntity, entity, id, rec, web.FormValues(r), web.FieldErrors(l, err))
		}
		if err != nil {
			return err
		}
		web.SetFlash(w, l.T("work.saved"))
		web.Redirect(w, r, "/account-work#"+entity)
		return nil
	}
}

func (h *handlers) remove(entity string) web.HandlerFunc {
	names := map[string]string{"tasks": "account_task", "meetings": "account_meeting", "partnerships": "account_partnership", "goals": "account_goal"}
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(w, r); err != nil {
			return err
		}
		id, err := web.PathID(r, "id")
		if err != nil {
			return err
		}
		if err := h.svc.Delete(r.Context(), auth.FromContext(r.Context()), names[entity], id); err != nil {
			return err
		}
		web.SetFlash(w, web.Localizer(r).T("work.deleted"))
		web.Redirect(w, r, "/account-work#"+entity)
		return nil
	}
}
