package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/calendar"
	"github.com/rosterhq/roster/internal/calendar/calendartest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// The test clock is 10 March 2026; the fixtures plan around it.

// dayItems returns the text of the week view's day (the <li> of date).
func dayItems(body, date string) string {
	start := strings.Index(body, `data-cal-day="`+date+`"`)
	if start < 0 {
		return ""
	}
	rest := body[start:]
	if end := strings.Index(rest[1:], `data-cal-day="`); end >= 0 {
		return rest[:end+1]
	}
	return rest
}

func TestCalendarViewsAndMovingADueDate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		a := env.NewWorld("Alpha")
		b := env.NewWorld("Bravo")
		cm := a.Users[auth.CommunityManager]
		spring := calendartest.AddCampaign(t, d, a.Brand.ID, calendartest.Campaign{Name: "Spring Trails", Status: "active", StartsOn: "2026-03-02", EndsOn: "2026-03-27", OwnerID: cm.ID})
		reel := calendartest.AddDeliverable(t, d, a.Brand.ID, spring, calendartest.Deliverable{Kind: "reel", Quantity: 2, DueOn: "2026-03-12"})
		autumn := calendartest.AddCampaign(t, d, a.Brand.ID, calendartest.Campaign{Name: "Autumn Ridge", StartsOn: "2026-03-20", EndsOn: "2026-04-10"})
		calendartest.AddCampaign(t, d, b.Brand.ID, calendartest.Campaign{Name: "Bravo Hidden Launch", StartsOn: "2026-03-01", EndsOn: "2026-03-31"})
		const title = "Spring Trails: 2 × Reel, Instagram"

		viewer := env.SignIn(a.Users[auth.Viewer].Email)
		res := viewer.Get("/calendar")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "March 2026") || !strings.Contains(res.Body, title) ||
			!strings.Contains(res.Body, "Autumn Ridge") || strings.Contains(res.Body, "Bravo Hidden") {
			t.Fatalf("viewer's month: %d\n%s", res.Status, res.Body)
		}
		if strings.Contains(res.Body, "/calendar/deliverables/") || strings.Contains(res.Body, "cal-move-form") {
			t.Error("the viewer's month offers moves")
		}
		if !strings.Contains(res.Body, `<a href="/campaigns/`+itoa(spring)+`"`) {
			t.Error("the campaign on the calendar does not link to its page")
		}
		if res := viewer.PostForm("/calendar/deliverables/"+itoa(reel)+"/move", url.Values{"due_on": {"2026-03-19"}}); res.Status != http.StatusForbidden {
			t.Errorf("viewer moving: %d, want 403", res.Status)
		}
		// Filters, and bad ones said plainly.
		if res := viewer.Get("/calendar?month=2026-03&campaign=" + itoa(autumn)); strings.Contains(res.Body, title) || !strings.Contains(res.Body, "Autumn Ridge") {
			t.Errorf("campaign filter: %s", res.Body)
		}
		if res := viewer.Get("/calendar?month=2026-03&owner=" + itoa(cm.ID)); !strings.Contains(res.Body, title) || strings.Contains(res.Body, ">Autumn Ridge</span>") {
			t.Errorf("owner filter shows the unowned campaign")
		}
		for _, bad := range []string{"/calendar?month=2026-13", "/calendar?campaign=x", "/calendar/week?date=2026-03-32"} {
			if res := viewer.Get(bad); res.Status != http.StatusBadRequest {
				t.Errorf("GET %s: %d, want 400", bad, res.Status)
			}
		}

		manager := env.SignIn(cm.Email)
		res = manager.Get("/calendar?month=2026-03")
		if !strings.Contains(res.Body, `data-cal-move="/calendar/deliverables/`+itoa(reel)+`/move"`) {
			t.Fatalf("the manager's month has no movable due date:\n%s", res.Body)
		}
		movePath := "/calendar/deliverables/" + itoa(reel) + "/move"
		if res := manager.Get(movePath); res.Status != http.StatusOK || !strings.Contains(res.Body, `value="2026-03-12"`) {
			t.Errorf("move form: %d", res.Status)
		}
		res = manager.PostForm(movePath, url.Values{"due_on": {"19/03/2026"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Enter the date as YYYY-MM-DD.") || !strings.Contains(res.Body, `aria-invalid="true"`) {
			t.Errorf("bad date: %d\n%s", res.Status, res.Body)
		}
		res = manager.PostForm(movePath, url.Values{"due_on": {"2026-03-19"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/calendar/week?date=2026-03-16" {
			t.Fatalf("move: %d %s", res.Status, res.Header.Get("Location"))
		}
		if got := calendartest.DueOn(t, d, reel); got != "2026-03-19" {
			t.Errorf("stored due date %s", got)
		}
		res = manager.Get(res.Header.Get("Location"))
		if !strings.Contains(res.Body, "is now due Thursday, Mar 19, 2026") || !strings.Contains(dayItems(res.Body, "2026-03-19"), title) ||
			strings.Contains(dayItems(res.Body, "2026-03-18"), title) {
			t.Errorf("week after the move:\n%s", res.Body)
		}
		// A move made from a calendar page returns there; elsewhere is refused.
		res = manager.PostForm(movePath, url.Values{"due_on": {"2026-03-20"}, "back": {"/calendar?month=2026-03"}})
		if res.Header.Get("Location") != "/calendar?month=2026-03" {
			t.Errorf("back to the month: %s", res.Header.Get("Location"))
		}
		res = manager.PostForm(movePath, url.Values{"due_on": {"2026-03-21"}, "back": {"https://evil.example/calendar"}})
		if res.Header.Get("Location") != "/calendar/week?date=2026-03-16" {
			t.Errorf("foreign back: %s", res.Header.Get("Location"))
		}

		// Brand B sees none of it and cannot reach A's deliverable.
		other := env.SignIn(b.Users[auth.CommunityManager].Email)
		if res := other.Get("/calendar?month=2026-03"); strings.Contains(res.Body, "Spring Trails") || !strings.Contains(res.Body, "Bravo Hidden Launch") {
			t.Errorf("B's month shows A's plans or misses its own")
		}
		if res := other.Get(movePath); res.Status != http.StatusNotFound {
			t.Errorf("B's move form for A's deliverable: %d", res.Status)
		}
		if res := other.PostForm(movePath, url.Values{"due_on": {"2026-03-01"}}); res.Status != http.StatusNotFound {
			t.Errorf("B moving A's deliverable: %d", res.Status)
		}
		if got := calendartest.DueOn(t, d, reel); got != "2026-03-21" {
			t.Errorf("after B's try the due date is %s", got)
		}

		// Month and weekday names follow the language.
		if res := manager.PostForm("/lang", url.Values{"lang": {"es"}, "next": {"/calendar"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("switch language: %d", res.Status)
		}
		res = manager.Get("/calendar/week?date=2026-03-16")
		if !strings.Contains(res.Body, "sábado, 21 mar 2026") || !strings.Contains(manager.Get("/calendar?month=2026-03").Body, "marzo de 2026") {
			t.Errorf("Spanish week:\n%s", res.Body)
		}
	})
}

var feedURL = regexp.MustCompile(`value="(http[^"]+/calendar/feed/(rcf_[A-Za-z0-9_-]+)\.ics)"`)

// subscribeFeed makes (or rotates) the client's feed and returns its path.
func subscribeFeed(t *testing.T, c *apptest.Client) string {
	t.Helper()
	res := c.PostForm("/calendar/feed", nil)
	m := feedURL.FindStringSubmatch(res.Body)
	if res.Status != http.StatusOK || m == nil {
		t.Fatalf("subscribe: %d\n%s", res.Status, res.Body)
	}
	if again := c.Get("/calendar/feed"); strings.Contains(again.Body, m[2]) {
		t.Error("the feed address is shown again after the first time")
	}
	u, _ := url.Parse(m[1])
	return u.Path
}

// parserScript reads a feed with icalendar and prints what it found.
const parserScript = `
import json, sys, datetime
import icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {"name": str(cal.get("X-WR-CALNAME")), "version": str(cal.get("VERSION")), "events": []}
for ev in cal.walk("VEVENT"):
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    out["events"].append({
        "uid": str(ev.get("UID")), "summary": str(ev.get("SUMMARY")), "description": str(ev.get("DESCRIPTION", "")),
        "start": start.isoformat(), "end": end.isoformat(),
        "all_day": not isinstance(start, datetime.datetime) and not isinstance(end, datetime.datetime),
        "stamp": ev.decoded("DTSTAMP").isoformat(),
    })
json.dump(out, sys.stdout)
`

type parsedFeed struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Events  []struct {
		UID, Summary, Description, Start, End, Stamp string
		AllDay                                       bool `json:"all_day"`
	} `json:"events"`
}

func TestCalendarFeedIsAcceptedByARealParser(t *testing.T) {
	python := calendartest.PythonICalendar(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		a := env.NewWorld("Alpha")
		b := env.NewWorld("Bravo")
		// A name with every character TEXT must escape, long enough to fold
		// in the middle of accented letters.
		name := `Lanzamiento, "primavera"; edición \ especial — montañas, ríos y café para creadoras de contenido`
		c := calendartest.AddCampaign(t, d, a.Brand.ID, calendartest.Campaign{Name: name, Status: "active", StartsOn: "2026-03-02", EndsOn: "2026-03-27"})
		del := calendartest.AddDeliverable(t, d, a.Brand.ID, c, calendartest.Deliverable{Kind: "story", Platform: "tiktok", DueOn: "2026-03-31"})
		calendartest.AddCampaign(t, d, b.Brand.ID, calendartest.Campaign{Name: "Bravo Hidden Launch", StartsOn: "2026-03-01"})

		viewer := env.SignIn(a.Users[auth.Viewer].Email)
		path := subscribeFeed(t, viewer)
		anon := env.Anonymous()
		res := anon.Get(path)
		if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("feed: %d %s\n%s", res.Status, res.Header.Get("Content-Type"), res.Body)
		}
		if strings.Contains(res.Body, "Bravo") {
			t.Error("A's feed shows brand B's campaign")
		}
		for i, line := range strings.Split(strings.TrimSuffix(res.Body, "\r\n"), "\r\n") {
			if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
				t.Errorf("line %d is %d octets or holds a bare line break: %q", i+1, len(line), line)
			}
		}
		if !strings.Contains(unfoldICal(res.Body), "URL:"+env.Server.URL+"/campaigns/"+itoa(c)+"\r\n") {
			t.Error("the feed's events do not link to their campaign")
		}
		if !strings.Contains(res.Body, "\r\n ") {
			t.Error("the long summary was not folded")
		}
		// Polling without changes costs no download; a move changes the feed.
		etag := res.Header.Get("ETag")
		if again := anon.Do("GET", path, nil, http.Header{"If-None-Match": {etag}}); etag == "" || again.Status != http.StatusNotModified || again.Body != "" {
			t.Errorf("conditional GET with ETag %q: %d", etag, again.Status)
		}
		env.Advance(time.Minute)
		if _, err := calendar.MoveDue(context.Background(), d, staff(env, a), del, "2026-03-30", env.Now); err != nil {
			t.Fatal(err)
		}
		res = anon.Do("GET", path, nil, http.Header{"If-None-Match": {etag}})
		if res.Status != http.StatusOK || res.Header.Get("ETag") == etag || !strings.Contains(res.Body, "DTSTART;VALUE=DATE:20260330") {
			t.Errorf("after a move: %d, ETag %q", res.Status, res.Header.Get("ETag"))
		}

		cmd := exec.Command(python, "-c", parserScript)
		cmd.Stdin = strings.NewReader(res.Body)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("icalendar refused the feed: %v\n%s", err, errText(err))
		}
		var got parsedFeed
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if got.Name != "Alpha – editorial calendar" || got.Version != "2.0" || len(got.Events) != 2 {
			t.Fatalf("parsed: %+v", got)
		}
		host := strings.Split(strings.TrimPrefix(env.Server.URL, "http://"), ":")[0]
		span, due := got.Events[0], got.Events[1]
		if span.Summary != name || span.Start != "2026-03-02" || span.End != "2026-03-28" || !span.AllDay || span.UID != "campaign-"+itoa(c)+"@"+host {
			t.Errorf("campaign event: %+v", span)
		}
		if due.Summary != name+": 1 × Story, TikTok" || due.Start != "2026-03-30" || due.End != "2026-03-31" || !due.AllDay ||
			due.UID != "deliverable-"+itoa(del)+"@"+host || due.Stamp == "" {
			t.Errorf("deliverable event: %+v", due)
		}

		// Rotating stops the old address at once; revoking stops the new.
		fresh := subscribeFeed(t, viewer)
		if res := anon.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("rotated-away feed: %d", res.Status)
		}
		if res := anon.Get(fresh); res.Status != http.StatusOK || !strings.Contains(res.Body, "UID:deliverable-"+itoa(del)+"@"+host) {
			t.Errorf("rotated feed: %d; UIDs must stay the same", res.Status)
		}
		if res := viewer.PostForm("/calendar/feed/revoke", nil); res.Status != http.StatusSeeOther {
			t.Errorf("revoke: %d", res.Status)
		}
		for _, p := range []string{fresh, "/calendar/feed/rcf_unknown.ics", strings.TrimSuffix(fresh, ".ics"), "/calendar/feed/" + a.Token + ".ics"} {
			if res := anon.Get(p); res.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", p, res.Status)
			}
		}
		// Leaving the brand closes its feed.
		cm := env.SignIn(a.Users[auth.CommunityManager].Email)
		cmFeed := subscribeFeed(t, cm)
		if res := anon.Get(cmFeed); res.Status != http.StatusOK {
			t.Fatalf("manager's feed: %d", res.Status)
		}
		if err := brand.RemoveMember(context.Background(), d, a.Brand.ID, a.Users[auth.CommunityManager].ID); err != nil {
			t.Fatal(err)
		}
		if res := anon.Get(cmFeed); res.Status != http.StatusNotFound {
			t.Errorf("feed of someone who left the brand: %d", res.Status)
		}
	})
}

func errText(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func unfoldICal(s string) string { return strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(s) }
