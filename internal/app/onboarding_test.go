package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/importer"
)

// milestoneLine returns the plan's list item of the milestone titled title.
func milestoneLine(t *testing.T, body, title string) string {
	t.Helper()
	for _, li := range strings.Split(body, "<li ") {
		if strings.Contains(li, title) {
			return li
		}
	}
	t.Fatalf("no milestone %q on the plan", title)
	return ""
}

// TestOnboardingCompletesItselfOnEvents: a new brand's plan comes from
// the default template, dated from the contract's start; finishing the
// first import and setting the first goal complete their milestones by
// themselves; the account manager completes one by hand and adds one
// without touching the template, which only a platform admin edits.
func TestOnboardingCompletesItselfOnEvents(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Papa")
		am := env.SignIn(w.Users[auth.AccountManager].Email)
		exec := env.SignIn(w.Users[auth.BrandExecutive].Email)
		start := env.Now().UTC().AddDate(0, 0, -10).Format("2006-01-02")
		if res := env.API(w.Token, "PUT", "/api/v1/contract", fmt.Sprintf(`{"starts_on":%q}`, start)); res.Status != 200 {
			t.Fatalf("contract: %d %s", res.Status, res.Body)
		}

		res := exec.Get("/onboarding")
		if res.Status != 200 {
			t.Fatalf("plan: %d", res.Status)
		}
		importLine := milestoneLine(t, res.Body, "Initial creator network imported")
		if strings.Contains(importLine, "✓") {
			t.Fatal("the import milestone is done before any import")
		}
		// Week 3 ends on the 21st day from the start.
		if !strings.Contains(importLine, "due") {
			t.Errorf("no due date: %s", importLine)
		}
		// The contract was saved and the world has a community manager.
		if !strings.Contains(milestoneLine(t, res.Body, "Contract and hour commitments confirmed"), "seen by Roster") {
			t.Error("the contract milestone did not complete itself")
		}

		// A real import, run as its job: the milestone completes itself.
		body, ctype := multipartBody(t, map[string]string{"kind": "creators", "mapping": `{"IG": "instagram"}`}, importCSV)
		res = env.API(w.Token, "POST", "/api/v1/imports", body, "Content-Type", ctype)
		var im struct{ ID int64 }
		if err := json.Unmarshal([]byte(res.Body), &im); err != nil || res.Status != 202 {
			t.Fatalf("import: %d %s", res.Status, res.Body)
		}
		if err := importer.RunStored(context.Background(), d, w.Brand.ID, im.ID, importer.JobOptions{Now: env.Now}); err != nil {
			t.Fatal(err)
		}
		res = exec.Get("/onboarding")
		if line := milestoneLine(t, res.Body, "Initial creator network imported"); !strings.Contains(line, "✓") || !strings.Contains(line, "seen by Roster") {
			t.Errorf("the import milestone did not complete itself: %s", line)
		}

		// By hand, and an extra milestone for this brand only.
		id := regexp.MustCompile(`id="m-(\d+)"[^>]*>\s*<strong>Kick-off call`).FindStringSubmatch(res.Body)
		if id == nil {
			t.Fatalf("no kick-off milestone id in %s", res.Body)
		}
		if res := am.PostForm("/onboarding/milestones/"+id[1]+"/done", url.Values{"done": {"true"}}); res.Status != 303 {
			t.Fatalf("mark done: %d", res.Status)
		}
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		if res := cm.PostForm("/onboarding/milestones/"+id[1]+"/done", url.Values{"done": {"false"}}); res.Status != 403 {
			t.Errorf("the community manager changed the plan: %d", res.Status)
		}
		if res := am.PostForm("/onboarding/milestones", url.Values{"title": {""}, "week": {"30"}, "owner_side": {"brand"}, "due_on": {start}}); res.Status != 422 ||
			!strings.Contains(res.Body, `id="title-error"`) || !strings.Contains(res.Body, `id="week-error"`) {
			t.Fatalf("bad milestone: %d", res.Status)
		}
		if res := am.PostForm("/onboarding/milestones", url.Values{"title": {"Shopify connected"}, "week": {"2"}, "owner_side": {"brand"}, "due_on": {start}}); res.Status != 303 {
			t.Fatalf("add: %d %s", res.Status, res.Body)
		}
		res = exec.Get("/onboarding")
		if !strings.Contains(milestoneLine(t, res.Body, "Kick-off call"), "✓") || !strings.Contains(res.Body, "Shopify connected") {
			t.Error("manual completion or the added milestone is missing")
		}
		// The template is untouched: another brand's new plan lacks it.
		other := env.NewWorld("Quebec")
		if res := env.SignIn(other.Users[auth.BrandExecutive].Email).Get("/onboarding"); strings.Contains(res.Body, "Shopify connected") {
			t.Error("a brand's own milestone leaked into the template")
		}
		if res := am.Get("/admin/onboarding"); res.Status != 403 {
			t.Errorf("an account manager opened the template editor: %d", res.Status)
		}
	})
}
