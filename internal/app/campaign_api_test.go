package app_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

type apiCampaign struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Status       string `json:"status"`
	StartsOn     string `json:"starts_on"`
	EndsOn       string `json:"ends_on"`
	Deliverables []struct {
		ID    int64  `json:"id"`
		Kind  string `json:"kind"`
		DueOn string `json:"due_on"`
	} `json:"deliverables"`
	Terms *struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	} `json:"terms"`
	Budget struct {
		Over        bool  `json:"over"`
		NeededMinor int64 `json:"needed_minor"`
	} `json:"budget"`
	NextStatuses []string `json:"next_statuses"`
}

func decodeJSON[T any](t *testing.T, r *apptest.Response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.Body), &v); err != nil {
		t.Fatalf("%v in %s", err, r.Body)
	}
	return v
}

func TestCampaignsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Echo")
		tok := w.Token
		call := func(method, path, body string, status int, extra ...string) *apptest.Response {
			t.Helper()
			r := env.API(tok, method, path, body, extra...)
			if r.Status != status {
				t.Fatalf("%s %s: %d, want %d: %s", method, path, r.Status, status, r.Body)
			}
			return r
		}
		bad := call("POST", "/api/v1/campaigns", `{"name":"","currency":"usd","budget_minor":-5,"deliverables":[{"platform":"instagram","kind":"tweet"}]}`, 422)
		for _, f := range []string{"name", "currency", "budget_minor", "deliverables[0].kind"} {
			hasFieldError(f)(t, bad)
		}
		call("POST", "/api/v1/campaigns", `{"name":"x","status":"active"}`, 400)

		body := `{"name":"Summer trail","starts_on":"2026-07-01","ends_on":"2026-07-31","currency":"EUR","budget_minor":100000,
			"expected_participants":10,"default_offer":{"product":"Tent","fee_minor":20000},"languages":["en","es"],
			"deliverables":[{"platform":"tiktok","kind":"short_video","due_on":"2026-07-10","hashtags":["#ad"]}],
			"kpis":[{"metric":"reach","target":50000}],
			"terms":{"channels":["organic_social"],"territories":["ES","PT"],"duration_days":60}}`
		res := call("POST", "/api/v1/campaigns", body, 201, "Idempotency-Key", "create-summer")
		c := decodeJSON[apiCampaign](t, res)
		if c.Status != "draft" || len(c.Deliverables) != 1 || c.Terms == nil || c.Terms.Version != 1 || !c.Budget.Over || c.Budget.NeededMinor != 200000 {
			t.Fatalf("created %+v", c)
		}
		if res.Header.Get("Location") != "/api/v1/campaigns/"+strconv.FormatInt(c.ID, 10) {
			t.Errorf("location %q", res.Header.Get("Location"))
		}
		again := call("POST", "/api/v1/campaigns", body, 201, "Idempotency-Key", "create-summer")
		if again.Header.Get("Idempotent-Replayed") != "true" || decodeJSON[apiCampaign](t, again).ID != c.ID {
			t.Errorf("the replay made another campaign")
		}
		path := "/api/v1/campaigns/" + strconv.FormatInt(c.ID, 10)

		// PATCH: a refused part changes nothing.
		call("PATCH", path, `{"name":"Renamed","kpis":[{"metric":"reach","target":0}]}`, 422)
		call("PATCH", path, `{"terms":{"channels":["web"],"territories":["US"]}}`, 422)
		got := decodeJSON[apiCampaign](t, call("GET", path, "", 200))
		if got.Name != "Summer trail" {
			t.Errorf("a refused PATCH renamed the campaign to %q", got.Name)
		}
		patched := decodeJSON[apiCampaign](t, call("PATCH", path, `{"name":"Summer trail run","expected_participants":5,"owner_user_id":null}`, 200))
		if patched.Name != "Summer trail run" || patched.Budget.Over || len(patched.Deliverables) != 1 {
			t.Errorf("patched %+v", patched)
		}

		dpath := "/api/v1/campaign-deliverables/" + strconv.FormatInt(c.Deliverables[0].ID, 10)
		if d := call("PATCH", dpath, `{"due_on":"2026-07-12"}`, 200); !strings.Contains(d.Body, `"due_on":"2026-07-12"`) || !strings.Contains(d.Body, `"#ad"`) {
			t.Errorf("deliverable patch: %s", d.Body)
		}
		call("PATCH", dpath, `{"mentions":["nobody"]}`, 422)
		added := call("POST", path+"/deliverables", `{"platform":"instagram","kind":"story"}`, 201, "Idempotency-Key", "add-story")
		call("GET", added.Header.Get("Location"), "", 200)
		call("DELETE", added.Header.Get("Location"), "", 204)
		call("GET", added.Header.Get("Location"), "", 404)

		v1 := call("POST", path+"/terms", `{"channels":["organic_social"],"territories":["ES","PT"],"duration_days":60}`, 200)
		if !strings.Contains(v1.Body, `"version":1`) {
			t.Errorf("equal terms made a version: %s", v1.Body)
		}
		call("POST", path+"/terms", `{"channels":["organic_social","paid_social"],"territories":["ES","PT"],"duration_days":60,"paid_media":true}`, 201)
		if list := call("GET", path+"/terms", "", 200); strings.Count(list.Body, `"version"`) != 2 {
			t.Errorf("terms list: %s", list.Body)
		}

		bad = call("POST", path+"/transitions", `{"to":"active"}`, 422)
		hasFieldError("to")(t, bad)
		moved := decodeJSON[apiCampaign](t, call("POST", path+"/transitions", `{"to":"recruiting"}`, 200))
		if moved.Status != "recruiting" || strings.Join(moved.NextStatuses, ",") != "active,draft" {
			t.Errorf("moved %+v", moved)
		}
		call("DELETE", path, "", 409)

		list := decodeJSON[struct {
			Data       []apiCampaign `json:"data"`
			NextCursor string        `json:"next_cursor"`
		}](t, call("GET", "/api/v1/campaigns?status=recruiting&q=trail&limit=1", "", 200))
		if len(list.Data) != 1 || list.Data[0].ID != c.ID || list.NextCursor != "" {
			t.Errorf("list %+v", list)
		}
		call("GET", "/api/v1/campaigns?status=launched", "", 422)

		// Templates: from the campaign, then start one a month later.
		tres := call("POST", "/api/v1/campaign-templates", `{"name":"Trail month","campaign_id":`+strconv.FormatInt(c.ID, 10)+`}`, 201, "Idempotency-Key", "tpl-1")
		call("POST", "/api/v1/campaign-templates", `{"name":"Both"}`, 422)
		call("POST", "/api/v1/campaign-templates", `{"name":"Nope","campaign_id":999999}`, 422)
		call("POST", "/api/v1/campaign-templates", `{"name":"Trail month","body":{"currency":"EUR"}}`, 422)
		tpath := tres.Header.Get("Location")
		if tpl := call("GET", tpath, "", 200); !strings.Contains(tpl.Body, `"due_day":11`) || !strings.Contains(tpl.Body, `"duration_days":30`) {
			t.Errorf("template body: %s", tpl.Body)
		}
		started := decodeJSON[apiCampaign](t, call("POST", tpath+"/campaigns", `{"name":"August trail","starts_on":"2026-08-01"}`, 201, "Idempotency-Key", "start-1"))
		if started.StartsOn != "2026-08-01" || started.EndsOn != "2026-08-31" || started.Deliverables[0].DueOn != "2026-08-12" || started.Status != "draft" {
			t.Errorf("started %+v", started)
		}
		call("POST", tpath+"/campaigns", `{"starts_on":"soon"}`, 422)
		call("POST", "/api/v1/campaign-templates", `{"name":"From scratch","body":{"currency":"GBP","duration_days":14,"deliverables":[{"platform":"youtube","kind":"long_video","quantity":1,"due_day":7}]}}`, 201)
		if all := call("GET", "/api/v1/campaign-templates", "", 200); strings.Count(all.Body, `"name"`) != 2 {
			t.Errorf("templates: %s", all.Body)
		}
		call("DELETE", tpath, "", 204)
		call("GET", tpath, "", 404)
		call("DELETE", "/api/v1/campaigns/"+strconv.FormatInt(started.ID, 10), "", 204)

		// Read-only scope.
		ro := env.Token(w.Brand.ID, auth.CampaignsRead)
		if r := env.API(ro, "GET", path, ""); r.Status != http.StatusOK {
			t.Errorf("read token: %d", r.Status)
		}
		if r := env.API(ro, "PATCH", path, `{"name":"x"}`); r.Status != http.StatusForbidden {
			t.Errorf("read token patched: %d", r.Status)
		}
	})
}
