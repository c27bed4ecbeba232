package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/importer"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/participant"
)

// TestInviteSelections: the invitation form takes every creator matching
// the list's filters, or the creators an import created or updated, and
// never another brand's.
func TestInviteSelections(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Juliet")
		other := env.NewWorld("Kilo")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		svc := creator.NewService(d, env.Now)
		p := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: w.Brand.ID}, nil)
		for _, name := range []string{"Tagged One", "Tagged Two", "Untagged"} {
			f := creator.Fields{DisplayName: name, Email: strings.ReplaceAll(strings.ToLower(name), " ", ".") + "@x.test", Stage: "prospect"}
			if strings.HasPrefix(name, "Tagged") {
				f.Tags = []string{"wave-1"}
			}
			if _, err := svc.Create(context.Background(), p, f); err != nil {
				t.Fatal(err)
			}
		}
		page := cm.Get("/invitations/new?all=1&tag=wave-1")
		if page.Status != 200 || !strings.Contains(page.Body, "Tagged One") || !strings.Contains(page.Body, "Tagged Two") || strings.Contains(page.Body, "Untagged") {
			t.Fatalf("all matching tag=wave-1: %d\n%s", page.Status, page.Body)
		}
		if bad := cm.Get("/invitations/new?all=1&sort=height"); bad.Status != 422 && bad.Status != 400 {
			t.Errorf("bad filter: %d", bad.Status)
		}

		csv := "Name,Instagram,Email\nFrom File,@fromfile,from.file@x.test\n"
		body, ctype := multipartBody(t, map[string]string{"kind": "creators"}, csv)
		res := env.API(w.Token, "POST", "/api/v1/imports", body, "Content-Type", ctype)
		var im struct{ ID int64 }
		if err := json.Unmarshal([]byte(res.Body), &im); err != nil || res.Status != 202 {
			t.Fatalf("import: %d %s", res.Status, res.Body)
		}
		if err := importer.RunStored(context.Background(), d, w.Brand.ID, im.ID, importer.JobOptions{Now: env.Now}); err != nil {
			t.Fatal(err)
		}
		fromImport := cm.Get(fmt.Sprintf("/invitations/new?import=%d", im.ID))
		if !strings.Contains(fromImport.Body, "From File") || strings.Contains(fromImport.Body, "Tagged One") {
			t.Errorf("creators of the import: %d\n%s", fromImport.Status, fromImport.Body)
		}
		if done := cm.Get(fmt.Sprintf("/imports/%d", im.ID)); !strings.Contains(done.Body, fmt.Sprintf("/invitations/new?import=%d", im.ID)) {
			t.Error("the finished import's page does not offer to invite its creators")
		}
		otherCM := env.SignIn(other.Users[auth.CommunityManager].Email)
		if res := otherCM.Get(fmt.Sprintf("/invitations/new?import=%d", im.ID)); res.Status != 404 {
			t.Errorf("another brand's import: %d, want 404", res.Status)
		}
		if res := otherCM.Get("/invitations/new?all=1&tag=wave-1"); strings.Contains(res.Body, "Tagged One") {
			t.Error("another brand's filter selected this brand's creators")
		}
		// A selection over the cap is cut to it, and both invitation forms say so.
		capped := i18n.For("en").T("creators.selection_capped", "max", invite.MaxSelection)
		many := url.Values{}
		for i := range invite.MaxSelection + 1 {
			many.Add("ids", strconv.Itoa(i+1))
		}
		if res := cm.Get("/invitations/new?" + many.Encode()); res.Status != 200 || !strings.Contains(res.Body, capped) {
			t.Errorf("%d ticked creators: %d, the form does not say it took only %d", invite.MaxSelection+1, res.Status, invite.MaxSelection)
		}
		if participant.MaxBulk != invite.MaxSelection {
			t.Fatalf("the two invitation forms have different caps: adjust this test")
		}
		if res := cm.Get("/participants/invite?" + many.Encode()); res.Status != 200 || !strings.Contains(res.Body, capped) {
			t.Errorf("%d ticked creators, campaign form: %d, it does not say it took only %d", participant.MaxBulk+1, res.Status, participant.MaxBulk)
		}
		if res := cm.Get("/invitations/new?all=1&tag=wave-1"); strings.Contains(res.Body, capped) {
			t.Error("a selection under the cap says it was capped")
		}
	})
}
