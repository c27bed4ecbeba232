package creator

import (
	"strings"

	"github.com/rosterhq/roster/internal/db"
)

// maxSearchTerms bounds the words of a search that are used.
const maxSearchTerms = 8

// searchCondition is the full-text part of a list query: every word of q
// must start a word of the creator's search_text. Words are split as the
// indexed text is (letters and digits, folded), so they need no escaping
// beyond quoting; ok is false when q has no words.
func searchCondition(d db.Dialect, q string) (cond string, arg any, ok bool) {
	words := searchWords(q)
	if len(words) == 0 {
		return "", nil, false
	}
	words = words[:min(len(words), maxSearchTerms)]
	terms := make([]string, len(words))
	if d == db.Postgres {
		for i, w := range words {
			terms[i] = "'" + strings.ReplaceAll(w, "'", "''") + "':*"
		}
		return `to_tsvector('simple', c.search_text) @@ to_tsquery('simple', ?)`, strings.Join(terms, " & "), true
	}
	for i, w := range words {
		terms[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"*`
	}
	return `c.id IN (SELECT rowid FROM creators_fts WHERE creators_fts MATCH ?)`, strings.Join(terms, " "), true
}
