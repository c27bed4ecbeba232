package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/kb"
)

// Knowledge-base articles for the walks. They belong to the installation,
// not to world w: the tenant walk checks that another brand reads them and
// cannot write them (installationWide), the role walk that only platform
// admins write.
func init() {
	newArticle := func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		env.Advance(1)
		p := auth.NewPrincipal(auth.Principal{TokenName: "fixture"}, []auth.Permission{auth.KBWrite})
		a, err := (&kb.Service{DB: env.DB, Now: env.Now}).Create(context.Background(), p, kb.Draft{
			Slug: fmt.Sprintf("fresh-%d", env.Now().UnixNano()), Category: "campaigns", Audience: kb.AudienceBrand,
			Versions: map[string]kb.Version{"en": {Title: "Fresh article of " + w.Brand.Name, Body: "Some **help**."}}})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	idMakers["/kb/articles/"] = newArticle
	idMakers["/api/v1/kb/articles/"] = newArticle
	installationWide = append(installationWide, "/kb/", "/api/v1/kb/")
}
