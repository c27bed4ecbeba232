package web

import (
	"github.com/rosterhq/roster/internal/i18n"
	"html/template"
	"net/url"
	"strings"
)

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
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
