package app_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/talentspider"
)

// A suggestion id is the brand's own key for a public handle. The maker
// puts a fresh creator in a brand of its own (so the handle is a
// candidate for every brand, w included: it shares w's seed country) and
// returns w's key for it. Another brand's key for the same handle is a
// different number, so brand B calling with the id made for A finds
// nothing: "another brand's suggestion" is a key that is not a current
// candidate of the caller.
func init() {
	newSuggestion := func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		ctx := context.Background()
		env.Advance(1)
		n := env.Now().UnixNano()
		src, err := brand.BySlug(ctx, env.DB, "suggestion-source")
		if err != nil {
			if src, err = brand.Create(ctx, env.DB, "Suggestion source", "suggestion-source", env.Now()); err != nil {
				t.Fatal(err)
			}
		}
		handle := fmt.Sprintf("candidate%d", n)
		p := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: src.ID}, nil)
		if _, err := creator.NewService(env.DB, env.Now).Create(ctx, p, creator.Fields{DisplayName: "Candidate", Stage: "active",
			Country: "US", SocialAccounts: []creator.SocialAccountInput{{Platform: "instagram", Handle: handle, Followers: 15000}}}); err != nil {
			t.Fatal(err)
		}
		id, err := strconv.ParseInt(talentspider.Key(w.Brand.ID, "instagram", handle), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	idMakers["/suggestions/"] = newSuggestion
	idMakers["/api/v1/suggestions/"] = newSuggestion
}
