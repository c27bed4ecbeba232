package timetrack

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/csvsafe"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

func registerUtilization(rt *web.Router, h *handlers) {
	rt.Page("GET", "/utilization", web.Brand, auth.ProgramRead, h.utilization)
	rt.Page("POST", "/utilization/close", web.Brand, auth.TimeManage, h.closeMonth)
	rt.Page("POST", "/utilization/reopen", web.Brand, auth.TimeManage, h.reopenMonth)
	rt.Page("GET", "/utilization/statement", web.Brand, auth.ProgramRead, h.statement)
	rt.Page("GET", "/utilization/statement.csv", web.Brand, auth.ProgramRead, h.statementCSV)
	rt.Page("GET", "/utilization/statement.pdf", web.Brand, auth.ProgramRead, h.statementPDF)
}

// monthParam reads ?month=YYYY-MM, the current month when absent.
func (h *handlers) monthParam(r *http.Request) (time.Time, error) {
	s := r.URL.Query().Get("month")
	if s == "" {
		return contract.MonthStart(h.Clock()), nil
	}
	m, ok := ParseMonth(s)
	if !ok {
		return time.Time{}, apperr.New(apperr.Malformed, "month must look like 2026-11")
	}
	return m, nil
}

// chart is a role's burn-down as SVG points: the committed line, the
// even pace to it, and the minutes used day by day so far.
type chart struct {
	Width, Height int
	Ideal, Actual string
	CommitY       int
	Max           int // minutes at the top of the chart
}

const chartW, chartH = 620, 180

func burnDown(u *Usage, r RoleUsage) chart {
	top := max(r.CommittedTotal, r.Forecast, 60)
	if len(r.Cumulative) > 0 {
		top = max(top, r.Cumulative[len(r.Cumulative)-1])
	}
	top = top * 11 / 10
	x := func(day int) int { return day * chartW / u.Days }
	y := func(m int) int { return chartH - m*chartH/top }
	c := chart{Width: chartW, Height: chartH, Max: top, CommitY: y(r.CommittedTotal)}
	c.Ideal = fmt.Sprintf("0,%d %d,%d", chartH, x(u.Days), y(r.CommittedTotal))
	pts := []string{fmt.Sprintf("0,%d", chartH)}
	for d := 1; d <= u.DaysElapsed; d++ {
		pts = append(pts, fmt.Sprintf("%d,%d", x(d), y(r.Cumulative[d-1])))
	}
	c.Actual = strings.Join(pts, " ")
	return c
}

type roleView struct {
	RoleUsage
	Chart chart
	Over  bool // the forecast exceeds the commitment
}

type utilView struct {
	U          *Usage
	Roles      []roleView
	Alerts     []Alert
	Prev       string
	Next       string
	Current    bool
	CanClose   bool
	Categories []string
}

func (h *handlers) utilization(w http.ResponseWriter, r *http.Request) error {
	month, err := h.monthParam(r)
	if err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	now := h.Clock()
	u, err := Utilization(r.Context(), h.DB, p.BrandID, month, now)
	if err != nil {
		return err
	}
	alerts, err := Alerts(r.Context(), h.DB, p.BrandID, u.Month)
	if err != nil {
		return err
	}
	v := utilView{U: u, Alerts: alerts, Categories: contract.Categories, Prev: month.AddDate(0, -1, 0).Format("2006-01"), Next: month.AddDate(0, 1, 0).Format("2006-01"),
		Current: u.Month == now.UTC().Format("2006-01"), CanClose: p.Can(auth.TimeManage) && u.Month < now.UTC().Format("2006-01")}
	for _, ru := range u.Roles {
		v.Roles = append(v.Roles, roleView{RoleUsage: ru, Chart: burnDown(u, ru), Over: ru.CommittedTotal > 0 && ru.Forecast > ru.CommittedTotal})
	}
	return h.Render.Page(w, r, "timetrack/utilization", &web.View{Nav: "utilization", Data: v})
}

func (h *handlers) closeMonth(w http.ResponseWriter, r *http.Request) error {
	return h.lock(w, r, true)
}

func (h *handlers) reopenMonth(w http.ResponseWriter, r *http.Request) error {
	return h.lock(w, r, false)
}

func (h *handlers) lock(w http.ResponseWriter, r *http.Request, closing bool) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	month := r.PostFormValue("month")
	var err error
	if closing {
		err = h.svc.CloseMonth(r.Context(), p, month)
	} else {
		err = h.svc.ReopenMonth(r.Context(), p, month)
	}
	l := web.Localizer(r)
	switch {
	case apperr.CodeOf(err) == apperr.Invalid:
		web.SetFlash(w, flashOf(l, err))
	case err != nil:
		return err
	case closing:
		web.SetFlash(w, l.T("time.month_closed", "month", l.MonthYearOf(month)))
	default:
		web.SetFlash(w, l.T("time.month_reopened", "month", l.MonthYearOf(month)))
	}
	web.Redirect(w, r, "/utilization?month="+month)
	return nil
}

// statementGroup is the entries behind one figure of the statement.
type statementGroup struct {
	Role, Category string
	Anchor         string
	Entries        []Entry
	Total          int
}

type statementView struct {
	U          *Usage
	BrandName  string
	Contract   *contract.Contract
	Groups     []statementGroup
	Categories []string
	Total      int
	Generated  time.Time
}

// statementData reads the statement of the month in ?month=.
func (h *handlers) statementData(r *http.Request) (*statementView, error) {
	month, err := h.monthParam(r)
	if err != nil {
		return nil, err
	}
	p := auth.FromContext(r.Context())
	return Statement(r.Context(), h.DB, p.BrandID, p.BrandName, month, h.Clock())
}

// Statement gathers the month's figures and every entry behind them,
// grouped by role and category in the order of the summary.
func Statement(ctx context.Context, q db.Querier, brandID int64, brandName string, month, now time.Time) (*statementView, error) {
	acc, err := newAccumulator(ctx, q, brandID, month, now)
	if err != nil {
		return nil, err
	}
	// One read of the month's entries gives both the figures and the
	// rows behind them; names come from small lookups, not per-row joins.
	entries, err := monthEntries(ctx, q, brandID, acc.from, acc.to)
	if err != nil {
		return nil, err
	}
	campaigns := map[int64]string{}
	for _, e := range entries {
		acc.add(e.Day, e.Role, e.Category, e.UserID, e.Minutes)
		if e.CampaignID != nil {
			campaigns[*e.CampaignID] = ""
		}
	}
	u, err := acc.finish(ctx, q)
	if err != nil {
		return nil, err
	}
	if err := campaignNames(ctx, q, brandID, campaigns); err != nil {
		return nil, err
	}
	c, err := contract.Get(ctx, q, brandID)
	if err != nil {
		return nil, err
	}
	v := &statementView{U: u, BrandName: brandName, Contract: c, Categories: contract.Categories, Generated: now}
	index := map[string]int{}
	for _, ru := range u.Roles {
		for _, cat := range contract.Categories {
			if ru.Used[cat] == 0 {
				continue
			}
			index[ru.Role+"/"+cat] = len(v.Groups)
			v.Groups = append(v.Groups, statementGroup{Role: ru.Role, Category: cat, Anchor: "g-" + ru.Role + "-" + cat})
		}
	}
	for _, e := range entries {
		e.UserName = acc.people[e.UserID].Name
		if e.CampaignID != nil {
			e.Campaign = campaigns[*e.CampaignID]
		}
		i := index[e.Role+"/"+e.Category] // every entry's group exists: it has minutes
		v.Groups[i].Entries = append(v.Groups[i].Entries, e)
		v.Groups[i].Total += e.Minutes
		v.Total += e.Minutes
	}
	return v, nil
}

func (h *handlers) statement(w http.ResponseWriter, r *http.Request) error {
	v, err := h.statementData(r)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "timetrack/statement", &web.View{Nav: "utilization", Data: v})
}

// statementCSV writes every entry of the month, one row each, in the
// statement's order: the rows of a role and category add up to the
// statement's figure for it.
func (h *handlers) statementCSV(w http.ResponseWriter, r *http.Request) error {
	v, err := h.statementData(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="statement-%s.csv"`, v.U.Month))
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"entry_id", "day", "person", "role", "category", "campaign", "minutes", "hours", "source", "note"})
	for _, g := range v.Groups {
		for _, e := range g.Entries {
			if err := cw.Write([]string{strconv.FormatInt(e.ID, 10), e.Day, csvsafe.Defuse(e.UserName), e.Role, e.Category, csvsafe.Defuse(e.Campaign),
				strconv.Itoa(e.Minutes), contract.FormatHours(e.Minutes), e.Source, csvsafe.Defuse(e.Note)}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
