package timetrack

import (
	"context"
	"embed"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("timetrack", templateFiles, map[string]any{
		"hours":    func(minutes int) float64 { return float64(minutes) / 60 },
		"fmtHours": contract.FormatHours,
		"pct":      func(used, committed int) int { return percentOf(used, committed) },
	})
}

func percentOf(used, committed int) int {
	if committed <= 0 {
		return 0
	}
	return (used*100 + committed/2) / committed
}

// Register adds the time pages, the utilization and statement pages and
// the time API.
func Register(rt *web.Router, d *web.Deps) {
	svc := &Service{DB: d.DB, Now: d.Clock, Logger: d.Log}
	svc.Alerts = func(ctx context.Context, brandID int64, month string) error {
		return CheckAlerts(ctx, d.DB, d.Clock, brandID, month)
	}
	h := &handlers{d, svc}
	rt.Page("GET", "/time", web.Brand, auth.TimeLog, h.mine)
	rt.Page("POST", "/time/entries", web.Brand, auth.TimeLog, h.create)
	rt.Page("GET", "/time/entries/{id}/edit", web.Brand, auth.TimeLog, h.editForm)
	rt.Page("POST", "/time/entries/{id}", web.Brand, auth.TimeLog, h.update)
	rt.Page("POST", "/time/entries/{id}/delete", web.Brand, auth.TimeLog, h.remove)
	rt.Page("POST", "/time/timer/start", web.Brand, auth.TimeLog, h.startTimer)
	rt.Page("POST", "/time/timer/stop", web.Brand, auth.TimeLog, h.stopTimer)
	rt.Page("POST", "/time/timer/discard", web.Brand, auth.TimeLog, h.discardTimer)
	rt.Page("POST", "/time/suggestions/accept", web.Brand, auth.TimeLog, h.acceptSuggestion)
	rt.Page("POST", "/time/suggestions/dismiss", web.Brand, auth.TimeLog, h.dismissSuggestion)
	registerUtilization(rt, h)
	registerAPI(rt, h)
}

type handlers struct {
	*web.Deps
	svc *Service
}

// weekStart is the Monday of the week holding day.
func weekStart(day time.Time) time.Time {
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}

type sheetRow struct {
	Category string
	Minutes  [7]int
	Total    int
}

type sheetDay struct {
	Day     string
	Entries []Entry
	Total   int
	Closed  bool
}

type mineView struct {
	Person       int64
	People       []brand.Member
	Self         bool
	Timer        *Timer
	TimerSeconds int64 // the timer's running time when the page was made
	TimerCamp    string
	Categories   []string
	Campaigns    []CampaignOption
	Today        string
	Week         time.Time
	PrevWeek     string
	NextWeek     string
	Days         []sheetDay
	Rows         []sheetRow
	DayTotals    [7]int
	WeekTotal    int
	Suggestions  []Suggestion
	Alerts       []Alert
	EntryForm    bool // the manual form is the one with errors
	TimerErrored bool
}

func (h *handlers) mineData(r *http.Request) (*mineView, error) {
	ctx := r.Context()
	p := auth.FromContext(ctx)
	now := h.Clock().UTC()
	v := &mineView{Person: p.UserID(), Self: true, Categories: contract.Categories, Today: now.Format(dayLayout)}
	if id, _ := strconv.ParseInt(r.URL.Query().Get("user"), 10, 64); id != 0 && id != p.UserID() && p.Can(auth.TimeManage) {
		if _, err := brand.RoleOf(ctx, h.DB, p.BrandID, id); err != nil {
			return nil, err
		}
		v.Person, v.Self = id, false
	}
	if p.Can(auth.TimeManage) {
		members, err := brand.Members(ctx, h.DB, p.BrandID)
		if err != nil {
			return nil, err
		}
		v.People = members
	}
	week := weekStart(now)
	if s := r.URL.Query().Get("week"); s != "" {
		t, err := time.Parse(dayLayout, s)
		if err != nil {
			return nil, apperr.New(apperr.Malformed, "week must be a date like 2026-11-23")
		}
		week = weekStart(t)
	}
	v.Week, v.PrevWeek, v.NextWeek = week, week.AddDate(0, 0, -7).Format(dayLayout), week.AddDate(0, 0, 7).Format(dayLayout)
	var err error
	if v.Campaigns, err = Campaigns(ctx, h.DB, p.BrandID); err != nil {
		return nil, err
	}
	if v.Self {
		if v.Timer, err = GetTimer(ctx, h.DB, p.BrandID, p.UserID()); err != nil {
			return nil, err
		}
		if v.Timer != nil {
			v.TimerSeconds = int64(v.Timer.Elapsed(now) / time.Second)
		}
		if v.Timer != nil && v.Timer.CampaignID != nil {
			for _, c := range v.Campaigns {
				if c.ID == *v.Timer.CampaignID {
					v.TimerCamp = c.Name
				}
			}
		}
		if v.Suggestions, err = Suggest(ctx, h.DB, p.BrandID, p.UserID(), now); err != nil {
			return nil, err
		}
	}
	if v.Alerts, err = Alerts(ctx, h.DB, p.BrandID, now.Format("2006-01")); err != nil {
		return nil, err
	}
	entries, err := ListEntries(ctx, h.DB, p.BrandID, Filter{From: week.Format(dayLayout), To: week.AddDate(0, 0, 6).Format(dayLayout), UserID: v.Person})
	if err != nil {
		return nil, err
	}
	rows := map[string]*sheetRow{}
	for i := range 7 {
		day := week.AddDate(0, 0, i).Format(dayLayout)
		closed, err := MonthClosed(ctx, h.DB, p.BrandID, monthOf(day))
		if err != nil {
			return nil, err
		}
		v.Days = append(v.Days, sheetDay{Day: day, Closed: closed})
	}
	for _, e := range entries {
		d, _ := time.Parse(dayLayout, e.Day)
		i := int(d.Sub(week).Hours() / 24)
		if i < 0 || i > 6 {
			continue
		}
		v.Days[i].Entries = append(v.Days[i].Entries, e)
		v.Days[i].Total += e.Minutes
		row, ok := rows[e.Category]
		if !ok {
			row = &sheetRow{Category: e.Category}
			rows[e.Category] = row
		}
		row.Minutes[i] += e.Minutes
		row.Total += e.Minutes
		v.DayTotals[i] += e.Minutes
		v.WeekTotal += e.Minutes
	}
	for _, cat := range contract.Categories {
		if row, ok := rows[cat]; ok {
			v.Rows = append(v.Rows, *row)
		}
	}
	return v, nil
}

func (h *handlers) renderMine(w http.ResponseWriter, r *http.Request, status int, v *mineView, form, errs map[string]string) error {
	if form == nil {
		form = map[string]string{"day": v.Today}
	}
	return h.Render.PageStatus(w, r, status, "timetrack/mine", &web.View{Nav: "time", Data: v, Form: form, Errors: errs})
}

func (h *handlers) mine(w http.ResponseWriter, r *http.Request) error {
	v, err := h.mineData(r)
	if err != nil {
		return err
	}
	return h.renderMine(w, r, http.StatusOK, v, nil, nil)
}

// back returns to the time page of the week (and person) a form came from.
func back(r *http.Request) string {
	q := url.Values{}
	if w := r.PostFormValue("week"); w != "" {
		q.Set("week", w)
	}
	if u := r.PostFormValue("user"); u != "" {
		q.Set("user", u)
	}
	if len(q) == 0 {
		return "/time"
	}
	return "/time?" + q.Encode()
}

// inputFromForm reads an entry form; hours are typed as hours.
func inputFromForm(r *http.Request) (Input, apperr.Fields) {
	var errs apperr.Fields
	in := Input{Category: r.PostFormValue("category"), Day: r.PostFormValue("day"), Note: r.PostFormValue("note")}
	in.UserID, _ = strconv.ParseInt(r.PostFormValue("user_id"), 10, 64)
	if c, _ := strconv.ParseInt(r.PostFormValue("campaign_id"), 10, 64); c != 0 {
		in.CampaignID = &c
	}
	minutes, err := contract.ParseHours(r.PostFormValue("hours"))
	if err != nil {
		fieldErr(&errs, "hours", "contract.error.hours")
	}
	in.Minutes = minutes
	return in, errs
}

// hoursField renames the service's "minutes" errors to the form's field.
func hoursField(err error) error {
	if e, ok := apperr.As(err); ok {
		for i := range e.Fields {
			if e.Fields[i].Field == "minutes" {
				e.Fields[i].Field = "hours"
			}
		}
	}
	return err
}

func (h *handlers) create(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	in, errs := inputFromForm(r)
	var err error = errs.Err()
	if err == nil {
		_, err = h.svc.Log(r.Context(), p, in, SourceManual)
		err = hoursField(err)
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		v, verr := h.mineData(r)
		if verr != nil {
			return verr
		}
		v.EntryForm = true
		return h.renderMine(w, r, http.StatusUnprocessableEntity, v, web.FormValues(r), web.FieldErrors(web.Localizer(r), err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("time.logged"))
	web.Redirect(w, r, back(r))
	return nil
}

func (h *handlers) startTimer(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var campaign *int64
	if c, _ := strconv.ParseInt(r.PostFormValue("campaign_id"), 10, 64); c != 0 {
		campaign = &c
	}
	stopped, err := h.svc.StartTimer(r.Context(), auth.FromContext(r.Context()), r.PostFormValue("category"), campaign, r.PostFormValue("note"))
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.Invalid {
		v, verr := h.mineData(r)
		if verr != nil {
			return verr
		}
		v.TimerErrored = true
		return h.renderMine(w, r, http.StatusUnprocessableEntity, v, nil, prefixed(web.FieldErrors(l, err), "timer_"))
	}
	if err != nil {
		return err
	}
	if stopped != nil {
		web.SetFlash(w, l.T("time.timer_switched", "hours", contract.FormatHours(stopped.Minutes)))
	} else {
		web.SetFlash(w, l.T("time.timer_started"))
	}
	web.Redirect(w, r, "/time")
	return nil
}

func prefixed(errs map[string]string, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range errs {
		if k == "_" {
			out[k] = v
		} else {
			out[prefix+k] = v
		}
	}
	return out
}

func (h *handlers) stopTimer(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	e, err := h.svc.StopTimer(r.Context(), auth.FromContext(r.Context()))
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.Invalid {
		web.SetFlash(w, web.FieldErrors(l, err)["timer"])
		web.Redirect(w, r, "/time")
		return nil
	}
	if err != nil {
		return err
	}
	if e != nil {
		web.SetFlash(w, l.T("time.timer_stopped", "hours", contract.FormatHours(e.Minutes)))
	}
	web.Redirect(w, r, "/time")
	return nil
}

func (h *handlers) discardTimer(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	if err := h.svc.DiscardTimer(r.Context(), auth.FromContext(r.Context())); err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("time.timer_discarded"))
	web.Redirect(w, r, "/time")
	return nil
}

func (h *handlers) acceptSuggestion(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	e, err := h.svc.AcceptSuggestion(r.Context(), auth.FromContext(r.Context()), r.PostFormValue("key"), r.PostFormValue("category"))
	l := web.Localizer(r)
	if code := apperr.CodeOf(err); code == apperr.Invalid || code == apperr.NotFound {
		web.SetFlash(w, flashOf(l, err))
		web.Redirect(w, r, "/time")
		return nil
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("time.suggestion_logged", "hours", contract.FormatHours(e.Minutes)))
	web.Redirect(w, r, "/time")
	return nil
}

// flashOf is err's first message in the reader's language.
func flashOf(l interface{ T(string, ...any) string }, err error) string {
	if e, ok := apperr.As(err); ok {
		for _, f := range e.Fields {
			return l.T(f.Key, f.Args...)
		}
		if e.Code == apperr.NotFound {
			return l.T("time.suggestion_gone")
		}
		return e.Message
	}
	return err.Error()
}

func (h *handlers) dismissSuggestion(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	err := h.svc.DismissSuggestion(r.Context(), auth.FromContext(r.Context()), r.PostFormValue("key"))
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.NotFound {
		web.SetFlash(w, l.T("time.suggestion_gone"))
	} else if err != nil {
		return err
	} else {
		web.SetFlash(w, l.T("time.suggestion_dismissed"))
	}
	web.Redirect(w, r, "/time")
	return nil
}

type editView struct {
	Entry      *Entry
	Categories []string
	Campaigns  []CampaignOption
	Closed     bool
}

func (h *handlers) entryFor(r *http.Request) (*Entry, *auth.Principal, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	p := auth.FromContext(r.Context())
	e, err := GetEntry(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return nil, nil, err
	}
	if err := mayActFor(p, e.UserID); err != nil {
		return nil, nil, err
	}
	return e, p, nil
}

func (h *handlers) renderEdit(w http.ResponseWriter, r *http.Request, status int, e *Entry, form, errs map[string]string) error {
	p := auth.FromContext(r.Context())
	camps, err := Campaigns(r.Context(), h.DB, p.BrandID)
	if err != nil {
		return err
	}
	closed, err := MonthClosed(r.Context(), h.DB, p.BrandID, monthOf(e.Day))
	if err != nil {
		return err
	}
	if form == nil {
		form = map[string]string{"category": e.Category, "day": e.Day, "hours": contract.FormatHours(e.Minutes), "note": e.Note}
		if e.CampaignID != nil {
			form["campaign_id"] = strconv.FormatInt(*e.CampaignID, 10)
		}
	}
	return h.Render.PageStatus(w, r, status, "timetrack/edit", &web.View{Nav: "time", Data: editView{Entry: e, Categories: contract.Categories, Campaigns: camps, Closed: closed}, Form: form, Errors: errs})
}

func (h *handlers) editForm(w http.ResponseWriter, r *http.Request) error {
	e, _, err := h.entryFor(r)
	if err != nil {
		return err
	}
	return h.renderEdit(w, r, http.StatusOK, e, nil, nil)
}

func (h *handlers) update(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	e, p, err := h.entryFor(r)
	if err != nil {
		return err
	}
	in, errs := inputFromForm(r)
	err = errs.Err()
	if err == nil {
		_, err = h.svc.Update(r.Context(), p, e.ID, in)
		err = hoursField(err)
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderEdit(w, r, http.StatusUnprocessableEntity, e, web.FormValues(r), web.FieldErrors(web.Localizer(r), err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("time.updated"))
	web.Redirect(w, r, entryWeek(e.UserID, p, in.Day))
	return nil
}

// entryWeek is the time page of the week of day, for the entry's person.
func entryWeek(userID int64, p *auth.Principal, day string) string {
	q := url.Values{"week": {day}}
	if userID != p.UserID() {
		q.Set("user", strconv.FormatInt(userID, 10))
	}
	return "/time?" + q.Encode()
}

func (h *handlers) remove(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	e, p, err := h.entryFor(r)
	if err != nil {
		return err
	}
	err = h.svc.Delete(r.Context(), p, e.ID)
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderEdit(w, r, http.StatusUnprocessableEntity, e, nil, web.FieldErrors(l, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("time.deleted"))
	web.Redirect(w, r, entryWeek(e.UserID, p, e.Day))
	return nil
}
