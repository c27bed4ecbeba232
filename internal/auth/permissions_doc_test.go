package auth

import (
	"os"
	"strings"
	"testing"
)

// TestPermissionMatrixDocumented keeps docs/permissions.md equal to the
// code: every permission has a row, every role a column, and each cell's
// ✓ matches what the role grants.
func TestPermissionMatrixDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/permissions.md")
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	rows := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") || strings.HasPrefix(line, "| ---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "`")
		}
		if header == nil {
			header = cells
			continue
		}
		rows[cells[0]] = cells
	}
	if len(header) != len(Roles)+2 {
		t.Fatalf("matrix header %v: want permission, description and one column per role %v", header, Roles)
	}
	for i, r := range Roles {
		if header[i+2] != string(r) {
			t.Errorf("column %d is %q, want role %q", i+2, header[i+2], r)
		}
	}
	for _, c := range Catalogue {
		row, ok := rows[string(c.Permission)]
		if !ok {
			t.Errorf("permission %s is missing from docs/permissions.md", c.Permission)
			continue
		}
		for i, r := range Roles {
			documented := strings.Contains(row[i+2], "✓")
			if documented != r.Grants(c.Permission) {
				t.Errorf("%s for %s: documented %v, code grants %v", c.Permission, r, documented, r.Grants(c.Permission))
			}
		}
		delete(rows, string(c.Permission))
	}
	for p := range rows {
		t.Errorf("docs/permissions.md lists %q, which is not in the catalogue", p)
	}
}
