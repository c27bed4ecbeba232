package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// matcher is built once: construction is the costly part of matching, and
// Match does not modify it, so requests can share it.
var matcher = newMatcher()

func newMatcher() language.Matcher {
	tags := make([]language.Tag, len(Supported))
	for i, code := range Supported {
		tags[i] = language.MustParse(code)
	}
	return language.NewMatcher(tags)
}

// Negotiate picks the locale for a request: the user's saved setting when
// it is supported, else the best supported match for the Accept-Language
// header ("es-MX" → "es"), else the fallback locale.
func Negotiate(userSetting, acceptLanguage string) string {
	if IsSupported(userSetting) {
		return userSetting
	}
	fallback := Supported[0]
	wanted, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(wanted) == 0 {
		return fallback
	}
	// The index, not the returned tag, names our locale: the tag may carry
	// extensions such as "es-u-rg-mxzzzz".
	_, index, confidence := matcher.Match(wanted...)
	if confidence == language.No {
		return fallback
	}
	return Supported[index]
}

// Match maps a language code as people and other tools write it ("pt",
// "pt_br", "ES", "es-MX", "ja-JP") to the supported locale that speaks it,
// or "" when none does. Unlike Negotiate it refuses loose matches: a
// creator who speaks Catalan is not written to in Spanish by guesswork.
func Match(code string) string {
	if IsSupported(code) {
		return code
	}
	tag, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(code), "_", "-"))
	if err != nil {
		return ""
	}
	_, index, confidence := matcher.Match(tag)
	if confidence < language.High {
		return ""
	}
	return Supported[index]
}
