package app_test

import (
	"context"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// TestSavedFiltersAPI saves, reads, renames and deletes a creator-list
// filter through the API, with every kind of bad input, on both engines;
// the harness validates each response against the OpenAPI document.
func TestSavedFiltersAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Saved")
		other := env.NewWorld("Elsewhere")
		tok, reader := w.Token, env.Token(w.Brand.ID, auth.CreatorsRead)
		var id string
		env.Run(t, []apptest.Scenario{
			{Name: "save", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 201,
				Body:     `{"name":" US beauty ","query":"/creators?tag=Beauty&country=us&sort=-created&limit=20"}`,
				Contains: []string{`"name":"US beauty"`, `"query":"country=US\u0026tag=beauty"`, `"created_by_user_id":null`},
				Check: func(t *testing.T, r *apptest.Response) {
					var f struct{ ID json.Number }
					if err := json.Unmarshal([]byte(r.Body), &f); err != nil {
						t.Fatal(err)
					}
					id = f.ID.String()
					if loc := r.Header.Get("Location"); loc != "/api/v1/saved-filters/"+id {
						t.Errorf("Location %q", loc)
					}
				}},
			{Name: "a name taken in another case", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 409,
				Body: `{"name":"us BEAUTY","query":"stage=active"}`, Check: hasFieldError("name")},
			{Name: "bad parameters, each named", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 422,
				Body: `{"name":"Bad","query":"min_followers=lots&sort=height&colour=red"}`,
				Check: func(t *testing.T, r *apptest.Response) {
					for _, f := range []string{"query.min_followers", "query.sort", "query"} {
						hasFieldError(f)(t, r)
					}
				}},
			{Name: "no name", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 422, Body: `{"query":"tag=x"}`, Check: hasFieldError("name")},
			{Name: "unknown field", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 400, Body: `{"name":"X","filters":"tag=x"}`},
			{Name: "list with read access", Token: reader, Method: "GET", Path: "/api/v1/saved-filters", Status: 200, Contains: []string{`"US beauty"`, `"next_cursor":""`}},
			{Name: "another brand lists only its own", Token: other.Token, Method: "GET", Path: "/api/v1/saved-filters", Status: 200, NotContains: []string{"US beauty"}},
			{Name: "read access cannot save", Token: reader, Method: "POST", Path: "/api/v1/saved-filters", Status: 403, Body: `{"name":"Nope","query":""}`},
		})
		env.Run(t, []apptest.Scenario{
			{Name: "get", Token: reader, Method: "GET", Path: "/api/v1/saved-filters/" + id, Status: 200, Contains: []string{`"US beauty"`}},
			{Name: "rename", Token: tok, Method: "PATCH", Path: "/api/v1/saved-filters/" + id, Status: 200,
				Body: `{"name":"US beauty creators"}`, Contains: []string{`"name":"US beauty creators"`, `"query":"country=US\u0026tag=beauty"`}},
			{Name: "change the query", Token: tok, Method: "PATCH", Path: "/api/v1/saved-filters/" + id, Status: 200,
				Body: `{"query":"country=US&tag=beauty&min_followers=10k"}`, Contains: []string{`"name":"US beauty creators"`, `min_followers=10000`}},
			{Name: "a bad query change", Token: tok, Method: "PATCH", Path: "/api/v1/saved-filters/" + id, Status: 422,
				Body: `{"query":"max_followers=-3"}`, Check: hasFieldError("query.max_followers")},
			{Name: "another brand's token gets 404", Token: other.Token, Method: "GET", Path: "/api/v1/saved-filters/" + id, Status: 404},
			{Name: "another brand cannot rename", Token: other.Token, Method: "PATCH", Path: "/api/v1/saved-filters/" + id, Status: 404, Body: `{"name":"Mine"}`},
			{Name: "another brand cannot delete", Token: other.Token, Method: "DELETE", Path: "/api/v1/saved-filters/" + id, Status: 404},
			{Name: "delete", Token: tok, Method: "DELETE", Path: "/api/v1/saved-filters/" + id, Status: 204},
			{Name: "gone", Token: tok, Method: "GET", Path: "/api/v1/saved-filters/" + id, Status: 404},
		})
	})
}

// TestSavedFilterPages: the community manager saves the creator list's
// filters under a name (problems shown beside the name or the filter),
// applies the saved filter with one click (the list marks it), renames
// and deletes it on its page; a viewer sees and applies saved filters but
// is offered no way to change them.
func TestSavedFilterPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Pages")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		viewer := env.SignIn(w.Users[auth.Viewer].Email)
		en := i18n.For("en")

		list := cm.Get("/creators?tag=secret-pages&country=us&sort=-created")
		if list.Status != 200 || !strings.Contains(list.Body, `name="query" value="country=US&amp;tag=secret-pages"`) {
			t.Fatalf("the list does not offer to save its filters: %d\n%s", list.Status, list.Body)
		}
		if bare := cm.Get("/creators"); strings.Contains(bare.Body, `action="/saved-filters"`) {
			t.Error("the unfiltered list offers to save nothing")
		}
		res := cm.PostForm("/saved-filters", url.Values{"name": {" "}, "query": {"country=US&tag=secret-pages"}})
		if res.Status != 422 || !strings.Contains(res.Body, `id="name-error"`) || !strings.Contains(res.Body, "Secret Creator of Pages") {
			t.Errorf("no name: %d\n%s", res.Status, res.Body)
		}
		res = cm.PostForm("/saved-filters", url.Values{"name": {"Bad"}, "query": {"min_followers=lots"}})
		if res.Status != 422 || !strings.Contains(res.Body, `id="min_followers-error"`) {
			t.Errorf("a bad filter: %d\n%s", res.Status, res.Body)
		}
		res = cm.PostForm("/saved-filters", url.Values{"name": {"US secrets"}, "query": {"country=US&tag=secret-pages"}})
		if res.Status != 303 || res.Header.Get("Location") != "/creators?country=US&tag=secret-pages" {
			t.Fatalf("save: %d %s", res.Status, res.Header.Get("Location"))
		}
		filters, err := creator.SavedFilters(context.Background(), d, w.Brand.ID)
		if err != nil || len(filters) != 1 {
			t.Fatalf("saved filters %+v %v", filters, err)
		}
		id := itoa64(filters[0].ID)
		res = cm.PostForm("/saved-filters", url.Values{"name": {"us SECRETS"}, "query": {"tag=secret-pages"}})
		taken := en.T("validation.filter_name_taken", "name", "us SECRETS")
		if res.Status != 422 || !strings.Contains(res.Body, taken) || strings.Contains(res.Body, "already called &#34;us SECRETS&#34;") {
			t.Errorf("a taken name: %d, want %q beside the name and no English summary\n%s", res.Status, taken, res.Body)
		}

		applied := cm.Get("/creators?country=US&tag=secret-pages")
		for _, want := range []string{`href="/creators?country=US&amp;tag=secret-pages" aria-current="true">US secrets</a>`,
			`href="/participants/invite?filter=` + id + `"`, `href="/invitations/new?filter=` + id + `"`} {
			if !strings.Contains(applied.Body, want) {
				t.Errorf("the list with the saved filter applied lacks %s", want)
			}
		}
		if strings.Contains(applied.Body, `action="/saved-filters"`) {
			t.Error("the list offers to save the saved filter it shows")
		}
		if other := cm.Get("/creators?country=US"); strings.Contains(other.Body, `aria-current="true">US secrets`) || !strings.Contains(other.Body, ">US secrets</a>") {
			t.Error("another filter marks the saved one as applied, or does not list it")
		}

		page := cm.Get("/saved-filters")
		for _, want := range []string{"US secrets", en.T("saved_filters.term", "label", en.T("field.country"), "value", "US"),
			en.T("saved_filters.term", "label", en.T("field.tag"), "value", "secret-pages"), `action="/saved-filters/` + id + `"`} {
			if page.Status != 200 || !strings.Contains(page.Body, want) {
				t.Errorf("the saved filters page lacks %q", want)
			}
		}
		if res := cm.PostForm("/saved-filters/"+id, url.Values{"name": {""}}); res.Status != 422 || !strings.Contains(res.Body, `id="name-error"`) {
			t.Errorf("rename to nothing: %d", res.Status)
		}
		if res := cm.PostForm("/saved-filters/"+id, url.Values{"name": {"US secret keepers"}}); res.Status != 303 {
			t.Errorf("rename: %d", res.Status)
		}
		seen := viewer.Get("/creators")
		if !strings.Contains(seen.Body, ">US secret keepers</a>") || strings.Contains(seen.Body, `action="/saved-filters"`) {
			t.Error("the viewer does not see the renamed filter, or is offered to save filters")
		}
		if vp := viewer.Get("/saved-filters"); vp.Status != 200 || !strings.Contains(vp.Body, "US secret keepers") || strings.Contains(vp.Body, `action="/saved-filters/`+id) {
			t.Errorf("the viewer's saved filters page: %d", vp.Status)
		}
		if res := cm.PostForm("/saved-filters/"+id+"/delete", nil); res.Status != 303 {
			t.Errorf("delete: %d", res.Status)
		}
		if gone := cm.Get("/saved-filters"); !strings.Contains(gone.Body, en.T("saved_filters.none")) {
			t.Error("the deleted filter is still listed")
		}
	})
}

// TestInvitingFromASavedFilter: both invitation forms and both invitation
// APIs take a saved filter and invite exactly the creators who match it
// when they are used — including one added after the filter was saved —
// and another brand's saved filter is a 404 in each.
func TestInvitingFromASavedFilter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := apptest.New(t, d)
		w := env.NewWorld("Wave")
		other := env.NewWorld("Elsewhere")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		svc := creator.NewService(d, env.Now)
		add := func(name string, tags ...string) int64 {
			env.Advance(1)
			c, err := svc.Create(ctx, staff(env, w), creator.Fields{DisplayName: name, Tags: tags, Languages: []string{"en"},
				Email: strings.ReplaceAll(strings.ToLower(name), " ", ".") + "@wave.example"})
			if err != nil {
				t.Fatal(err)
			}
			return c.ID
		}
		first := add("First Wave", "wave-1")
		add("Not In Wave")
		f, err := svc.SaveFilter(ctx, staff(env, w), "Wave one", "tag=wave-1")
		if err != nil {
			t.Fatal(err)
		}
		late := add("Late Wave", "wave-1") // after the filter was saved
		want := []int64{first, late}
		fid := itoa64(f.ID)
		campaignID := newOfferCampaign(t, env, w, 0)

		// The campaign form: pick the filter, see who matches now, send.
		form := cm.Get("/participants/invite?filter=" + fid + "&campaign_id=" + itoa64(campaignID))
		for _, s := range []string{"First Wave", "Late Wave", `<option value="` + fid + `" selected>Wave one</option>`,
			i18n.For("en").T("saved_filters.matching", "name", "Wave one")} {
			if form.Status != 200 || !strings.Contains(form.Body, s) {
				t.Errorf("campaign invitation form from the filter lacks %q (%d)", s, form.Status)
			}
		}
		if strings.Contains(form.Body, "Not In Wave") {
			t.Error("the campaign form selected a creator the filter does not match")
		}
		post := url.Values{"campaign_id": {itoa64(campaignID)}, "fee": {"200"}}
		for _, id := range want {
			post.Add("ids", itoa64(id))
		}
		if res := cm.PostForm("/participants/invite", post); res.Status != 303 {
			t.Fatalf("send the campaign invitations: %d %s", res.Status, res.Body)
		}
		if got := slices.Sorted(maps.Keys(participantsOf(t, d, campaignID))); !slices.Equal(got, want) {
			t.Errorf("participants %v; want the filter's creators %v", got, want)
		}

		// The campaign API: saved_filter_id, resolved when called.
		apiCampaign := newOfferCampaign(t, env, w, 0)
		base := "/api/v1/campaigns/" + itoa64(apiCampaign) + "/participants"
		newest := add("Newest Wave", "wave-1")
		if res := env.API(w.Token, "POST", base, `{"saved_filter_id":`+fid+`,"creator_ids":[`+itoa64(first)+`],"offer":{"fee_minor":100}}`); res.Status != 422 {
			t.Errorf("ids and a filter at once: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "POST", base, `{"saved_filter_id":`+fid+`,"offer":{"fee_minor":100}}`); res.Status != 201 {
			t.Fatalf("invite from the filter through the API: %d %s", res.Status, res.Body)
		}
		if got := slices.Sorted(maps.Keys(participantsOf(t, d, apiCampaign))); !slices.Equal(got, []int64{first, late, newest}) {
			t.Errorf("API participants %v; want %v", got, []int64{first, late, newest})
		}

		// The recruiting form and API.
		page := cm.Get("/invitations/new?filter=" + fid)
		if page.Status != 200 || !strings.Contains(page.Body, "Newest Wave") || strings.Contains(page.Body, "Not In Wave") {
			t.Errorf("recruiting invitation form from the filter: %d", page.Status)
		}
		tpl := newTemplate(t, env, w)
		res := env.API(w.Token, "POST", "/api/v1/invitations", `{"template_id":`+itoa64(tpl)+`,"saved_filter_id":`+fid+`}`)
		var sent struct {
			Data []struct {
				CreatorID int64 `json:"creator_id"`
			}
		}
		if err := json.Unmarshal([]byte(res.Body), &sent); err != nil || res.Status != 201 {
			t.Fatalf("recruiting invitations from the filter: %d %s", res.Status, res.Body)
		}
		var invited []int64
		for _, inv := range sent.Data {
			invited = append(invited, inv.CreatorID)
		}
		if slices.Sort(invited); !slices.Equal(invited, []int64{first, late, newest}) {
			t.Errorf("recruiting invitations for %v; want %v", invited, []int64{first, late, newest})
		}

		// Another brand's saved filter is not found, wherever it is used.
		theirs := env.SignIn(other.Users[auth.CommunityManager].Email)
		for _, path := range []string{"/participants/invite?filter=" + fid, "/invitations/new?filter=" + fid} {
			if res := theirs.Get(path); res.Status != 404 || strings.Contains(res.Body, "Wave") {
				t.Errorf("%s as another brand: %d, want 404", path, res.Status)
			}
		}
		theirCampaign := newOfferCampaign(t, env, other, 0)
		if res := env.API(other.Token, "POST", "/api/v1/campaigns/"+itoa64(theirCampaign)+"/participants", `{"saved_filter_id":`+fid+`,"offer":{"fee_minor":100}}`); res.Status != 404 {
			t.Errorf("campaign API with another brand's filter: %d %s", res.Status, res.Body)
		}
		theirTpl := newTemplate(t, env, other)
		if res := env.API(other.Token, "POST", "/api/v1/invitations", `{"template_id":`+itoa64(theirTpl)+`,"saved_filter_id":`+fid+`}`); res.Status != 404 {
			t.Errorf("recruiting API with another brand's filter: %d %s", res.Status, res.Body)
		}
	})
}

// TestDemoSavedFilters: the demo brand has saved filters, and each of
// them selects some of its creators (a filter that matched nobody would
// show an empty list in a demo).
func TestDemoSavedFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		b := seedDemo(t, d)
		filters, err := creator.SavedFilters(ctx, d, b.ID)
		if err != nil || len(filters) < 3 {
			t.Fatalf("demo saved filters: %+v %v", filters, err)
		}
		for _, f := range filters {
			sel, err := creator.SelectFilter(ctx, d, b.ID, f.ID, 1000)
			if err != nil || len(sel.IDs) == 0 {
				t.Errorf("demo filter %q (%s) selects %d creators, %v", f.Name, f.Query, len(sel.IDs), err)
			}
		}
	})
}
