package accountwork

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/money"
	"github.com/rosterhq/roster/internal/web"
)

// formReader reads the account work forms, collecting problems with
// numbers as field errors.
type formReader struct {
	r    *http.Request
	errs apperr.Fields
}

func (f *formReader) s(name string) string { return f.r.PostFormValue(name) }

func (f *formReader) id(name string) *int64 {
	v := strings.TrimSpace(f.s(name))
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		f.errs.Add(name, "validation.choose_from_list", english.T("validation.choose_from_list"))
		return nil
	}
	return &n
}

func (f *formReader) whole(name string) int64 {
	v := strings.TrimSpace(strings.ReplaceAll(f.s(name), ",", ""))
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		f.errs.Add(name, "validation.whole_number", english.T("validation.whole_number"))
	}
	return n
}

func (f *formReader) err() error { return f.errs.Err() }

func (f *formReader) task() *Task {
	return &Task{Kind: f.s("kind"), Title: f.s("title"), Status: f.s("status"), OwnerUserID: f.id("owner_user_id"), DueOn: f.s("due_on"),
		CampaignID: f.id("campaign_id"), MeetingID: f.id("meeting_id"), Notes: f.s("notes")}
}

func (f *formReader) meeting() *Meeting {
	m := &Meeting{Kind: f.s("kind"), Title: f.s("title"), Day: f.s("day"), StartTime: f.s("start_time"), Duration: int(f.whole("duration_minutes")),
		Agenda: f.s("agenda"), Notes: f.s("notes"), OwnerUserID: f.id("owner_user_id")}
	for _, v := range f.r.PostForm["attendee_user"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			m.Attendees = append(m.Attendees, Attendee{UserID: &n})
		}
	}
	// Guests, one per line: "Name <email>" or just a name or an email.
	for _, line := range strings.Split(f.s("guests"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		a := Attendee{Name: line}
		if i := strings.LastIndex(line, "<"); i >= 0 && strings.HasSuffix(line, ">") {
			a.Name, a.Email = strings.TrimSpace(line[:i]), line[i+1:len(line)-1]
		} else if strings.Contains(line, "@") && !strings.Contains(line, " ") {
			a.Name, a.Email = "", line
		}
		m.Attendees = append(m.Attendees, a)
	}
	return m
}

func (f *formReader) partnership() *Partnership {
	x := &Partnership{Partner: f.s("partner"), Kind: f.s("kind"), Status: f.s("status"), Currency: strings.ToUpper(strings.TrimSpace(f.s("currency"))),
		StartsOn: f.s("starts_on"), EndsOn: f.s("ends_on"), Notes: f.s("notes"), OwnerUserID: f.id("owner_user_id")}
	v, err := money.Parse(f.s("value"), money.Digits(x.Currency), web.Localizer(f.r).DecimalSeparator())
	if err != nil {
		f.errs.Add("value", "work.error.amount", english.T("work.error.amount"))
	}
	x.ValueMinor = v
	return x
}

func (f *formReader) goal() *Goal {
	g := &Goal{Metric: f.s("metric"), Label: f.s("label"), Target: f.whole("target"), PeriodStart: f.s("period_start"), PeriodEnd: f.s("period_end"),
		OwnerUserID: f.id("owner_user_id")}
	if strings.TrimSpace(f.s("manual_actual")) != "" {
		n := f.whole("manual_actual")
		g.ManualActual = &n
	}
	return g
}

func strID(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

func taskForm(t *Task) map[string]string {
	return map[string]string{"kind": t.Kind, "title": t.Title, "status": t.Status, "owner_user_id": strID(t.OwnerUserID), "due_on": t.DueOn,
		"campaign_id": strID(t.CampaignID), "meeting_id": strID(t.MeetingID), "notes": t.Notes}
}

func meetingForm(m *Meeting) map[string]string {
	f := map[string]string{"kind": m.Kind, "title": m.Title, "day": m.Day, "start_time": m.StartTime, "duration_minutes": strconv.Itoa(m.Duration),
		"agenda": m.Agenda, "notes": m.Notes, "owner_user_id": strID(m.OwnerUserID)}
	var guests []string
	for _, a := range m.Attendees {
		switch {
		case a.UserID != nil:
			f["attendee_user:"+strID(a.UserID)] = "on"
		case a.Email != "" && a.Name != "":
			guests = append(guests, a.Name+" <"+a.Email+">")
		case a.Email != "":
			guests = append(guests, a.Email)
		default:
			guests = append(guests, a.Name)
		}
	}
	f["guests"] = strings.Join(guests, "\n")
	return f
}

func partnershipForm(x *Partnership, decimal rune) map[string]string {
	return map[string]string{"partner": x.Partner, "kind": x.Kind, "status": x.Status, "currency": x.Currency,
		"value":     money.Input(x.ValueMinor, money.Digits(x.Currency), decimal),
		"starts_on": x.StartsOn, "ends_on": x.EndsOn, "notes": x.Notes, "owner_user_id": strID(x.OwnerUserID)}
}

func goalForm(g *Goal) map[string]string {
	f := map[string]string{"metric": g.Metric, "label": g.Label, "target": strconv.FormatInt(g.Target, 10), "period_start": g.PeriodStart,
		"period_end": g.PeriodEnd, "owner_user_id": strID(g.OwnerUserID)}
	if g.ManualActual != nil {
		f["manual_actual"] = strconv.FormatInt(*g.ManualActual, 10)
	}
	return f
}
