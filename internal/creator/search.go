package creator

import (
	"context"
	"strings"

	"github.com/rosterhq/roster/internal/db"
)

// maxSearchTerms bounds the words of a search that are used.
const maxSearchTerms = 8

// ftsWalkThreshold: on SQLite, a search matching at least this many
// creators (in any brand) is answered by walking the sort's index and
// testing each row against the matches, which stops after a page; a
// rarer one by sorting its matches. SQLite cannot estimate how many rows
// an FTS5 query matches, so List counts, cheaply, up to this bound. The
// balance point is about sqrt(page size × brand size): 2,000 for 50 rows
// of 100,000 creators.
var ftsWalkThreshold = 2000

// searchMatch turns q into the dialect's full-text query: every word of
// q must start a word of the creator's search_text. Words are split as
// the indexed text is (letters and digits, folded), so quoting is all
// the escaping they need; ok is false when q has no words.
func searchMatch(d db.Dialect, q string) (match string, ok bool) {
	words := searchWords(q)
	if len(words) == 0 {
		return "", false
	}
	words = words[:min(len(words), maxSearchTerms)]
	terms := make([]string, len(words))
	for i, w := range words {
		if d == db.Postgres {
			terms[i] = "'" + strings.ReplaceAll(w, "'", "''") + "':*"
		} else {
			terms[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"*`
		}
	}
	if d == db.Postgres {
		return strings.Join(terms, " & "), true
	}
	return strings.Join(terms, " "), true
}

// searchCondition is the WHERE term for a full-text match. On SQLite,
// walk puts a unary + on c.id so the planner cannot drive the query from
// the match list and must follow the ORDER BY index instead.
func searchCondition(d db.Dialect, walk bool) string {
	if d == db.Postgres {
		// A tsquery literal: its words are search_vector's lexemes as
		// they are (migration 0019), not reparsed.
		return `c.search_vector @@ ?::tsquery`
	}
	if walk {
		return `+c.id IN (SELECT rowid FROM creators_fts WHERE creators_fts MATCH ?)`
	}
	return `c.id IN (SELECT rowid FROM creators_fts WHERE creators_fts MATCH ?)`
}

// commonSearch reports whether an SQLite full-text query matches at least
// ftsWalkThreshold rows. PostgreSQL's planner estimates this itself from
// the statistics of search_vector.
func commonSearch(ctx context.Context, q db.Querier, match string) (bool, error) {
	if q.Dialect() == db.Postgres {
		return false, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM creators_fts WHERE creators_fts MATCH ? LIMIT ?)`,
		match, ftsWalkThreshold).Scan(&n)
	return n >= ftsWalkThreshold, err
}
