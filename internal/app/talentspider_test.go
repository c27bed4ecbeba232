package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/talentspider"
)

type suggestionList struct {
	Data       []talentspider.Suggestion `json:"data"`
	NextCursor string                    `json:"next_cursor"`
}

func suggestionsOf(t *testing.T, env *apptest.Env, token, query string) suggestionList {
	t.Helper()
	res := env.API(token, "GET", "/api/v1/suggestions"+query, "")
	if res.Status != http.StatusOK {
		t.Fatalf("GET suggestions%s: %d %s", query, res.Status, res.Body)
	}
	var l suggestionList
	if err := json.Unmarshal([]byte(res.Body), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// rivalSecrets are brand Rival's private facts; none may reach Home.
var rivalSecrets = []string{"RIVAL PRIVATE NOTE", "private@rival.test", "Rival Private Name", "rival-vip",
	"Secret Creator of Rival", "star@rival.test", "secret-rival", "Rival"}

func noRivalSecrets(t *testing.T, where, body string) {
	t.Helper()
	for _, s := range rivalSecrets {
		if strings.Contains(body, s) {
			t.Errorf("%s shows Rival's %q", where, s)
		}
	}
}

// TestSuggestionsThroughPagesAndAPI: Home's seed is its fixture creator
// and three US, English, yoga, micro creators; Rival has a yoga creator
// with private notes and email. Home sees Rival's creators by their
// public handles only, ranked and explained, can dismiss and add them.
func TestSuggestionsThroughPagesAndAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		home, rival := env.NewWorld("Home"), env.NewWorld("Rival")
		ctx := context.Background()
		svc := creator.NewService(d, env.Now)
		add := func(brandID int64, f creator.Fields) {
			t.Helper()
			env.Advance(1e9)
			if _, err := svc.Create(ctx, auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: brandID}, nil), f); err != nil {
				t.Fatal(err)
			}
		}
		for _, h := range []string{"home_a", "home_b", "home_c"} {
			add(home.Brand.ID, creator.Fields{DisplayName: h, Stage: "active", Country: "US", Languages: []string{"en"}, Tags: []string{"yoga"},
				SocialAccounts: []creator.SocialAccountInput{{Platform: "instagram", Handle: h, Followers: 30_000, EngagementRate: 4.8}}})
		}
		add(rival.Brand.ID, creator.Fields{DisplayName: "Rival Private Name", Email: "private@rival.test", Notes: "RIVAL PRIVATE NOTE",
			Stage: "active", Country: "US", Languages: []string{"en"}, Tags: []string{"yoga", "rival-vip"},
			SocialAccounts: []creator.SocialAccountInput{{Platform: "instagram", Handle: "yogi_pub", Followers: 50_000, EngagementRate: 4.8}}})
		add(rival.Brand.ID, creator.Fields{DisplayName: "Second", Stage: "declined", Country: "MX", Languages: []string{"es"},
			SocialAccounts: []creator.SocialAccountInput{{Platform: "tiktok", Handle: "segundo", Followers: 30_000, EngagementRate: 9.6}}})
		cm := env.SignIn(home.Users[auth.CommunityManager].Email)

		// The page: ranked, explained, nothing private of Rival.
		page := cm.Get("/suggestions")
		if page.Status != http.StatusOK {
			t.Fatalf("GET /suggestions: %d", page.Status)
		}
		for _, want := range []string{"@yogi_pub", "@star_rival", "@segundo", "same niche as 3 of your top 4 (yoga)",
			"based in US, like 4 of your 4 creators", "engagement 1.5× the micro (10K–100K) tier median (2.4%)", `href="/suggestions"`} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if strings.Index(page.Body, "@yogi_pub") > strings.Index(page.Body, "@star_rival") {
			t.Error("yogi_pub (every axis) must come before star_rival (no niche)")
		}
		noRivalSecrets(t, "page", page.Body)
		if v := env.SignIn(home.Users[auth.Viewer].Email).Get("/suggestions"); v.Status != 200 || strings.Contains(v.Body, "/dismiss") {
			t.Errorf("viewer: %d, with dismiss buttons: %v", v.Status, strings.Contains(v.Body, "/dismiss"))
		}
		if p := cm.Get("/suggestions?country=MX&platform=tiktok"); !strings.Contains(p.Body, "@segundo") || strings.Contains(p.Body, "@yogi_pub") {
			t.Error("country and platform filters")
		}

		// The API: same order, cursor pages, nothing private.
		all := suggestionsOf(t, env, home.Token, "")
		if len(all.Data) != 3 || all.Data[0].Handle != "yogi_pub" || all.Data[0].Score != 91.3 || all.NextCursor != "" {
			t.Fatalf("API list: %+v", all)
		}
		raw := env.API(home.Token, "GET", "/api/v1/suggestions", "")
		noRivalSecrets(t, "API", raw.Body)
		var paged []string
		cursor := ""
		for range 5 {
			q := "?limit=1"
			if cursor != "" {
				q += "&cursor=" + cursor
			}
			l := suggestionsOf(t, env, home.Token, q)
			for _, s := range l.Data {
				paged = append(paged, s.Handle)
			}
			if cursor = l.NextCursor; cursor == "" {
				break
			}
		}
		if strings.Join(paged, ",") != all.Data[0].Handle+","+all.Data[1].Handle+","+all.Data[2].Handle {
			t.Errorf("pages %v", paged)
		}
		if r := env.API(home.Token, "GET", "/api/v1/suggestions?cursor=nope", ""); r.Status != 422 {
			t.Errorf("bad cursor: %d", r.Status)
		}

		// Dismiss from the page: back to the same filters, gone for good.
		yogi := talentspider.Key(home.Brand.ID, "instagram", "yogi_pub")
		r := cm.PostForm("/suggestions/"+yogi+"/dismiss", map[string][]string{"reason": {"too pricey"}, "back": {"/suggestions?platform=instagram"}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/suggestions?platform=instagram" {
			t.Fatalf("dismiss: %d %s", r.Status, r.Header.Get("Location"))
		}
		if p := cm.Get("/suggestions?platform=instagram"); !strings.Contains(p.Body, "@yogi_pub dismissed") || strings.Contains(p.Body, `/instagram.com/yogi_pub`) {
			t.Error("after dismissing, the flash is shown and the row is gone")
		}
		for _, id := range []string{yogi, talentspider.Key(rival.Brand.ID, "instagram", "star_rival"), "12345", "abc"} {
			if r := env.API(home.Token, "POST", "/api/v1/suggestions/"+id+"/dismiss", ""); r.Status != http.StatusNotFound {
				t.Errorf("dismiss %s: %d", id, r.Status)
			}
		}
		if r := env.API(home.Token, "POST", "/api/v1/suggestions/"+talentspider.Key(home.Brand.ID, "tiktok", "segundo")+"/dismiss",
			`{"reason":"not now"}`); r.Status != http.StatusNoContent {
			t.Errorf("API dismiss: %d %s", r.Status, r.Body)
		}
		events, err := audit.List(ctx, d, home.Brand.ID, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		dismissals := map[string]any{}
		for _, e := range events {
			if e.Action == "dismiss" && e.Entity == "suggestion" {
				dismissals[e.EntityID] = e.Changes["reason"].To
			}
		}
		if dismissals["instagram:yogi_pub"] != "too pricey" || dismissals["tiktok:segundo"] != "not now" {
			t.Errorf("audited dismissals: %v", dismissals)
		}

		// Add: a prospect with public facts only, no longer suggested.
		star := talentspider.Key(home.Brand.ID, "instagram", "star_rival")
		r = env.API(home.Token, "POST", "/api/v1/suggestions/"+star+"/add", "")
		if r.Status != http.StatusCreated || !strings.Contains(r.Body, `"stage":"prospect"`) || !strings.Contains(r.Body, `"handle":"star_rival"`) {
			t.Fatalf("add: %d %s", r.Status, r.Body)
		}
		noRivalSecrets(t, "added creator", r.Body)
		if l := suggestionsOf(t, env, home.Token, ""); len(l.Data) != 0 {
			t.Errorf("after dismissing two and adding one: %+v", l.Data)
		}
		if p := cm.Get("/creators?stage=prospect"); !strings.Contains(p.Body, "star_rival") {
			t.Error("the added creator is not in the list of prospects")
		}
		if r := cm.PostForm("/suggestions/"+star+"/add", nil); r.Status != http.StatusNotFound {
			t.Errorf("adding twice: %d", r.Status)
		}
	})
}
