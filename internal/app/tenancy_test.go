package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/web"
)

// TestTenantIsolation walks every route of the registry as brand B's
// people and token, aimed at brand A's ids, and expects 404 for each; list
// pages must not show A's data; afterwards A's data is untouched.
func TestTenantIsolation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		a := env.NewWorld("Alpha")
		b := env.NewWorld("Bravo")
		aSession := env.SignIn(a.Users[auth.Viewer].Email)
		// B's people: one client per role, so each route is tried by
		// someone who holds its permission (otherwise 403 hides the test).
		clients := map[auth.Role]*apptest.Client{}
		for _, r := range auth.MembershipRoles {
			clients[r] = env.SignIn(b.Users[r].Email)
		}
		tried := 0
		for _, route := range env.Router.Routes() {
			if !strings.Contains(route.Path, "{id}") {
				continue
			}
			// A record of brand A, fresh for each route so that routes which
			// delete or revoke don't hide the ones after them.
			path := withID(t, env, a, route.Path)
			if isInstallationWide(route.Path) {
				checkInstallationWide(t, env, clients, b.Token, route, path)
				continue
			}
			var res *apptest.Response
			if route.API {
				body := ""
				if route.Method == "PATCH" {
					body = `{"display_name":"hijacked"}`
				}
				res = env.API(b.Token, route.Method, path, body)
			} else {
				c := clientWith(clients, route)
				if route.Method == "POST" {
					res = c.PostForm(path, map[string][]string{"display_name": {"hijacked"}, "role": {"viewer"}})
				} else {
					res = c.Get(path)
				}
			}
			tried++
			if res.Status != http.StatusNotFound {
				t.Errorf("%s %s as brand B: status %d, want 404", route.Method, path, res.Status)
			}
			if strings.Contains(res.Body, "Secret Creator of Alpha") || strings.Contains(res.Body, "Secret subject of Alpha") {
				t.Errorf("%s %s as brand B shows brand A's data", route.Method, path)
			}
		}
		if tried < 10 {
			t.Fatalf("only %d routes with ids were tried", tried)
		}
		// Lists and searches of B never show A's records.
		for _, path := range []string{"/creators", "/creators?q=secret", "/creators?tag=secret-alpha", "/team", "/tokens", "/audit", "/outbox"} {
			for _, r := range auth.MembershipRoles {
				res := clients[r].Get(path)
				if strings.Contains(res.Body, "Alpha") || strings.Contains(res.Body, "@alpha.test") {
					t.Errorf("GET %s as B's %s shows brand A's data", path, r)
				}
			}
		}
		for _, path := range []string{"/api/v1/creators", "/api/v1/creators?q=secret", "/api/v1/creators?tag=secret-alpha", "/api/v1/me"} {
			res := env.API(b.Token, "GET", path, "")
			if res.Status != http.StatusOK || strings.Contains(res.Body, "Alpha") || strings.Contains(res.Body, "alpha") {
				t.Errorf("GET %s with B's token: status %d, body %s", path, res.Status, res.Body)
			}
		}
		// Handles are unique per brand: B may have a creator with A's
		// handle, and creating one must not reveal that A has it.
		res := env.API(b.Token, "POST", "/api/v1/creators", `{"display_name":"Lookalike","social_accounts":[{"platform":"instagram","handle":"star_alpha"}]}`)
		if res.Status != http.StatusCreated || strings.Contains(res.Body, "Alpha") {
			t.Errorf("B creating a creator with A's handle: %d %s", res.Status, res.Body)
		}
		// A's data is as it was.
		c, err := creator.NewStore(d).Get(context.Background(), d, a.Brand.ID, a.Creator.ID)
		if err != nil || c.DisplayName != "Secret Creator of Alpha" {
			t.Errorf("A's creator after the walk: %+v, %v", c, err)
		}
		if role, err := brand.RoleOf(context.Background(), d, a.Brand.ID, a.Users[auth.CommunityManager].ID); err != nil || role != auth.CommunityManager {
			t.Errorf("A's member after the walk: %v %v", role, err)
		}
		if res := env.API(a.Token, "GET", "/api/v1/me", ""); res.Status != http.StatusOK {
			t.Errorf("A's token after the walk: %d", res.Status)
		}
		if res := aSession.Get("/creators"); res.Status != http.StatusOK {
			t.Errorf("A's session after the walk: %d", res.Status)
		}
	})
}

// installationWide lists path prefixes of records that belong to the
// installation rather than to a brand (the knowledge base): every brand
// reads the same ones, so the walk expects them to be readable by B and
// writable by nobody in B, instead of 404. Rooms add theirs in their
// ids_<room>_test.go.
var installationWide []string

func isInstallationWide(path string) bool {
	for _, p := range installationWide {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// checkInstallationWide: B's people and token read an installation-wide
// record (200) and are refused its writes (403): no brand role holds a
// platform-wide write permission.
func checkInstallationWide(t *testing.T, env *apptest.Env, clients map[auth.Role]*apptest.Client, token string, route web.Route, path string) {
	t.Helper()
	want := http.StatusOK
	if route.Access == web.Brand {
		want = http.StatusForbidden
		for _, r := range auth.MembershipRoles {
			if r.Grants(route.Perm) {
				t.Errorf("%s %s: brand role %s holds %s, an installation-wide write", route.Method, route.Path, r, route.Perm)
			}
		}
	}
	var res *apptest.Response
	switch {
	case route.API:
		res = env.API(token, route.Method, path, "")
	case route.Method == "POST":
		res = clientWith(clients, route).PostForm(path, map[string][]string{"slug": {"hijacked"}, "title": {"hijacked"}, "revision": {"1"}})
	default:
		res = clientWith(clients, route).Get(path)
	}
	if res.Status != want {
		t.Errorf("%s %s as brand B (installation-wide): status %d, want %d", route.Method, path, res.Status, want)
	}
}

// clientWith picks a B client whose role holds the route's permission.
func clientWith(clients map[auth.Role]*apptest.Client, route web.Route) *apptest.Client {
	for _, r := range auth.MembershipRoles {
		if route.Access != web.Brand || r.Grants(route.Perm) {
			return clients[r]
		}
	}
	return clients[auth.AccountManager]
}
