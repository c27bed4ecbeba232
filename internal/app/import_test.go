package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/app"
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
		if !strings.HasSuffix(strings.TrimSpace(out), `{"created":0,"failed":1,"rows":3,"unchanged":2,"updated":0}`) {
			t.Fatalf("dry run: %q", out)
		}
		if _, _, err := cliRun(t, app.ImportCreators, target, "", file, "--brand", "nope"); err == nil {
			t.Fatal("unknown brand: no error")
		}
	})
}
