package app_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/app"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/importer"
)

// exportSeed is a small network with something to filter on.
const exportSeed = "name,instagram,instagram_followers,tiktok,tags,country,notes\n" +
	"Ana Ruiz,ana,12500,ana.tt,\"beauty, travel\",ES,\"Met at a fair, 2024\nprefers email\"\n" +
	"Björn Ek,bjorn,800,,food,SE,\n" +
	"Chloé,,,chloe,beauty,FR,\n"

func seedImport(t *testing.T, d *db.DB, brandID int64, file string) importer.Counts {
	t.Helper()
	res, err := importer.Run(context.Background(), d, strings.NewReader(file), importer.Options{BrandID: brandID, Source: "import:seed.csv"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Counts
}

// csvNames are the names column of an export, header excluded.
func csvNames(t *testing.T, file string) []string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(file)).ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, file)
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[0])
	}
	return out
}

func TestExportCreatorsAPIAndPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("acme")
		other := env.NewWorld("other")
		seedImport(t, d, w.Brand.ID, exportSeed)

		res := env.API(w.Token, "GET", "/api/v1/creators/export?tag=beauty&sort=name", "")
		if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("export: %d %s %s", res.Status, res.Header.Get("Content-Type"), res.Body)
		}
		if got := csvNames(t, res.Body); !slices.Equal(got, []string{"Ana Ruiz", "Chloé"}) {
			t.Fatalf("beauty: %q\n%s", got, res.Body)
		}
		res = env.API(w.Token, "GET", "/api/v1/creators/export?sort=name&limit=1", "")
		if got := csvNames(t, res.Body); len(got) != 4 || strings.Contains(res.Body, other.Creator.DisplayName) {
			t.Fatalf("everything, and only this brand's: %q", got)
		}
		if res := env.API(w.Token, "GET", "/api/v1/creators/export?min_followers=lots", ""); res.Status != 422 {
			t.Fatalf("bad filter: %d %s", res.Status, res.Body)
		}
		if res := env.API(env.Token(w.Brand.ID, auth.CreatorsImport), "GET", "/api/v1/creators/export", ""); res.Status != 403 {
			t.Fatalf("without creators:read: %d", res.Status)
		}

		// The export imports back through the API with no mapping and changes nothing.
		file := env.API(w.Token, "GET", "/api/v1/creators/export", "").Body
		body, ctype := multipartBody(t, map[string]string{"kind": "creators"}, file)
		res = env.API(w.Token, "POST", "/api/v1/imports", body, "Content-Type", ctype)
		var id int64
		if _, err := fmt.Sscanf(res.Header.Get("Location"), "/api/v1/imports/%d", &id); res.Status != 202 || err != nil {
			t.Fatalf("import: %d %s", res.Status, res.Body)
		}
		if err := importer.RunStored(context.Background(), d, w.Brand.ID, id, importer.JobOptions{Now: env.Now}); err != nil {
			t.Fatal(err)
		}
		im, err := importer.GetImport(context.Background(), d, w.Brand.ID, id)
		if err != nil || im.Counts != (importer.Counts{Rows: 4, Unchanged: 4}) {
			t.Fatalf("re-import: %+v %v", im, err)
		}

		// The list page links to the export with its filters; the link downloads.
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		page := cm.Get("/creators?tag=beauty&sort=name")
		if page.Status != 200 || !strings.Contains(page.Body, `href="/creators/export.csv?sort=name&amp;tag=beauty"`) {
			t.Fatalf("list page: %d\n%s", page.Status, page.Body)
		}
		res = cm.Get("/creators/export.csv?sort=name&tag=beauty")
		if res.Status != 200 || !slices.Equal(csvNames(t, res.Body), []string{"Ana Ruiz", "Chloé"}) ||
			!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: %d %v\n%s", res.Status, res.Header, res.Body)
		}
	})
}

// A brand of a few thousand creators exports every one of them once,
// through several pages of the keyset list.
func TestExportStreamsLargeBrand(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("big")
		const n = 3000
		var b strings.Builder
		b.WriteString("name,tiktok,tiktok_followers\n")
		for i := range n {
			fmt.Fprintf(&b, "Creator %04d,c%04d,%d\n", i, i, i%7*1000) // many share a follower count
		}
		if c := seedImport(t, d, w.Brand.ID, b.String()); c.Created != n {
			t.Fatalf("seed: %+v", c)
		}
		res := env.API(w.Token, "GET", "/api/v1/creators/export?sort=-followers", "")
		names := csvNames(t, res.Body)
		if res.Status != 200 || len(names) != n+1 {
			t.Fatalf("%d: %d lines", res.Status, len(names))
		}
		slices.Sort(names)
		if names = slices.Compact(names); len(names) != n+1 {
			t.Fatalf("repeated creators: %d distinct", len(names))
		}
		if c := seedImport(t, d, w.Brand.ID, res.Body); c != (importer.Counts{Rows: n + 1, Unchanged: n + 1}) {
			t.Fatalf("re-import: %+v", c)
		}
	})
}

func TestCLIExportCreators(t *testing.T) {
	cliEach(t, func(t *testing.T, target cliTarget) {
		cliMust(t, app.Migrate, target, "apply")
		cliMust(t, app.BrandCreate, target, "--name", "Acme", "--slug", "acme")
		dir := t.TempDir()
		file := filepath.Join(dir, "seed.csv")
		if err := os.WriteFile(file, []byte(exportSeed), 0o600); err != nil {
			t.Fatal(err)
		}
		cliMust(t, app.ImportCreators, target, file, "--brand", "acme")
		out := cliMust(t, app.ExportCreators, target, "--brand", "acme", "--tag", "beauty", "--sort", "-name")
		if got := csvNames(t, out); !slices.Equal(got, []string{"Chloé", "Ana Ruiz"}) {
			t.Fatalf("export: %q\n%s", got, out)
		}
		all := filepath.Join(dir, "all.csv")
		if err := os.WriteFile(all, []byte(cliMust(t, app.ExportCreators, target, "--brand", "acme")), 0o600); err != nil {
			t.Fatal(err)
		}
		again := cliMust(t, app.ImportCreators, target, all, "--brand", "acme", "--json")
		if !strings.HasSuffix(strings.TrimSpace(again), `{"rows":3,"created":0,"updated":0,"unchanged":3,"failed":0}`) {
			t.Fatalf("re-import: %s", again)
		}
		if _, _, err := cliRun(t, app.ExportCreators, target, "", "--brand", "acme", "--stage", "Not A Stage!"); err == nil {
			t.Fatal("bad filter: no error")
		}
		if _, _, err := cliRun(t, app.ExportCreators, target, "", "--brand", "nope"); err == nil {
			t.Fatal("unknown brand: no error")
		}
	})
}
