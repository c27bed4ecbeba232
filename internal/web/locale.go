package web

import (
	"net/http"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/i18n"
)

// LangCookie remembers the language chosen by someone not signed in.
const LangCookie = "roster_lang"

// Localizer picks the request's language: the user's setting, else the
// language cookie, else Accept-Language, else English.
func Localizer(r *http.Request) *i18n.Localizer {
	setting := ""
	if p := auth.FromContext(r.Context()); p != nil && p.User != nil {
		setting = p.User.Locale
	}
	if setting == "" {
		if c, err := r.Cookie(LangCookie); err == nil {
			setting = c.Value
		}
	}
	return i18n.For(i18n.Negotiate(setting, r.Header.Get("Accept-Language")))
}
