package app_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// TestTimeTrackingEndToEnd: an account manager runs a timer across page
// loads, logs and corrects time; a community manager cannot touch their
// entries; the utilization page, the API, the statement and its CSV all
// show the same figures; a closed month is locked.
func TestTimeTrackingEndToEnd(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Mike")
		am := env.SignIn(w.Users[auth.AccountManager].Email)
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		exec := env.SignIn(w.Users[auth.BrandExecutive].Email)
		today := env.Now().UTC().Format("2006-01-02")

		if res := am.PostForm("/time/timer/start", url.Values{"category": {"account_strategy"}, "note": {"QBR deck"}}); res.Status != 303 {
			t.Fatalf("start timer: %d %s", res.Status, res.Body)
		}
		env.Advance(47 * time.Minute)
		// A reload (any later request) still shows the running timer.
		res := am.Get("/time")
		if !strings.Contains(res.Body, `id="timer-stop"`) || !strings.Contains(res.Body, `data-timer-elapsed="2820"`) {
			t.Fatalf("running timer not shown after reload: %s", res.Body)
		}
		if res := am.PostForm("/time/timer/stop", nil); res.Status != 303 {
			t.Fatalf("stop: %d", res.Status)
		}
		if res := am.Get("/time"); strings.Contains(res.Body, `id="timer-stop"`) || !strings.Contains(res.Body, "QBR deck") {
			t.Fatalf("after stop: %s", res.Body)
		}

		// A manual entry with bad hours: messages by the fields, nothing written.
		res = am.PostForm("/time/entries", url.Values{"day": {"2999-01-01"}, "hours": {"lots"}, "category": {"reporting"}})
		if res.Status != 422 || !strings.Contains(res.Body, `id="hours-error"`) || !strings.Contains(res.Body, `value="lots"`) {
			t.Fatalf("bad entry: %d", res.Status)
		}
		res = am.PostForm("/time/entries", url.Values{"day": {"2999-01-01"}, "hours": {"1"}, "category": {"reporting"}})
		if res.Status != 422 || !strings.Contains(res.Body, `id="day-error"`) {
			t.Fatalf("future entry: %d", res.Status)
		}
		if res := am.PostForm("/time/entries", url.Values{"day": {today}, "hours": {"1:30"}, "category": {"reporting"}, "note": {"Monthly report"}}); res.Status != 303 {
			t.Fatalf("entry: %d %s", res.Status, res.Body)
		}
		if res := cm.PostForm("/time/entries", url.Values{"day": {today}, "hours": {"2.25"}, "category": {"recruiting"}}); res.Status != 303 {
			t.Fatalf("cm entry: %d", res.Status)
		}

		// The API agrees: 47 + 90 minutes for the account manager.
		res = env.API(w.Token, "GET", "/api/v1/utilization", "")
		var u struct {
			Roles []struct {
				Role      string
				UsedTotal int            `json:"used_total"`
				Used      map[string]int `json:"used_minutes"`
			}
		}
		if err := json.Unmarshal([]byte(res.Body), &u); err != nil {
			t.Fatal(err, res.Body)
		}
		used := map[string]int{}
		for _, r := range u.Roles {
			used[r.Role] = r.UsedTotal
		}
		if used["account_manager"] != 137 || used["community_manager"] != 135 {
			t.Fatalf("utilization %v, want 137 and 135 minutes", used)
		}

		// Another person's entry: the community manager may not open it.
		var list struct {
			Data []struct {
				ID      int64
				Minutes int
				Note    string
				UserID  int64 `json:"user_id"`
			}
		}
		json.Unmarshal([]byte(env.API(w.Token, "GET", "/api/v1/time-entries?user_id="+strconv.FormatInt(w.Users[auth.AccountManager].ID, 10), "").Body), &list)
		if len(list.Data) != 2 {
			t.Fatalf("account manager's entries: %+v", list.Data)
		}
		amEntry := list.Data[1].ID
		if res := cm.Get(fmt.Sprintf("/time/entries/%d/edit", amEntry)); res.Status != 403 {
			t.Errorf("cm opened the account manager's entry: %d", res.Status)
		}
		if res := am.Get(fmt.Sprintf("/time/entries/%d/edit", amEntry)); res.Status != 200 || !strings.Contains(res.Body, `value="1.5"`) {
			t.Fatalf("edit form: %d %s", res.Status, res.Body)
		}
		if res := am.PostForm(fmt.Sprintf("/time/entries/%d", amEntry), url.Values{"day": {today}, "hours": {"0"}, "category": {"reporting"}}); res.Status != 422 || !strings.Contains(res.Body, `id="hours-error"`) {
			t.Fatalf("zero hours: %d", res.Status)
		}
		if res := am.PostForm(fmt.Sprintf("/time/entries/%d", amEntry), url.Values{"day": {today}, "hours": {"2"}, "category": {"reporting"}, "note": {"Monthly report, corrected"}}); res.Status != 303 {
			t.Fatalf("correct: %d %s", res.Status, res.Body)
		}

		// The statement and its CSV trace every figure to its entries.
		res = exec.Get("/utilization/statement")
		if res.Status != 200 || !strings.Contains(res.Body, "Monthly report, corrected") {
			t.Fatalf("statement: %d", res.Status)
		}
		if month := env.Now().UTC().Format("2006年1月"); !strings.Contains(exec.Do("GET", "/utilization", nil, http.Header{"Accept-Language": {"ja"}}).Body, "稼働率 · "+month) ||
			!strings.Contains(exec.Do("GET", "/utilization/statement", nil, http.Header{"Accept-Language": {"ja"}}).Body, month+"の明細書") {
			t.Errorf("the Japanese utilization and statement pages do not name the month %s", month)
		}
		res = exec.Get("/utilization/statement.csv")
		rows, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
		if err != nil || len(rows) != 4 {
			t.Fatalf("statement CSV: %v %q", err, res.Body)
		}
		sum := map[string]int{}
		for _, r := range rows[1:] {
			m, _ := strconv.Atoi(r[6])
			sum[r[3]] += m
		}
		if sum["account_manager"] != 47+120 || sum["community_manager"] != 135 {
			t.Errorf("CSV sums %v", sum)
		}
		res = exec.Get("/utilization/statement.pdf")
		if res.Status != 200 || !strings.HasPrefix(res.Body, "%PDF-") || res.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("statement PDF: %d %q", res.Status, res.Body[:min(20, len(res.Body))])
		}
		if res := exec.Get("/utilization"); res.Status != 200 || !strings.Contains(res.Body, "<svg") {
			t.Errorf("utilization page: %d", res.Status)
		}
		if res := exec.PostForm("/time/entries", url.Values{"day": {today}, "hours": {"1"}, "category": {"reporting"}}); res.Status != 403 {
			t.Errorf("an executive logged time: %d", res.Status)
		}

		// API: create for a member, refuse a stranger.
		body := fmt.Sprintf(`{"user_id":%d,"category":"campaigns","day":"%s","minutes":20,"note":"from Toggl"}`, w.Users[auth.CommunityManager].ID, today)
		if res := env.API(w.Token, "POST", "/api/v1/time-entries", body); res.Status != 201 || !strings.Contains(res.Body, `"source":"api"`) {
			t.Errorf("API create: %d %s", res.Status, res.Body)
		}
		other := env.NewWorld("November")
		body = fmt.Sprintf(`{"user_id":%d,"category":"campaigns","day":"%s","minutes":20}`, other.Users[auth.CommunityManager].ID, today)
		if res := env.API(w.Token, "POST", "/api/v1/time-entries", body); res.Status != 422 || !strings.Contains(res.Body, `"field":"user_id"`) {
			t.Errorf("API create for another brand's person: %d %s", res.Status, res.Body)
		}

		// Closing last month locks it; this month cannot be closed.
		last := env.Now().UTC().AddDate(0, -1, 0).Format("2006-01")
		if res := am.PostForm("/utilization/close", url.Values{"month": {last}}); res.Status != 303 {
			t.Fatalf("close: %d", res.Status)
		}
		closed := i18n.For("en").MonthYear(env.Now().UTC().AddDate(0, 0, -env.Now().UTC().Day())) + " is closed"
		if res := am.PostForm("/time/entries", url.Values{"day": {last + "-15"}, "hours": {"1"}, "category": {"reporting"}}); res.Status != 422 || !strings.Contains(res.Body, closed) {
			t.Errorf("entry in a closed month: %d", res.Status)
		}
		if res := cm.PostForm("/utilization/close", url.Values{"month": {last}}); res.Status != 403 {
			t.Errorf("cm closed a month: %d", res.Status)
		}
	})
}
