package app_test

import (
	"context"
	"testing"

	"github.com/rosterhq/roster/internal/accountwork"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
)

// Account work records for the tenant and role walks, made by the
// world's account manager.
func init() {
	svc := func(env *apptest.Env) *accountwork.Service { return &accountwork.Service{DB: env.DB, Now: env.Now} }
	am := func(w *apptest.World) *auth.Principal {
		u := w.Users[auth.AccountManager]
		return auth.NewPrincipal(auth.Principal{User: u, BrandID: w.Brand.ID, Role: auth.AccountManager}, auth.PermissionsOf(auth.AccountManager))
	}
	day := func(env *apptest.Env) string { return env.Now().UTC().Format("2006-01-02") }
	idMakers["/account-work/tasks/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		x := &accountwork.Task{Kind: "maintenance", Title: "Check integrations"}
		if err := svc(env).SaveTask(context.Background(), am(w), x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	idMakers["/account-work/meetings/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		x := &accountwork.Meeting{Kind: "strategy_call", Title: "Monthly strategy", Day: day(env), Duration: 45}
		if err := svc(env).SaveMeeting(context.Background(), am(w), x, nil); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	idMakers["/account-work/partnerships/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		x := &accountwork.Partnership{Partner: "Trailhead Outfitters", Kind: "sponsored_campaign", Status: "prospect", Currency: "USD"}
		if err := svc(env).SavePartnership(context.Background(), am(w), x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	idMakers["/account-work/goals/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		x := &accountwork.Goal{Metric: "active_creators", Target: 50, PeriodStart: day(env), PeriodEnd: day(env)}
		if err := svc(env).SaveGoal(context.Background(), am(w), x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
}
