package app_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/importer"
	"github.com/rosterhq/roster/internal/jobs"
)

// uiImportCSV has a column detection cannot place ("Cuenta"), a bad follower
// count on line 3, and a duplicate on line 4.
const uiImportCSV = "Name;Cuenta;Followers;Country\r\nAna Ruiz;@ana;12.5K;España\r\nBob;bob;lots;US\r\nAna again;ana;12.5K;ES\r\n"

// uploadForm posts a file to the Imports page as a browser does.
func uploadForm(t *testing.T, c *apptest.Client, file, mapping string) *apptest.Response {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("mapping", mapping)
	fw, err := mw.CreateFormFile("file", "network.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte(file))
	_ = mw.Close()
	return c.Do("POST", "/imports", &b, http.Header{"Content-Type": {mw.FormDataContentType()}})
}

var importIDRE = regexp.MustCompile(`^/imports/(\d+)$`)

// follow fetches a 303's target, as a browser does.
func follow(t *testing.T, c *apptest.Client, res *apptest.Response) *apptest.Response {
	t.Helper()
	if res.Status != http.StatusSeeOther {
		t.Fatalf("%s %s: %d, want 303\n%s", res.Req.Method, res.Req.URL, res.Status, res.Body)
	}
	return c.Get(res.Header.Get("Location"))
}

func TestImportsUIFlow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := apptest.New(t, d)
		w := env.NewWorld("acme")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		if page := cm.Get("/creators"); !strings.Contains(page.Body, `href="/imports"`) {
			t.Fatal("no Import button on the creator list")
		}
		if page := cm.Get("/imports"); page.Status != 200 || !strings.Contains(page.Body, `enctype="multipart/form-data"`) {
			t.Fatalf("imports page: %d\n%s", page.Status, page.Body)
		}
		if res := uploadForm(t, cm, uiImportCSV, "Cuenta=nothing"); res.Status != 422 || !strings.Contains(res.Body, `id="mapping-error"`) {
			t.Fatalf("bad mapping: %d\n%s", res.Status, res.Body)
		}

		// Upload: a preview, nothing written.
		res := follow(t, cm, uploadForm(t, cm, uiImportCSV, ""))
		m := importIDRE.FindStringSubmatch(res.Req.URL.Path)
		if res.Status != 200 || m == nil {
			t.Fatalf("upload: %d %s\n%s", res.Status, res.Req.URL, res.Body)
		}
		page := "/imports/" + m[1]
		for _, want := range []string{`name="col.0"`, `<option value="display_name" selected>`, `<option value="country" selected>`,
			`<option value="ignore" selected>`, "No column holds handles"} {
			if !strings.Contains(res.Body, want) {
				t.Fatalf("preview without %q:\n%s", want, res.Body)
			}
		}
		if countRows(t, d, "creators", w.Brand.ID) != 1 {
			t.Fatal("the preview wrote creators")
		}

		// Map IG to Instagram with the select: the preview shows the rows and the line-numbered problems.
		res = follow(t, cm, cm.PostForm(page+"/mapping", url.Values{"col.0": {"display_name"}, "col.1": {"instagram"}, "col.2": {"followers"}, "col.3": {"country"}}))
		for _, want := range []string{`<option value="instagram" selected>`, "Ana Ruiz", "Instagram ana", "Checked all 3 rows",
			"<td class=\"num\">3</td><td>Followers</td>", "Not a number of followers", "Same creator as line 2"} {
			if res.Status != 200 || !strings.Contains(res.Body, want) {
				t.Fatalf("remapped preview without %q: %d\n%s", want, res.Status, res.Body)
			}
		}
		// The same preview in Spanish, from the catalogue keys.
		es := env.SignIn(w.Users[auth.AccountManager].Email)
		if p := es.Do("GET", page, nil, http.Header{"Accept-Language": {"es"}}); !strings.Contains(p.Body, "No es un número de seguidores") {
			t.Fatalf("Spanish preview:\n%s", p.Body)
		}

		// Import: the durable job, run by a queue over the same database.
		res = follow(t, cm, cm.PostForm(page+"/start", nil))
		if res.Status != 200 || res.Req.URL.Path != page || res.Header.Get("Refresh") != "2" || !strings.Contains(res.Body, "<progress") {
			t.Fatalf("start: %d %s refresh=%q\n%s", res.Status, res.Req.URL, res.Header.Get("Refresh"), res.Body)
		}
		if again := cm.PostForm(page+"/start", nil); again.Status != http.StatusConflict {
			t.Fatalf("second start: %d", again.Status)
		}
		queue := jobs.New(d, slog.New(slog.DiscardHandler), jobs.Config{})
		importer.RegisterJobs(queue, d)
		deadline := time.Now().Add(time.Minute)
		for {
			im, err := importer.GetImport(ctx, d, w.Brand.ID, mustAtoi(t, m[1]))
			if err != nil {
				t.Fatal(err)
			}
			if im.Status == importer.StatusDone {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the import did not finish within a minute: %+v", im)
			}
			if _, err := queue.Work(ctx); err != nil {
				t.Fatal(err)
			}
		}
		res = cm.Get(page)
		if res.Header.Get("Refresh") != "" || !strings.Contains(res.Body, `value="100"`) {
			t.Fatalf("finished page still refreshes or is not at 100%%:\n%s", res.Body)
		}
		for _, want := range []string{"Created</dt><dd>1<", "Updated</dt><dd>1<", "Errors so far</dt><dd>1<", page + "/errors.csv",
			"Not a number of followers", w.Users[auth.CommunityManager].Email} {
			if !strings.Contains(res.Body, want) {
				t.Fatalf("import page without %q:\n%s", want, res.Body)
			}
		}
		csv := cm.Get(page + "/errors.csv")
		if csv.Status != 200 || !strings.Contains(csv.Body, "3,Followers,lots,") {
			t.Fatalf("errors.csv: %d\n%s", csv.Status, csv.Body)
		}
		list := cm.Get("/imports")
		if !strings.Contains(list.Body, `href="`+page+`">network.csv</a>`) || !strings.Contains(list.Body, "Done") {
			t.Fatalf("list:\n%s", list.Body)
		}

		// Other brands and roles without creators:import see nothing.
		other := env.NewWorld("other")
		if r := env.SignIn(other.Users[auth.CommunityManager].Email).Get(page); r.Status != 404 {
			t.Fatalf("other brand: %d", r.Status)
		}
		if r := env.SignIn(w.Users[auth.Viewer].Email).Get(page); r.Status != 403 {
			t.Fatalf("viewer: %d", r.Status)
		}
	})
}

// A file without any handle column is refused on its preview, with the reason.
func TestImportsUIUnreadableFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("acme")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		res := follow(t, cm, uploadForm(t, cm, "Name,Email\nAna,ana@example.com\n", ""))
		if res.Status != 200 || !strings.Contains(res.Body, "No column holds handles") || strings.Contains(res.Body, ">Import</button>") {
			t.Fatalf("preview: %d\n%s", res.Status, res.Body)
		}
	})
}

func mustAtoi(t *testing.T, s string) int64 {
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func countRows(t *testing.T, d *db.DB, table string, brandID int64) int64 {
	t.Helper()
	var n int64
	if err := d.QueryRowContext(context.Background(), `SELECT count(*) FROM `+table+` WHERE brand_id = ?`, brandID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
