package web

import (
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/i18n"
)

// funcs are the template functions every page has; a set's own Funcs
// add to them.
var funcs = template.FuncMap{
	// dict builds a map for passing several values to a partial.
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			k, _ := kv[i].(string)
			m[k] = kv[i+1]
		}
		return m
	},
	"join":     strings.Join,
	"contains": func(list []string, s string) bool { return slicesContains(list, s) },
	"query":    func(v url.Values) string { return v.Encode() },
	"add":      func(a, b int) int { return a + b },
	"locales":  i18n.Names,
	// list makes a list of strings in a template: (list "a" "b").
	"list": func(s ...string) []string { return s },
	// int64 widens an int for the localizer's number and plural forms.
	"int64": func(n int) int64 { return int64(n) },
	"day":   Day,
	// deref and deref64 read an optional time or number; nil reads as
	// the zero value.
	"deref":   deref[time.Time],
	"deref64": deref[int64],
}

// Day reads a date stored as YYYY-MM-DD, for formatting in the reader's
// language; anything else is the zero time.
func Day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
