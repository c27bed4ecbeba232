package creator

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// cleanText makes outside text safe to store on both engines: invalid
// UTF-8 becomes U+FFFD and control characters go (PostgreSQL refuses NUL),
// except newlines and tabs where keepLines is set. Leading and trailing
// space is trimmed.
func cleanText(s string, keepLines bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if keepLines && (r == '\n' || r == '\t') {
			return r
		}
		if r == '\r' && keepLines {
			return -1
		}
		if unicode.IsControl(r) {
			if unicode.IsSpace(r) {
				return ' '
			}
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// normalizeTag lower-cases a tag and collapses its inner spaces.
func normalizeTag(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(cleanText(s, false))), " ")
}

// foldText lower-cases and strips diacritics ("José" → "jose") so search
// behaves the same on SQLite (whose tokenizer folds them) and PostgreSQL
// ('simple' does not).
func foldText(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	return strings.ToLower(folded)
}

// searchWords splits folded text into words of letters and digits: what
// both engines index and what a search query is matched against. Handles
// and emails are split at their punctuation ("jane.doe" → "jane doe").
func searchWords(s string) []string {
	return strings.FieldsFunc(foldText(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// maxSearchWordBytes is PostgreSQL's limit on a lexeme: longer words are
// left out of search_text (to_tsvector used to skip them; the stored
// search_vector, built from these words as they are, would refuse them).
// Field limits keep every word far shorter today.
const maxSearchWordBytes = 2047

// buildSearchText is creators.search_text: the words of the name, email,
// handles, tags and country, each word once.
func buildSearchText(c *Creator) string {
	parts := []string{c.DisplayName, c.Email, c.Country}
	parts = append(parts, c.Tags...)
	for _, a := range c.SocialAccounts {
		// "jane_doe" is found by "jane", "doe" and "janedoe".
		parts = append(parts, a.Handle, strings.Join(searchWords(a.Handle), ""))
	}
	seen := map[string]bool{}
	var words []string
	for _, p := range parts {
		for _, w := range searchWords(p) {
			if len(w) > maxSearchWordBytes {
				continue
			}
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	return strings.Join(words, " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
