package app_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

var creatorPath = regexp.MustCompile(`^/creators/(\d+)$`)

// TestCreatorPages walks the creator screens as a community manager: a
// form with problems comes back with each message by its field and the
// typed values kept; a good form creates; edit, bulk actions, filters and
// delete work and are audited.
func TestCreatorPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Hotel")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		form := url.Values{
			"display_name": {"Río Sánchez"}, "email": {"not-an-email"}, "country": {"mx"}, "languages": {"es, en"},
			"tags": {"Hiking, camping"}, "stage": {"prospect"},
			"accounts.0.platform": {"instagram"}, "accounts.0.handle": {"https://www.tiktok.com/@rio"}, "accounts.0.followers": {"12k?"}, "accounts.0.engagement_rate": {""},
			"accounts.1.platform": {"tiktok"}, "accounts.1.handle": {""}, "accounts.1.followers": {""}, "accounts.1.engagement_rate": {""},
		}
		res := cm.PostForm("/creators", form)
		if res.Status != 422 {
			t.Fatalf("bad form: status %d", res.Status)
		}
		for id, msg := range map[string]string{
			"email-error":                        "Enter a valid email address",
			"social_accounts[0].handle-error":    "That link is for TikTok, not Instagram",
			"social_accounts[0].followers-error": "Enter a whole number",
		} {
			if !regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `">[^<]*` + regexp.QuoteMeta(msg)).MatchString(res.Body) {
				t.Errorf("no %q next to %s", msg, id)
			}
		}
		if !strings.Contains(res.Body, `value="Río Sánchez"`) || !strings.Contains(res.Body, `value="https://www.tiktok.com/@rio"`) {
			t.Error("the typed values were not kept")
		}

		form.Set("email", "rio@example.com")
		form.Set("accounts.0.handle", "@Rio.Sanchez")
		form.Set("accounts.0.followers", "12,500")
		form.Set("accounts.1.handle", "tiktok.com/@rio_s")
		res = cm.PostForm("/creators", form)
		if res.Status != 303 {
			t.Fatalf("good form: status %d, body %s", res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		m := creatorPath.FindStringSubmatch(loc)
		if m == nil {
			t.Fatalf("redirect to %q", loc)
		}
		show := cm.Get(loc)
		for _, want := range []string{"Río Sánchez", "rio.sanchez", "rio_s", "12,500", "hiking", "Río Sánchez was added."} {
			if !strings.Contains(show.Body, want) {
				t.Errorf("creator page lacks %q", want)
			}
		}

		edit := cm.Get(loc + "/edit")
		if edit.Status != 200 || !strings.Contains(edit.Body, `value="rio.sanchez"`) {
			t.Fatalf("edit form: %d", edit.Status)
		}
		form.Set("display_name", "Río S.")
		form.Set("stage", "active")
		if res := cm.PostForm(loc, form); res.Status != 303 {
			t.Fatalf("update: %d %s", res.Status, res.Body)
		}

		list := cm.Get("/creators?stage=active&q=r%C3%ADo")
		if !strings.Contains(list.Body, "Río S.") {
			t.Error("filtered list lacks the creator")
		}
		if other := cm.Get("/creators?stage=declined"); strings.Contains(other.Body, "Río S.") {
			t.Error("a declined filter shows an active creator")
		}
		if bad := cm.Get("/creators?min_followers=many"); bad.Status != 422 || !strings.Contains(bad.Body, `id="min_followers-error"`) {
			t.Errorf("bad filter: %d", bad.Status)
		}

		bulk := cm.PostForm("/creators/bulk", url.Values{"ids": {m[1], "999999"}, "action": {"add_tag"}, "tag": {"Launch 2026"}, "back": {"/creators"}})
		if bulk.Status != 303 {
			t.Fatalf("bulk: %d", bulk.Status)
		}
		if after := cm.Get("/creators?tag=launch+2026"); !strings.Contains(after.Body, "Río S.") || !strings.Contains(after.Body, "1 creator changed.") {
			t.Error("bulk tag did not apply or did not say so")
		}
		cm.PostForm("/creators/bulk", url.Values{"ids": {m[1]}, "action": {"set_stage"}, "stage": {"alumni"}})
		if after := cm.Get(loc); !strings.Contains(after.Body, "Alumni") {
			t.Error("bulk stage did not apply")
		}
		if none := cm.PostForm("/creators/bulk", url.Values{"action": {"add_tag"}, "tag": {"x"}, "back": {"/creators"}}); none.Status != 303 {
			t.Errorf("bulk with nothing selected: %d", none.Status)
		} else if page := cm.Get("/creators"); !strings.Contains(page.Body, "Select at least one creator.") {
			t.Error("bulk with nothing selected did not say why")
		}

		if confirm := cm.Get(loc + "/delete"); !strings.Contains(confirm.Body, "cannot be undone") {
			t.Error("delete has no confirmation page")
		}
		if res := cm.PostForm(loc+"/delete", nil); res.Status != 303 {
			t.Fatalf("delete: %d", res.Status)
		}
		if gone := cm.Get(loc); gone.Status != 404 {
			t.Errorf("deleted creator: %d", gone.Status)
		}

		events, err := audit.List(context.Background(), d, w.Brand.ID, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]bool{}
		for _, e := range events {
			if e.EntityID == m[1] {
				actions[e.Action] = true
				if e.Actor != w.Users[auth.CommunityManager].Email {
					t.Errorf("audit actor %q", e.Actor)
				}
			}
		}
		for _, a := range []string{"create", "update", "add_tag", "set_stage", "delete"} {
			if !actions[a] {
				t.Errorf("no audit event %q for the creator (have %v)", a, actions)
			}
		}
		exec := env.SignIn(w.Users[auth.BrandExecutive].Email)
		if log := exec.Get("/audit"); !strings.Contains(log.Body, "Río S.") || !strings.Contains(log.Body, w.Users[auth.CommunityManager].Email) {
			t.Error("the audit page does not show who changed what")
		}
	})
}
