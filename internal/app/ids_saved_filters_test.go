package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/creator"
)

// Saved creator-list filters, for the tenant and role walks.
func init() {
	idMakers["/api/v1/saved-filters/"] = newSavedFilter
	idMakers["/saved-filters/"] = newSavedFilter
}

// newSavedFilter saves a filter of world w (its creators tagged as the
// world's own creator is) as the community manager.
func newSavedFilter(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
	t.Helper()
	env.Advance(1)
	f, err := creator.NewService(env.DB, env.Now).SaveFilter(context.Background(), staff(env, w),
		fmt.Sprintf("Filter %d", env.Now().UnixNano()), "tag=secret-"+w.Brand.Slug)
	if err != nil {
		t.Fatal(err)
	}
	return f.ID
}
