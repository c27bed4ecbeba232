package app_test

import (
	"context"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/timetrack"
)

// Time entries for the tenant and role walks: one of the world's
// community manager, so every role with time:log may open it (its owner,
// and those who manage time).
func init() {
	idMakers["/time/entries/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		svc := &timetrack.Service{DB: env.DB, Now: env.Now}
		e, err := svc.Log(context.Background(), staff(env, w), timetrack.Input{Category: contract.Recruiting, Day: env.Now().Format("2006-01-02"), Minutes: 30}, timetrack.SourceManual)
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
}
