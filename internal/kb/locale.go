package kb

import (
	"net/http"

	"github.com/rosterhq/roster/internal/auth"
	"golang.org/x/text/language"
)

var localeMatcher = language.NewMatcher(func() []language.Tag {
	tags := make([]language.Tag, len(Locales))
	for i, l := range Locales {
		tags[i] = language.Make(l)
	}
	return tags
}())

// ReaderLocale is the language an article is shown in: ?lang= when it
// names a supported locale, else the person's setting, else the best of
// Accept-Language among Locales (articles may exist in languages the
// interface does not speak yet), else English.
func ReaderLocale(r *http.Request, setting string) string {
	if l := r.URL.Query().Get("lang"); IsLocale(l) {
		return l
	}
	if setting == "" {
		if p := auth.FromContext(r.Context()); p != nil && p.User != nil {
			setting = p.User.Locale
		}
	}
	if IsLocale(setting) {
		return setting
	}
	if accept := r.Header.Get("Accept-Language"); accept != "" {
		if tags, _, err := language.ParseAcceptLanguage(accept); err == nil && len(tags) > 0 {
			_, i, conf := localeMatcher.Match(tags...)
			if conf >= language.High {
				return Locales[i]
			}
		}
	}
	return Fallback
}
