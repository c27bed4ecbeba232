package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/app"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/importer"
)

const importCSV = "Name;IG;Followers;E-mail\r\nAna;@Ana;12.5K;ana@example.com\r\nBad;bob;lots;\r\nAna;ana;12.5K;\r\n"

func TestCLIImportCreators(t *testing.T) {
	cliEach(t, func(t *testing.T, target cliTarget) {
		cliMust(t, app.Migrate, target, "apply")
		cliMust(t, app.BrandCreate, target, "--name", "Acme", "--slug", "acme")
		dir := t.TempDir()
		file := filepath.Join(dir, "network.csv")
		if err := os.WriteFile(file, []byte(importCSV), 0o600); err != nil {
			t.Fatal(err)
		}
		errorsFile := filepath.Join(dir, "errors.csv")
		out := cliMust(t, app.ImportCreators, target, file, "--brand", "acme", "--json", "--errors", errorsFile, "--map", "IG=instagram")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		var counts map[string]int64
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &counts); err != nil {
			t.Fatalf("last line is not JSON: %q", out)
		}
		want := map[string]int64{"rows": 3, "created": 1, "updated": 0, "unchanged": 1, "failed": 1}
		for k, v := range want {
			if counts[k] != v || len(counts) != len(want) {
				t.Fatalf("counts = %v, want %v", counts, want)
			}
		}
		errs, err := os.ReadFile(errorsFile)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(errs), "line,column,value,reason,kind\n") || !strings.Contains(string(errs), "3,Followers,lots,") {
			t.Fatalf("errors file:\n%s", errs)
		}
		// A dry run of the same file changes nothing; bad rows exit 0.
		out = cliMust(t, app.ImportCreators, target, file, "--brand", "acme", "--json", "--dry-run")
		if !strings.HasSuffix(strings.TrimSpace(out), `{"rows":3,"created":0,"updated":0,"unchanged":2,"failed":1}`) {
			t.Fatalf("dry run: %q", out)
		}
		if _, _, err := cliRun(t, app.ImportCreators, target, "", file, "--brand", "nope"); err == nil {
			t.Fatal("unknown brand: no error")
		}
	})
}

// multipartBody builds an upload form: fields then the file.
func multipartBody(t *testing.T, fields map[string]string, file string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", "network.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte(file))
	_ = mw.Close()
	return b.String(), mw.FormDataContentType()
}

func TestAPIImports(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("acme")
		body, ctype := multipartBody(t, map[string]string{"kind": "creators", "dry_run": "true", "mapping": `{"IG": "instagram"}`}, importCSV)
		res := env.API(w.Token, "POST", "/api/v1/imports", body, "Content-Type", ctype)
		if res.Status != 200 || !strings.Contains(res.Body, `"outcome":"created"`) {
			t.Fatalf("dry run: %d %s", res.Status, res.Body)
		}
		body, ctype = multipartBody(t, map[string]string{"kind": "creators", "mapping": `{"IG": "instagram"}`}, importCSV)
		res = env.API(w.Token, "POST", "/api/v1/imports", body, "Content-Type", ctype)
		if res.Status != 202 {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		var im struct {
			ID     int64            `json:"id"`
			Status string           `json:"status"`
			Counts map[string]int64 `json:"counts"`
		}
		if err := json.Unmarshal([]byte(res.Body), &im); err != nil || im.Status != "queued" {
			t.Fatalf("%s %v", res.Body, err)
		}
		if err := importer.RunStored(context.Background(), d, w.Brand.ID, im.ID, importer.JobOptions{Now: env.Now}); err != nil {
			t.Fatal(err)
		}
		res = env.API(w.Token, "GET", fmt.Sprintf("/api/v1/imports/%d", im.ID), "")
		_ = json.Unmarshal([]byte(res.Body), &im)
		if im.Status != "done" || im.Counts["rows"] != 3 || im.Counts["created"] != 1 || im.Counts["failed"] != 1 {
			t.Fatalf("status: %s", res.Body)
		}
		res = env.API(w.Token, "GET", fmt.Sprintf("/api/v1/imports/%d/errors.csv", im.ID), "")
		if res.Status != 200 || !strings.Contains(res.Body, "3,Followers,lots,") {
			t.Fatalf("errors.csv: %d %s", res.Status, res.Body)
		}
		other := env.NewWorld("other")
		if res := env.API(other.Token, "GET", fmt.Sprintf("/api/v1/imports/%d", im.ID), ""); res.Status != 404 {
			t.Fatalf("other brand: %d", res.Status)
		}
	})
}
