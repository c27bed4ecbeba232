package kb

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// excerptRunes is how long a list's excerpt is.
const excerptRunes = 180

// List returns audience's articles (of one category when category is not
// empty), each in locale or English, sorted by category then title.
func List(ctx context.Context, q db.Querier, audience, category, locale string) ([]Summary, error) {
	where, args := `a.audience = ?`, []any{audience}
	if category != "" {
		where += ` AND a.category = ?`
		args = append(args, category)
	}
	rows, err := q.QueryContext(ctx, `SELECT a.id FROM kb_articles a WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out, err := summaries(ctx, q, ids, locale)
	if err != nil {
		return nil, err
	}
	order := map[string]int{}
	for i, c := range Categories {
		order[c] = i
	}
	col := collate.New(language.Make(locale), collate.IgnoreCase)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return order[out[i].Category] < order[out[j].Category]
		}
		return col.CompareString(out[i].Title, out[j].Title) < 0
	})
	return out, nil
}

// summaries loads articles ids as Summaries in locale (or English), in
// the order of ids; ids that no longer exist are left out.
func summaries(ctx context.Context, q db.Querier, ids []int64, locale string) ([]Summary, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	byID := make(map[int64]*Summary, len(ids))
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, 0, len(part)+4)
		args = append(args, locale, Fallback, locale, Fallback)
		for _, id := range part {
			args = append(args, id)
		}
		// Every version names its language, but only the reader's and
		// English (which every article has) are shown: the others' text
		// is not read.
		rows, err := q.QueryContext(ctx, `SELECT a.id, a.slug, a.category, a.audience, a.updated_at, v.locale,
			CASE WHEN v.locale IN (?, ?) THEN v.title ELSE '' END, CASE WHEN v.locale IN (?, ?) THEN v.body ELSE '' END
			FROM kb_articles a JOIN kb_versions v ON v.article_id = a.id
			WHERE a.id IN (`+db.Placeholders(len(part))+`) ORDER BY a.id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var s Summary
			var updated int64
			var l, title, body string
			if err := rows.Scan(&s.ID, &s.Slug, &s.Category, &s.Audience, &updated, &l, &title, &body); err != nil {
				rows.Close()
				return nil, err
			}
			cur, ok := byID[s.ID]
			if !ok {
				s.UpdatedAt = time.UnixMilli(updated).UTC()
				cur = &s
				byID[s.ID] = cur
			}
			cur.Languages = append(cur.Languages, l)
			// The reader's language wins, then English.
			if l == locale || (l == Fallback && cur.Locale != locale) {
				cur.Locale, cur.Title, cur.Excerpt = l, title, body
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]Summary, 0, len(ids))
	for _, id := range ids {
		s, ok := byID[id]
		if !ok {
			continue
		}
		s.Excerpt = excerpt(s.Excerpt, excerptRunes)
		sort.Slice(s.Languages, func(i, j int) bool { return localeIndex(s.Languages[i]) < localeIndex(s.Languages[j]) })
		out = append(out, *s)
	}
	return out, nil
}

func localeIndex(l string) int {
	for i, x := range Locales {
		if x == l {
			return i
		}
	}
	return len(Locales)
}

// Search returns up to limit of audience's articles matching query in any
// language, best first, each shown in locale (or English), and whether
// more match: those a reader reaches by adding a word (an exact count
// would cost a search a tenth more; docs/performance.md). Every term
// must appear in one language's version; words match as prefixes, CJK
// text by its characters and bigrams. A title match counts ten times a
// body match.
func Search(ctx context.Context, q db.Querier, audience, query, locale string, limit int) (found []Summary, more bool, err error) {
	terms := queryTerms(query)
	if len(terms) == 0 {
		return nil, false, nil
	}
	// Versions are ranked, not articles: an article ranks by its best
	// version, which comes first among its own, and has at most one
	// version per language, so the best limit+1 articles (one more than
	// shown tells whether more match) are among the best
	// (limit+1)×len(Locales) versions, found without grouping the
	// thousands a common word matches.
	var sqlText string
	if q.Dialect() == db.Postgres {
		// ts_rank with weights A=1.0 (title), B=0.1 (body).
		sqlText = `SELECT v.article_id FROM kb_versions v JOIN kb_articles a ON a.id = v.article_id
			WHERE v.search_vector @@ to_tsquery('simple', ?) AND a.audience = ?
			ORDER BY ts_rank('{0, 0, 0.1, 1.0}', v.search_vector, to_tsquery('simple', ?)) DESC, v.article_id LIMIT ?`
	} else {
		// rank is bm25 with the title weighted 10 (set in the migration);
		// lower is better. Versions map to articles through a narrow
		// index rather than the wide table (migration 0020).
		sqlText = `SELECT v.article_id FROM (SELECT rowid, rank FROM kb_versions_fts WHERE kb_versions_fts MATCH ?) f
			JOIN kb_versions v INDEXED BY kb_versions_article_of ON v.id = f.rowid JOIN kb_articles a ON a.id = v.article_id
			WHERE a.audience = ?
			ORDER BY f.rank, v.article_id LIMIT ?`
	}
	match := matchExpr(q.Dialect(), terms)
	args := []any{match, audience, (limit + 1) * len(Locales)}
	if q.Dialect() == db.Postgres {
		args = []any{match, audience, match, (limit + 1) * len(Locales)}
	}
	rows, err := q.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, false, err
	}
	var ids []int64
	seen := map[int64]bool{}
	for len(ids) <= limit && rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, false, err
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(ids) > limit {
		ids, more = ids[:limit], true
	}
	found, err = summaries(ctx, q, ids, locale)
	return found, more, err
}

// matchExpr writes terms as the engine's full-text query. Terms hold only
// letters and digits, so quoting is all the escaping they need.
func matchExpr(d db.Dialect, terms []queryTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		if d == db.Postgres {
			parts[i] = "'" + strings.ReplaceAll(t.text, "'", "''") + "'"
			if t.prefix {
				parts[i] += ":*"
			}
			continue
		}
		parts[i] = `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
		if t.prefix {
			parts[i] += "*"
		}
	}
	if d == db.Postgres {
		return strings.Join(parts, " & ")
	}
	return strings.Join(parts, " ")
}
