package browsertest_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/importer"
	"github.com/rosterhq/roster/internal/jobs"
)

// messyCSV is a spreadsheet as people export it: loose headers, a
// handle as a profile link, followers with a thousands separator, and
// one email without a domain on line 3.
const messyCSV = "Full Name , E-mail,Instagram Handle,IG Followers,Country\r\n" +
	"Ana Ríos,ana@example.com,@ana.rios,\"12,500\",MX\r\n" +
	"Bruno Paz,bruno@,brunopaz,8000,AR\r\n" +
	"Carla Sol,carla@example.com,https://www.instagram.com/carla.sol/,3400,CL\r\n"

// TestImportsUpload: a community manager uploads a messy CSV through the
// file input, reads the preview (the detected mapping and a problem with
// its line), starts the import, and once the job has run sees the counts
// and the errors CSV link; the creators are in the brand.
func TestImportsUpload(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		start := time.Now()
		env := apptest.New(t, d)
		b := env.Brand("Lumen & Pine Outdoor")
		cm := env.User("cm@example.com", b.ID, auth.CommunityManager)
		// The queue keeps the real clock, as jobs are enqueued on it.
		queue := jobs.New(d, slog.New(slog.DiscardHandler), jobs.Config{})
		importer.RegisterJobs(queue, d)
		file := filepath.Join(t.TempDir(), "messy creators.csv")
		if err := os.WriteFile(file, []byte(messyCSV), 0o644); err != nil {
			t.Fatal(err)
		}
		en := i18n.For("en")

		ctx := browsertest.New(t)
		signInBrowser(t, ctx, env, cm.Email)
		loadAfter(t, ctx, "open Imports", chromedp.Click(chromedp.CSS(`main a[href="/imports"]`)))
		wantPath(t, ctx, "/imports")
		browsertest.Do(t, ctx, "choose the file", chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}))
		loadAfter(t, ctx, "upload", chromedp.Click(chromedp.CSS(`form[action="/imports"] button[type=submit]`)))
		path := wantPath(t, ctx, `/imports/\d+`)
		wantText(t, ctx, chromedp.CSS("main h1"), en.T("import.preview.title", "file", "messy creators.csv"))

		mapping := browsertest.Run(t, ctx, "read the mapping", chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("main select[id^=col-]"), s => s.value)`))
		if want := []string{"display_name", "email", "instagram", "instagram_followers", "country"}; !slices.Equal(mapping, want) {
			t.Errorf("detected mapping %q, want %q", mapping, want)
		}
		problems := browsertest.Run(t, ctx, "read the problems", chromedp.Evaluate[[][]string](
			`Array.from(document.querySelectorAll("main table:last-of-type tbody tr"), r => Array.from(r.cells, c => c.innerText.trim()))`))
		if !slices.ContainsFunc(problems, func(p []string) bool { return len(p) == 4 && p[0] == "3" && p[1] == "E-mail" }) {
			t.Errorf("problems %q, want one on line 3 in the E-mail column", problems)
		}
		browsertest.Screenshot(t, ctx, "import-preview.png")
		browsertest.NoConsoleErrors(t, ctx, "the preview")

		loadAfter(t, ctx, "start the import", chromedp.Click(chromedp.CSS(`form[action$="/start"] button[type=submit]`)))
		wantPath(t, ctx, path)
		// Run the job here, then reload: the page is waiting (it asks to be
		// refreshed in 2 s) and this reload comes well before.
		for {
			ran, err := queue.Work(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !ran {
				break
			}
		}
		loadAfter(t, ctx, "reload the import", chromedp.Reload())
		wantText(t, ctx, chromedp.CSS("main .stage"), en.T("import.status.done"))
		facts := browsertest.Run(t, ctx, "read the counts", chromedp.Evaluate[map[string]string](
			`Object.fromEntries(Array.from(document.querySelectorAll("main dl.facts dt"), dt => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()]))`))
		for key, want := range map[string]string{"import.progress.rows": "3", "import.count.created": "2", "import.progress.errors": "1"} {
			if got := facts[en.T(key)]; got != want {
				t.Errorf("%s: %q, want %q (all: %q)", en.T(key), got, want, facts)
			}
		}
		href := browsertest.Run(t, ctx, "find the errors CSV link", chromedp.Evaluate[string](
			`(document.querySelector("main a[download]") || {}).pathname || ""`))
		if href != path+"/errors.csv" {
			t.Errorf("errors CSV link %q, want %s/errors.csv", href, path)
		}
		if res := env.SignIn(cm.Email).Get(href); res.Status != 200 || !strings.Contains(res.Body, "bruno@") {
			t.Errorf("errors CSV: %d %q, want the failed line", res.Status, res.Body)
		}
		browsertest.NoConsoleErrors(t, ctx, "the finished import")

		var names []string
		rows, err := d.QueryContext(context.Background(), `SELECT display_name FROM creators WHERE brand_id = ? ORDER BY display_name`, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			names = append(names, n)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		if want := []string{"Ana Ríos", "Carla Sol"}; !slices.Equal(names, want) {
			t.Errorf("creators of the brand %q, want %q", names, want)
		}
		t.Logf("imports test took %s", time.Since(start).Round(time.Millisecond))
	})
}
