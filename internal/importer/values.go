package importer

import (
	"math"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/creator"
)

// parseFollowers reads "12.5K", "1,234", "1.2M", "12 000"; an empty cell
// is absent (ok with present false).
func parseFollowers(s string) (n int64, present, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" {
		return 0, false, true
	}
	s = spaceless.Replace(s)
	// "1.234.567" and "12.345" with several dots (or a dot and three
	// digits and no suffix) are European thousands.
	if strings.Count(s, ".") > 1 || (strings.Count(s, ".") == 1 && !strings.ContainsAny(s, ",kKmMbB") && len(s)-strings.IndexByte(s, '.') == 4) {
		s = strings.ReplaceAll(s, ".", "")
	}
	v, ok := creator.ParseFollowers(s)
	return v, true, ok
}

var spaceless = strings.NewReplacer("\u00a0", "", "\u202f", "", "'", "")

// parseRate reads an engagement rate in percent: "3.4%", "3,4 %", "3.4".
func parseRate(s string) (v float64, present, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" {
		return 0, false, true
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 100 {
		return 0, true, false
	}
	return v, true, true
}

// splitList splits a cell of several values ("beauty, travel; food").
func splitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '\n' })
	out := parts[:0]
	for _, p := range parts {
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "#"))
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// languageNames are language names people write in spreadsheets, in a few
// languages, folded by headerKey.
var languageNames = map[string]string{
	"english": "en", "ingles": "en", "inglés": "en", "anglais": "en", "englisch": "en",
	"spanish": "es", "espanol": "es", "español": "es", "castellano": "es", "espagnol": "es", "spanisch": "es",
	"portuguese": "pt", "portugues": "pt", "português": "pt", "french": "fr", "frances": "fr", "francés": "fr",
	"français": "fr", "francais": "fr", "german": "de", "aleman": "de", "alemán": "de", "deutsch": "de",
	"italian": "it", "italiano": "it", "dutch": "nl", "japanese": "ja", "korean": "ko", "chinese": "zh",
	"arabic": "ar", "hindi": "hi", "russian": "ru", "polish": "pl", "turkish": "tr", "swedish": "sv",
}

// languageCode turns a language name into its code; codes pass through
// (Validate checks them).
func languageCode(s string) string {
	if code, ok := languageNames[headerKey(s)]; ok {
		return code
	}
	return strings.TrimSpace(s)
}
