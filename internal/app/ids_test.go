package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
)

// idMaker makes a new record of one kind in world w and returns its id.
type idMaker func(t *testing.T, env *apptest.Env, w *apptest.World) int64

// idMakers say, for each path prefix whose routes take an {id}, how to
// make a record of that kind. The tenant and role tests walk every route
// of the router and need one; each capability registers its own in a file
// of its own here (ids_<room>_test.go), with init().
var idMakers = map[string]idMaker{}

// freshID makes a new record of the kind a route's {id} names.
func freshID(t *testing.T, env *apptest.Env, w *apptest.World, path string) int64 {
	t.Helper()
	best := ""
	for prefix := range idMakers {
		if strings.HasPrefix(path, prefix) && len(prefix) > len(best) {
			best = prefix
		}
	}
	if best == "" {
		t.Fatalf("no id maker for %s: register one in internal/app/ids_<room>_test.go", path)
	}
	return idMakers[best](t, env, w)
}

func init() {
	newCreator := func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		p := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: w.Brand.ID}, nil)
		env.Advance(1)
		c, err := creator.NewService(env.DB, env.Now).Create(context.Background(), p,
			creator.Fields{DisplayName: fmt.Sprintf("Fresh %d", env.Now().UnixNano()), Stage: "prospect"})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	idMakers["/creators/"] = newCreator
	idMakers["/api/v1/creators/"] = newCreator
	idMakers["/team/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		env.Advance(1)
		return env.User(fmt.Sprintf("member%d@%s.test", env.Now().UnixNano(), w.Brand.Slug), w.Brand.ID, auth.CommunityManager).ID
	}
	idMakers["/tokens/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		_, tok, err := auth.CreateToken(context.Background(), env.DB, w.Brand.ID, "fresh", []auth.Permission{auth.CreatorsRead}, 0, env.Now())
		if err != nil {
			t.Fatal(err)
		}
		return tok.ID
	}
	idMakers["/outbox/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 { return w.MailID }
	idMakers["/account/sessions/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		u := w.Users[auth.Viewer]
		_, id, err := auth.CreateSession(context.Background(), env.DB, u.ID, w.Brand.ID, "fixture", "127.0.0.1", env.Now())
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
}
