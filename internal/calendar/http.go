package calendar

import (
	"embed"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are the calendar's pages.
func Templates() web.TemplateSet { return web.Templates("calendar", templateFiles, nil) }

type handlers struct{ *web.Deps }

// Register adds the month and week views, moving due dates, the feed
// settings page and the public feed itself.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{d}
	rt.Page("GET", "/calendar", web.Brand, auth.CampaignsRead, h.month)
	rt.Page("GET", "/calendar/week", web.Brand, auth.CampaignsRead, h.week)
	rt.Page("GET", "/calendar/deliverables/{id}/move", web.Brand, auth.CampaignsWrite, h.moveForm)
	rt.Page("POST", "/calendar/deliverables/{id}/move", web.Brand, auth.CampaignsWrite, h.move)
	rt.Page("GET", "/calendar/feed", web.Brand, auth.CampaignsRead, h.feedPage)
	rt.Page("POST", "/calendar/feed", web.Brand, auth.CampaignsRead, h.subscribe)
	rt.Page("POST", "/calendar/feed/revoke", web.Brand, auth.CampaignsRead, h.unsubscribe)
	// The secret in the path is the credential: calendar applications
	// send no cookie. Go patterns match whole segments, so the ".ics" is
	// checked by the handler.
	rt.Page("GET", "/calendar/feed/{file}", web.Public, "", h.feed)
}

// viewPage is what the month and week templates receive.
type viewPage struct {
	Mode      string // "month" or "week"
	Title     string
	Weekdays  []string // column heads, Monday first
	Weeks     [][]Cell
	Prev      string
	Next      string
	Today     string
	Other     string // the same period in the other view
	Campaigns []Option
	Owners    []Option
	Filter    Filter
	CanMove   bool
	Back      string // this page, for moves made here
	Empty     bool
}

// filterOf reads the campaign and owner filters; anything but a positive
// id is a bad request rather than silently all.
func filterOf(q url.Values) (Filter, error) {
	var f Filter
	for _, p := range []struct {
		name string
		into *int64
	}{{"campaign", &f.CampaignID}, {"owner", &f.OwnerUserID}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, apperr.New(apperr.Malformed, "The %s filter must be an id.", p.name)
		}
		*p.into = id
	}
	return f, nil
}

// link builds a calendar URL keeping the filters.
func link(path, key, value string, f Filter) string {
	q := url.Values{}
	q.Set(key, value)
	if f.CampaignID != 0 {
		q.Set("campaign", itoa(f.CampaignID))
	}
	if f.OwnerUserID != 0 {
		q.Set("owner", itoa(f.OwnerUserID))
	}
	return path + "?" + q.Encode()
}

// MonthLink and WeekLink are the views' addresses.
func MonthLink(month time.Time, f Filter) string {
	return link("/calendar", "month", month.Format("2006-01"), f)
}

func WeekLink(day time.Time, f Filter) string {
	return link("/calendar/week", "date", WeekStart(day).Format(DateLayout), f)
}

func (h *handlers) month(w http.ResponseWriter, r *http.Request) error {
	today := Day(h.Clock())
	month := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	if v := r.URL.Query().Get("month"); v != "" {
		m, err := time.Parse("2006-01", v)
		if err != nil {
			return apperr.New(apperr.Malformed, "The month must be written YYYY-MM.")
		}
		month = m
	}
	f, err := filterOf(r.URL.Query())
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	v := &viewPage{Mode: "month", Filter: f,
		Title: l.MonthYear(month),
		Prev:  MonthLink(month.AddDate(0, -1, 0), f), Next: MonthLink(month.AddDate(0, 1, 0), f),
		Today: MonthLink(today, f), Other: WeekLink(pickDay(today, month), f), Back: MonthLink(month, f)}
	return h.render(w, r, v, MonthRange(month), today, month.Month())
}

// pickDay is the day the other view opens on: today when it falls in
// the month shown, else the month's first day.
func pickDay(today, month time.Time) time.Time {
	if today.Year() == month.Year() && today.Month() == month.Month() {
		return today
	}
	return month
}

func (h *handlers) week(w http.ResponseWriter, r *http.Request) error {
	today := Day(h.Clock())
	day := today
	if v := r.URL.Query().Get("date"); v != "" {
		d, ok := ParseDate(v)
		if !ok {
			return apperr.New(apperr.Malformed, "The date must be written YYYY-MM-DD.")
		}
		day = d
	}
	f, err := filterOf(r.URL.Query())
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	rg := WeekRange(day)
	v := &viewPage{Mode: "week", Filter: f,
		Title: l.T("calendar.week_title", "from", l.Date(rg.From), "to", l.Date(rg.To)),
		Prev:  WeekLink(rg.From.AddDate(0, 0, -7), f), Next: WeekLink(rg.From.AddDate(0, 0, 7), f),
		Today: WeekLink(today, f), Other: MonthLink(rg.From, f), Back: WeekLink(rg.From, f)}
	return h.render(w, r, v, rg, today, 0)
}

func (h *handlers) render(w http.ResponseWriter, r *http.Request, v *viewPage, rg Range, today time.Time, month time.Month) error {
	ctx, p, l := r.Context(), auth.FromContext(r.Context()), web.Localizer(r)
	events, err := Collect(ctx, h.DB, l, p.BrandID, rg, v.Filter)
	if err != nil {
		return err
	}
	if v.Campaigns, err = CampaignOptions(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Owners, err = OwnerOptions(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	v.CanMove = p.Can(auth.CampaignsWrite)
	v.Empty = len(events) == 0
	v.Weeks = Cells(l, rg, events, today, month)
	for d := rg.From; len(v.Weekdays) < 7; d = d.AddDate(0, 0, 1) {
		v.Weekdays = append(v.Weekdays, WeekdayShort(l, d.Weekday()))
	}
	return h.Render.Page(w, r, "calendar/"+v.Mode, &web.View{Nav: "calendar", Data: v})
}
