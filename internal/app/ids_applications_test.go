package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/applications"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/creator"
)

// newApplication submits a fresh application to world w's page, from an
// address of its own so the rate limit never trips.
func newApplication(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
	t.Helper()
	env.Advance(1)
	n := env.Now().UnixNano() % 1_000_000_000
	svc := applications.NewService(env.DB, env.Now, nil)
	cfg := applications.DefaultConfig()
	cfg.Enabled = true
	out, err := svc.Submit(context.Background(), w.Brand, cfg, applications.Submission{
		Name: fmt.Sprintf("Applicant %d", n), Email: fmt.Sprintf("applicant%d@example.com", n), Locale: "en",
		IP: fmt.Sprintf("fixture-%d", n), Answers: map[string]applications.Answer{},
		Accounts: []creator.SocialAccountInput{{Platform: "tiktok", Handle: fmt.Sprintf("applicant_%d", n), Followers: 20000, EngagementRate: 2}},
	})
	if err != nil || out.Application == nil {
		t.Fatalf("fixture application: %v", err)
	}
	return out.Application.ID
}

func init() {
	idMakers["/applications/"] = newApplication
	idMakers["/api/v1/applications/"] = newApplication
}
