package app_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/openapi"
)

// TestEveryAPIRouteIsInOpenAPI fails when a route under /api/v1 is missing
// from the OpenAPI document, or the document describes a route that does
// not exist.
func TestEveryAPIRouteIsInOpenAPI(t *testing.T) {
	env := apptest.New(t, dbtest.SQLite(t))
	ops, err := openapi.Operations()
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, op := range ops {
		documented[op.Method+" "+op.Path] = true
	}
	served := map[string]bool{}
	for _, r := range env.Router.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		served[r.Method+" "+r.Path] = true
		if !documented[r.Method+" "+r.Path] {
			t.Errorf("route %s %s is not in the OpenAPI document", r.Method, r.Path)
		}
	}
	var extra []string
	for op := range documented {
		if !served[op] {
			extra = append(extra, op)
		}
	}
	sort.Strings(extra)
	for _, op := range extra {
		t.Errorf("the OpenAPI document describes %s, which the router does not serve", op)
	}
}

// TestDynamicMessageKeysExist covers keys built at run time (role, stage
// and sort names), which the source scan in internal/i18n cannot see.
func TestDynamicMessageKeysExist(t *testing.T) {
	var keys []string
	for _, r := range auth.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, s := range creator.DefaultStages {
		keys = append(keys, "stage."+s)
	}
	for _, s := range creator.SortOptions {
		if strings.HasPrefix(s, "-") {
			s = s[1:] + "_desc"
		}
		keys = append(keys, "sort."+s)
	}
	keys = append(keys, "error.not_found", "error.forbidden", "error.bad_request", "error.conflict", "error.rate_limited", "error.internal")
	for _, lang := range i18n.Supported {
		for _, k := range keys {
			if !i18n.Has(lang, k) {
				t.Errorf("%s: missing message %q", lang, k)
			}
		}
	}
}
