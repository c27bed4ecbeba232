package kb

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fold lowers s and removes its accents ("Campaña" → "campana"), the same
// way for indexed text and for queries, so "campana" finds "campaña" and
// "campaña" finds "campana" on both engines whatever their tokenizer does.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// isCJK reports whether r belongs to a script written without spaces
// between words (Han, Hiragana, Katakana): such runs are indexed as
// single characters and bigrams instead of as one long "word".
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー'
}

// words splits folded text into index terms: runs of letters and digits,
// except that a run of CJK characters becomes its characters and its
// overlapping pairs ("知識ベース" → 知 識 ベ ー ス 知識 識ベ ベー ース).
func words(s string) []string {
	var out []string
	var word []rune
	var cjk []rune
	flushWord := func() {
		if len(word) > 0 {
			out = append(out, string(word))
			word = word[:0]
		}
	}
	flushCJK := func() {
		for i := range cjk {
			out = append(out, string(cjk[i]))
		}
		for i := 0; i+1 < len(cjk); i++ {
			out = append(out, string(cjk[i:i+2]))
		}
		cjk = cjk[:0]
	}
	for _, r := range fold(s) {
		switch {
		case isCJK(r):
			flushWord()
			cjk = append(cjk, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushCJK()
			word = append(word, r)
		default:
			flushWord()
			flushCJK()
		}
	}
	flushWord()
	flushCJK()
	return out
}

// indexText is what a version's search_title or search_body holds.
func indexText(s string) string { return strings.Join(words(s), " ") }

// queryTerm is one thing a search looks for: a word (matched as a prefix,
// so results come while typing) or a CJK bigram or character (matched
// exactly: the index holds every one).
type queryTerm struct {
	text   string
	prefix bool
}

// maxQueryTerms bounds the terms of one search.
const maxQueryTerms = 12

// queryTerms turns what a reader typed into terms, every one of which an
// article must contain. A CJK run of two or more characters needs its
// bigrams; a single CJK character needs itself.
func queryTerms(q string) []queryTerm {
	var out []queryTerm
	seen := map[string]bool{}
	add := func(t queryTerm) {
		if !seen[t.text] && len(out) < maxQueryTerms {
			seen[t.text] = true
			out = append(out, t)
		}
	}
	var cjk []rune
	flushCJK := func() {
		if len(cjk) == 1 {
			add(queryTerm{text: string(cjk)})
		}
		for i := 0; i+1 < len(cjk); i++ {
			add(queryTerm{text: string(cjk[i : i+2])})
		}
		cjk = cjk[:0]
	}
	for _, f := range strings.FieldsFunc(fold(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		var word []rune
		for _, r := range f {
			if isCJK(r) {
				if len(word) > 0 {
					add(queryTerm{text: string(word), prefix: true})
					word = nil
				}
				cjk = append(cjk, r)
				continue
			}
			flushCJK()
			word = append(word, r)
		}
		flushCJK()
		if len(word) > 0 {
			add(queryTerm{text: string(word), prefix: true})
		}
	}
	return out
}

// excerpt is the start of a markdown body as plain text, for lists: the
// first paragraph's words without markup, cut at a word near max runes.
func excerpt(body string, max int) string {
	var b strings.Builder
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "```") || strings.HasPrefix(line, "|") {
			if b.Len() > 0 && line == "" {
				break
			}
			continue
		}
		line = strings.TrimLeft(line, "-*+> 0123456789.")
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	s := strings.NewReplacer("**", "", "__", "", "`", "", "*", "", "[", "", "]", "").Replace(b.String())
	// Drop link targets: "(https://…)" after a link text.
	for {
		i := strings.Index(s, "(http")
		if i < 0 {
			i = strings.Index(s, "(/")
		}
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			break
		}
		s = s[:i] + s[i+j+1:]
	}
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := max
	for cut > max/2 && r[cut] != ' ' {
		cut--
	}
	return strings.TrimSpace(string(r[:cut])) + "…"
}
