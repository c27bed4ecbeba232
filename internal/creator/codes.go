package creator

import (
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"golang.org/x/text/language"
)

// notISOCountries are codes x/text accepts as countries that ISO 3166-1
// does not assign: exceptional reservations (AC, CP, DG, EA, EU-like EZ,
// IC, TA, UN) and transitional ones for countries that no longer exist.
// XK (Kosovo) is user-assigned but universally used, so it is accepted.
var notISOCountries = map[string]bool{
	"AC": true, "CP": true, "DG": true, "EA": true, "EZ": true, "IC": true, "TA": true, "UN": true,
	"AN": true, "CS": true, "SU": true, "YU": true,
}

// normalizeCountry upper-cases an ISO 3166-1 alpha-2 code and checks it;
// an old or alias code (UK, DD) is refused with the code to use instead.
// The returned value is what is stored (the input, trimmed, on error).
func normalizeCountry(raw, field string, errs *apperr.Fields) string {
	code := strings.ToUpper(strings.TrimSpace(raw))
	if code == "" {
		return ""
	}
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		addField(errs, field, "validation.country", "value", quoteShort(code))
		return code
	}
	r, err := language.ParseRegion(code)
	switch {
	case err != nil || !r.IsCountry() || notISOCountries[code]:
		addField(errs, field, "validation.country", "value", quoteShort(code))
	case r.Canonicalize().String() != code:
		addField(errs, field, "validation.country_alias", "value", code, "code", r.Canonicalize().String())
	}
	return code
}

// canonicalLanguage returns the canonical BCP 47 form of a language tag
// ("EN_us" → "en-US", "iw" → "he"), refusing "und" and unknown subtags.
func canonicalLanguage(raw string) (string, bool) {
	if len(raw) > 35 {
		return "", false
	}
	tag, err := language.Parse(raw)
	if err != nil || tag == language.Und {
		return "", false
	}
	return tag.String(), true
}
