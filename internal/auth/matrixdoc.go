package auth

import (
	"fmt"
	"strings"
)

// ParsePermissionMatrix reads the table of docs/permissions.md: a header
// "permission | what it allows | <role> …" and one row per permission
// with ✓ where the role holds it. Tests use it to hold the code to the
// document.
func ParsePermissionMatrix(markdown string) (map[Role]map[Permission]bool, error) {
	var header []string
	out := map[Role]map[Permission]bool{}
	for _, line := range strings.Split(markdown, "\n") {
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "`")
		}
		if header == nil {
			header = cells
			continue
		}
		if len(cells) != len(header) {
			return nil, fmt.Errorf("row %q has %d cells, the header %d", cells[0], len(cells), len(header))
		}
		for i := 2; i < len(cells); i++ {
			role := Role(header[i])
			if out[role] == nil {
				out[role] = map[Permission]bool{}
			}
			out[role][Permission(cells[0])] = strings.Contains(cells[i], "✓")
		}
	}
	if header == nil {
		return nil, fmt.Errorf("no permission table found")
	}
	return out, nil
}
