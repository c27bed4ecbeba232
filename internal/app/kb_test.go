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

// articleIDFrom reads the article id from a redirect to /kb/articles/{id}.
func articleIDFrom(t *testing.T, res *apptest.Response) int64 {
	t.Helper()
	loc := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/kb/articles/") {
		t.Fatalf("create: %d %s %s", res.Status, loc, res.Body)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/kb/articles/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestKnowledgeBasePagesAPIAndPortal(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Kappa")
		admin := env.SignIn(env.User("root@platform.test", 0, auth.PlatformAdmin).Email)
		viewer := env.SignIn(w.Users[auth.Viewer].Email)
		exec := env.SignIn(w.Users[auth.BrandExecutive].Email)

		// A platform admin writes the English version, then the Spanish one.
		res := admin.PostForm("/kb/articles", map[string][]string{"slug": {"set-up-a-campaign"}, "category": {"campaigns"}, "audience": {"brand"},
			"title": {"Set up a campaign"}, "body": {"Write the **brief**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))"}})
		id := articleIDFrom(t, res)
		path := "/kb/articles/" + strconv.FormatInt(id, 10)
		res = admin.PostForm(path, map[string][]string{"slug": {"set-up-a-campaign"}, "category": {"campaigns"}, "audience": {"brand"},
			"lang": {"es"}, "revision": {"1"}, "title": {"Crear una campaña"}, "body": {"Escribe el **briefing** y fija el presupuesto."}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("save Spanish: %d %s", res.Status, res.Body)
		}
		// A stale form (still revision 1) is refused with the text kept.
		res = admin.PostForm(path, map[string][]string{"slug": {"set-up-a-campaign"}, "category": {"campaigns"}, "audience": {"brand"},
			"lang": {"en"}, "revision": {"1"}, "title": {"Overwritten"}, "body": {"Lost edit"}})
		if res.Status != http.StatusConflict || !strings.Contains(res.Body, "Lost edit") {
			t.Errorf("stale save: %d", res.Status)
		}
		// Missing fields come back next to the fields.
		res = admin.PostForm("/kb/articles", map[string][]string{"slug": {"Bad slug"}, "category": {"campaigns"}, "audience": {"brand"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="slug-error"`) || !strings.Contains(res.Body, `id="title-error"`) {
			t.Errorf("invalid create: %d", res.Status)
		}

		// Anyone signed in reads it: search without accents finds the
		// Spanish words, the page is sanitised.
		res = viewer.Get("/kb?q=campana")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Set up a campaign") {
			t.Errorf("search campana: %d", res.Status)
		}
		res = viewer.Get(path)
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "<strong>brief</strong>") || strings.Contains(res.Body, "<script>alert") ||
			strings.Contains(res.Body, "javascript:alert") {
			t.Errorf("article page: %d, sanitised? %s", res.Status, res.Body)
		}
		// The reader's language, then English with a note.
		res = viewer.Do("GET", path, nil, http.Header{"Accept-Language": {"es-MX,es;q=0.9"}})
		if !strings.Contains(res.Body, "Crear una campaña") {
			t.Errorf("Spanish reader does not get the Spanish version")
		}
		res = viewer.Get(path + "?lang=fr")
		if !strings.Contains(res.Body, "Set up a campaign") || !strings.Contains(res.Body, "Français") {
			t.Errorf("French reader: no English fallback with a note")
		}

		// Nobody but platform admins writes, edits or restores.
		for _, c := range []*apptest.Client{viewer, exec} {
			if res := c.PostForm("/kb/articles", map[string][]string{"slug": {"mine"}, "category": {"campaigns"}, "audience": {"brand"}, "title": {"t"}, "body": {"b"}}); res.Status != http.StatusForbidden {
				t.Errorf("non-admin create: %d", res.Status)
			}
			if res := c.PostForm(path+"/restore", map[string][]string{"revision": {"1"}}); res.Status != http.StatusForbidden {
				t.Errorf("non-admin restore: %d", res.Status)
			}
			if res := c.Get(path + "/edit"); res.Status != http.StatusForbidden {
				t.Errorf("non-admin edit form: %d", res.Status)
			}
		}

		// Restore revision 1 from the history page: the Spanish version goes.
		if res := admin.Get(path + "/revisions"); res.Status != http.StatusOK || !strings.Contains(res.Body, "Restore") {
			t.Errorf("history: %d", res.Status)
		}
		if res := admin.PostForm(path+"/restore", map[string][]string{"revision": {"1"}}); res.Status != http.StatusSeeOther {
			t.Errorf("restore: %d %s", res.Status, res.Body)
		}
		if res := admin.PostForm(path+"/restore", map[string][]string{"revision": {"99"}}); res.Status != http.StatusSeeOther {
			t.Errorf("restore of a missing revision: %d", res.Status)
		}

		// The API, any token: list, search and one article.
		tok := env.Token(w.Brand.ID, auth.CreatorsRead)
		res = env.API(tok, "GET", "/api/v1/kb/articles/"+strconv.FormatInt(id, 10)+"?lang=es", "")
		var got struct {
			Revision  int      `json:"revision"`
			Locale    string   `json:"locale"`
			Fallback  bool     `json:"fallback"`
			HTML      string   `json:"html"`
			Languages []string `json:"languages"`
		}
		if err := json.Unmarshal([]byte(res.Body), &got); err != nil || res.Status != 200 {
			t.Fatalf("api get: %d %s", res.Status, res.Body)
		}
		if got.Revision != 3 || got.Locale != "en" || !got.Fallback || strings.Contains(got.HTML, "<script") || len(got.Languages) != 1 {
			t.Errorf("api get after restore: %+v", got)
		}
		res = env.API(tok, "GET", "/api/v1/kb/articles?q=BRIEF", "")
		if res.Status != 200 || !strings.Contains(res.Body, `"slug":"set-up-a-campaign"`) {
			t.Errorf("api search: %d %s", res.Status, res.Body)
		}

		// Creators read creator-facing articles in the portal, only those.
		res = admin.PostForm("/kb/articles", map[string][]string{"slug": {"get-paid"}, "category": {"portal"}, "audience": {"creator"},
			"title": {"Accept an invitation"}, "body": {"Open the invitation and accept the **terms**."}})
		creatorID := articleIDFrom(t, res)
		star := portalSignIn(t, env, w.Creator.Email)
		res = star.Get("/portal/help")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Accept an invitation") || strings.Contains(res.Body, "Set up a campaign") {
			t.Errorf("portal help: %d", res.Status)
		}
		if res := star.Get("/portal/help?q=campaign"); strings.Contains(res.Body, "Set up a campaign") {
			t.Errorf("portal search shows a brand article")
		}
		if res := star.Get("/portal/help/" + strconv.FormatInt(id, 10)); res.Status != http.StatusNotFound {
			t.Errorf("portal reading a brand article: %d", res.Status)
		}
		if res := star.Get("/portal/help/" + strconv.FormatInt(creatorID, 10)); res.Status != http.StatusOK || !strings.Contains(res.Body, "<strong>terms</strong>") {
			t.Errorf("portal article: %d", res.Status)
		}
		if res := env.Anonymous().Get("/portal/help"); res.Status != http.StatusSeeOther {
			t.Errorf("portal help without a session: %d", res.Status)
		}
		// … and brand people and tokens don't see creator-facing ones.
		if res := viewer.Get("/kb/articles/" + strconv.FormatInt(creatorID, 10)); res.Status != http.StatusNotFound {
			t.Errorf("viewer reading a creator article: %d", res.Status)
		}
		if res := env.API(tok, "GET", "/api/v1/kb/articles/"+strconv.FormatInt(creatorID, 10), ""); res.Status != http.StatusNotFound {
			t.Errorf("token reading a creator article: %d", res.Status)
		}
		if res := viewer.Get("/kb?q=invitation"); strings.Contains(res.Body, "Accept an invitation") {
			t.Errorf("brand search shows a creator article")
		}
	})
}

// TestKnowledgeBaseSearchSaysWhenMoreMatch: a search lists the best 30 and
// says that more match, instead of counting only what it lists.
func TestKnowledgeBaseSearchSaysWhenMoreMatch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Lambda")
		admin := env.SignIn(env.User("root@platform.test", 0, auth.PlatformAdmin).Email)
		viewer := env.SignIn(w.Users[auth.Viewer].Email)
		for i := range 31 {
			res := admin.PostForm("/kb/articles", map[string][]string{"slug": {"budget-" + strconv.Itoa(i)}, "category": {"campaigns"}, "audience": {"brand"},
				"title": {"Budget note " + strconv.Itoa(i)}, "body": {"How a campaign budget is set."}})
			articleIDFrom(t, res)
		}
		res := viewer.Get("/kb?q=budget")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "More than 30 articles match") || strings.Count(res.Body, `<li>`) != 30 {
			t.Errorf("31 matches: %d, %d listed: %s", res.Status, strings.Count(res.Body, `<li>`), res.Body)
		}
		res = viewer.Get("/kb?q=budget+note+7")
		if !strings.Contains(res.Body, "1 article matches") || strings.Contains(res.Body, "More than") {
			t.Errorf("one match: %s", res.Body)
		}
	})
}
