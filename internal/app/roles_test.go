package app_test

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/web"
)

// TestRolesCanDoExactlyWhatTheMatrixSays signs in as each role and calls
// every brand route with valid ids of the role's own brand: a role that
// holds the route's permission must get through (no 403, no 404, no 5xx),
// one that doesn't must get 403.
func TestRolesCanDoExactlyWhatTheMatrixSays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Gamma")
		admin := env.User("root@platform.test", 0, auth.PlatformAdmin)
		emails := map[auth.Role]string{auth.PlatformAdmin: admin.Email}
		for r, u := range w.Users {
			emails[r] = u.Email
		}
		// Expectations come from the document, not the code, so a change
		// to either that the other doesn't share fails here.
		doc, err := os.ReadFile("../../docs/permissions.md")
		if err != nil {
			t.Fatal(err)
		}
		matrix, err := auth.ParsePermissionMatrix(string(doc))
		if err != nil {
			t.Fatal(err)
		}
		routes := 0
		for _, role := range auth.Roles {
			c := env.SignIn(emails[role])
			for _, route := range env.Router.Routes() {
				if route.API || route.Access != web.Brand {
					continue
				}
				routes++
				path := withID(t, env, w, route.Path)
				var res *apptest.Response
				if route.Method == "GET" {
					res = c.Get(path)
				} else {
					res = c.PostForm(path, map[string][]string{"role": {"viewer"}})
				}
				allowed := matrix[role][route.Perm]
				switch {
				case allowed && (res.Status == http.StatusForbidden || res.Status == http.StatusNotFound || res.Status >= 500):
					t.Errorf("%s %s as %s (holds %s): status %d, want it to get through", route.Method, path, role, route.Perm, res.Status)
				case !allowed && res.Status != http.StatusForbidden:
					t.Errorf("%s %s as %s (lacks %s): status %d, want 403", route.Method, path, role, route.Perm, res.Status)
				}
			}
		}
		if routes < 5*15 {
			t.Fatalf("only %d role/route pairs were tried", routes)
		}
	})
}

// TestTokenScopesGateEveryAPIRoute gives each API route a token with
// exactly its scope (it must get through) and one with every other scope
// (it must get 403).
func TestTokenScopesGateEveryAPIRoute(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Delta")
		for _, route := range env.Router.Routes() {
			if !route.API || route.Access != web.Brand {
				continue
			}
			var others []auth.Permission
			for _, s := range auth.TokenScopes {
				if s != route.Perm {
					others = append(others, s)
				}
			}
			body := ""
			if route.Method == "POST" || route.Method == "PATCH" {
				env.Advance(1)
				body = fmt.Sprintf(`{"display_name":"Scoped %d"}`, env.Now().UnixNano())
			}
			for _, tc := range []struct {
				scopes []auth.Permission
				want   func(int) bool
			}{
				{[]auth.Permission{route.Perm}, func(s int) bool { return s != 403 && s != 404 && s < 500 }},
				{others, func(s int) bool { return s == 403 }},
			} {
				path := withID(t, env, w, route.Path)
				res := env.API(env.Token(w.Brand.ID, tc.scopes...), route.Method, path, body)
				if !tc.want(res.Status) {
					t.Errorf("%s %s with scopes %v: status %d (%s)", route.Method, path, tc.scopes, res.Status, res.Body)
				}
			}
		}
		if res := env.API("", "GET", "/api/v1/creators", ""); res.Status != http.StatusUnauthorized {
			t.Errorf("no token: %d, want 401", res.Status)
		}
		if res := env.API("rst_not-a-real-token", "GET", "/api/v1/me", ""); res.Status != http.StatusUnauthorized {
			t.Errorf("bad token: %d, want 401", res.Status)
		}
	})
}

// withID fills a route's {id} with a fresh record of world w.
func withID(t *testing.T, env *apptest.Env, w *apptest.World, path string) string {
	if !strings.Contains(path, "{id}") {
		return path
	}
	return strings.Replace(path, "{id}", strconv.FormatInt(freshID(t, env, w, path), 10), 1)
}
