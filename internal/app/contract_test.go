package app_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// contractForm is a complete, valid edit form.
func contractForm() url.Values {
	v := url.Values{"plan_name": {"Growth"}, "starts_on": {"2026-11-02"}, "ends_on": {"2027-11-01"}, "renewal_on": {"2027-11-01"},
		"notice_days": {"60"}, "onboarding_weeks": {"8"}, "auto_renew": {"on"}, "notes": {"Signed by the CMO."},
		"contacts.account_manager.name": {"Ana Ruiz"}, "contacts.account_manager.email": {"ana@vendor.example"}}
	for _, role := range []string{"community_manager", "account_manager"} {
		for _, cat := range []string{"account_strategy", "recruiting", "campaigns", "moderation", "reporting"} {
			v.Set("commitments."+role+".monthly_minutes."+cat, "2")
			v.Set("commitments."+role+".onboarding_extra_minutes."+cat, "0")
		}
	}
	v.Set("commitments.community_manager.monthly_minutes.recruiting", "12,5")
	return v
}

func TestContractPagesAndAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Lima")
		exec := env.SignIn(w.Users[auth.BrandExecutive].Email)
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)

		res := cm.Get("/contract")
		if res.Status != 200 || !strings.Contains(res.Body, "not saved its contract yet") || !strings.Contains(res.Body, "<strong>40 h</strong>") {
			t.Fatalf("defaults page: %d %s", res.Status, res.Body)
		}
		if strings.Contains(res.Body, `href="/contract/edit"`) {
			t.Error("the community manager is offered the edit link")
		}
		// The month is named as each language writes it: 2026年1月, not 1月 2026.
		for _, lang := range i18n.Supported {
			want := i18n.For(lang).T("contract.this_month", "month", i18n.For(lang).MonthYear(env.Now()))
			res := cm.Do("GET", "/contract", nil, http.Header{"Accept-Language": {lang}})
			if !strings.Contains(res.Body, html.EscapeString(want)) {
				t.Errorf("%s contract page lacks %q", lang, want)
			}
		}
		if ja := cm.Do("GET", "/contract", nil, http.Header{"Accept-Language": {"ja"}}); !strings.Contains(ja.Body, env.Now().UTC().Format("2006年1月")+"の契約時間") {
			t.Errorf("Japanese contract page does not say %s", env.Now().UTC().Format("2006年1月"))
		}
		if res := cm.Get("/contract/edit"); res.Status != 403 {
			t.Errorf("community manager edit form: %d", res.Status)
		}
		if res := cm.PostForm("/contract", contractForm()); res.Status != 403 {
			t.Errorf("community manager save: %d", res.Status)
		}

		// Bad input: every problem next to its field, nothing written.
		bad := contractForm()
		bad.Set("ends_on", "2026-01-01")
		bad.Set("commitments.account_manager.monthly_minutes.reporting", "two")
		bad.Set("contacts.brand_executive.email", "cmo at brand")
		res = exec.PostForm("/contract", bad)
		if res.Status != 422 {
			t.Fatalf("bad form: %d", res.Status)
		}
		for _, id := range []string{`id="ends_on-error"`, `id="commitments.account_manager.monthly_minutes.reporting-error"`, `id="contacts.brand_executive.email-error"`, `value="two"`} {
			if !strings.Contains(res.Body, id) {
				t.Errorf("bad form page lacks %s", id)
			}
		}
		if res := env.API(w.Token, "GET", "/api/v1/contract", ""); !strings.Contains(res.Body, `"saved":false`) {
			t.Fatalf("a refused form saved the contract: %s", res.Body)
		}

		if res := exec.PostForm("/contract", contractForm()); res.Status != 303 {
			t.Fatalf("save: %d %s", res.Status, res.Body)
		}
		res = cm.Get("/contract")
		if !strings.Contains(res.Body, "Growth") || !strings.Contains(res.Body, "12.5 h") || !strings.Contains(res.Body, "ana@vendor.example") {
			t.Errorf("saved contract page: %s", res.Body)
		}

		// The API reads what the form wrote, in minutes.
		res = env.API(w.Token, "GET", "/api/v1/contract", "")
		var c struct {
			Saved       bool
			PlanName    string `json:"plan_name"`
			Commitments map[string]struct {
				Monthly map[string]int `json:"monthly_minutes"`
			}
		}
		if err := json.Unmarshal([]byte(res.Body), &c); err != nil || !c.Saved || c.PlanName != "Growth" || c.Commitments["community_manager"].Monthly["recruiting"] != 750 {
			t.Fatalf("GET contract: %s", res.Body)
		}

		// PUT replaces it; bad fields are named; unknown fields refused.
		res = env.API(w.Token, "PUT", "/api/v1/contract", `{"plan_name":"Scale","starts_on":"2026-12-01","commitments":{"account_manager":{"monthly_minutes":{"account_strategy":900}}}}`)
		if res.Status != 200 || !strings.Contains(res.Body, `"plan_name":"Scale"`) || !strings.Contains(res.Body, `"account_strategy":900`) {
			t.Fatalf("PUT: %d %s", res.Status, res.Body)
		}
		res = env.API(w.Token, "PUT", "/api/v1/contract", `{"starts_on":"2026-12-01","ends_on":"2026-11-01","commitments":{"account_manager":{"monthly_minutes":{"reporting":-1}}}}`)
		if res.Status != 422 || !strings.Contains(res.Body, `"field":"ends_on"`) || !strings.Contains(res.Body, `"field":"commitments.account_manager.monthly_minutes.reporting"`) {
			t.Errorf("bad PUT: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "PUT", "/api/v1/contract", `{"plan":"x"}`); res.Status != 400 {
			t.Errorf("unknown field: %d %s", res.Status, res.Body)
		}
		if res := env.API(env.Token(w.Brand.ID, auth.ProgramRead), "PUT", "/api/v1/contract", `{}`); res.Status != 403 {
			t.Errorf("read-only token PUT: %d", res.Status)
		}
		if res := exec.Get("/audit"); !strings.Contains(res.Body, "contract") {
			t.Error("the audit log does not show the contract changes")
		}
	})
}
