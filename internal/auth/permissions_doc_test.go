package auth

import (
	"os"
	"testing"
)

// TestPermissionMatrixDocumented keeps docs/permissions.md equal to the
// code: every role a column, every permission a row, each ✓ granted.
func TestPermissionMatrixDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/permissions.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ParsePermissionMatrix(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc) != len(Roles) {
		t.Errorf("the document has %d role columns, the code %d roles", len(doc), len(Roles))
	}
	for _, r := range Roles {
		perms, ok := doc[r]
		if !ok {
			t.Errorf("role %s has no column in docs/permissions.md", r)
			continue
		}
		if len(perms) != len(Catalogue) {
			t.Errorf("the document lists %d permissions, the catalogue %d", len(perms), len(Catalogue))
		}
		for _, c := range Catalogue {
			documented, ok := perms[c.Permission]
			if !ok {
				t.Errorf("permission %s is missing from docs/permissions.md", c.Permission)
			} else if documented != r.Grants(c.Permission) {
				t.Errorf("%s for %s: documented %v, code grants %v", c.Permission, r, documented, r.Grants(c.Permission))
			}
		}
	}
}

func TestParsePermissionMatrixRejectsRaggedRows(t *testing.T) {
	if _, err := ParsePermissionMatrix("| permission | what | viewer |\n|---|---|---|\n| a:b | x |\n"); err == nil {
		t.Fatal("a row with a missing cell was accepted")
	}
	m, err := ParsePermissionMatrix("| permission | what | viewer |\n|---|---|---|\n| `a:b` | x | ✓ |\n")
	if err != nil || !m[Viewer]["a:b"] {
		t.Fatalf("parse = %v, %v", m, err)
	}
}
