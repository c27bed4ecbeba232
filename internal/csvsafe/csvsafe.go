// Package csvsafe keeps text written to CSV files from being read as a
// formula by spreadsheets (CSV injection).
package csvsafe

import "strings"

// Defuse gives a value starting with =, +, -, @, tab or carriage return a
// leading apostrophe, which spreadsheets show as text.
func Defuse(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
