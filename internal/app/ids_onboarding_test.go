package app_test

import (
	"context"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/onboarding"
)

// A milestone of the world's plan (the plan is copied from the template
// the first time it is read), for the tenant and role walks.
func init() {
	idMakers["/onboarding/milestones/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		plan, err := onboarding.Plan(context.Background(), env.DB, w.Brand.ID, env.Now())
		if err != nil || len(plan) == 0 {
			t.Fatalf("plan: %v", err)
		}
		return plan[len(plan)-1].ID
	}
}
