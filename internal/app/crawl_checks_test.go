package app_test

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/rosterhq/roster/internal/i18n"
)

// checkPage runs the page checks on one HTML page rendered in lang and
// returns what is wrong, one sentence each.
func checkPage(body string, doc *html.Node, lang string) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, p := range checkNesting(body) {
		add("markup: %s", p)
	}
	ids := map[string]*html.Node{}
	var labels, controls []*html.Node
	var h1s int
	var title *html.Node
	var root *html.Node
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if id, ok := attr(n, "id"); ok {
			if _, dup := ids[id]; dup {
				add("id %q is used more than once", id)
			}
			ids[id] = n
		}
		switch n.DataAtom {
		case atom.Html:
			root = n
		case atom.Title:
			if title == nil {
				title = n
			}
		case atom.H1:
			h1s++
		case atom.Label:
			labels = append(labels, n)
		case atom.Input, atom.Select, atom.Textarea:
			if needsLabel(n) {
				controls = append(controls, n)
			}
		}
	}
	if root == nil {
		add("no <html> element")
	} else if got, _ := attr(root, "lang"); got != lang {
		add("<html lang=%q> on a page in %s", got, lang)
	}
	if title == nil {
		add("no <title>")
	} else if t := strings.TrimSpace(textOf(title)); t == "" || strings.HasPrefix(t, "·") {
		add("<title> %q names no page", t)
	}
	if h1s != 1 {
		add("%d <h1> elements, want exactly one", h1s)
	}
	labelled := map[string]bool{}
	for _, l := range labels {
		target, ok := attr(l, "for")
		if !ok {
			continue
		}
		if c := ids[target]; c == nil || !labelable(c) {
			add("<label for=%q> points at no form control", target)
		}
		labelled[target] = true
	}
	for _, c := range controls {
		if !hasLabel(c, labelled, ids) {
			add("%s has no label", describe(c))
		}
	}
	for _, n := range unnamed(doc) {
		add("%s has no text or accessible name", describe(n))
	}
	for _, p := range danglingRefs(doc, ids) {
		add("%s", p)
	}
	for _, k := range leakedKeys(doc) {
		add("the catalogue key %q shows on the page", k)
	}
	if lang != "en" {
		for _, text := range englishLeft(doc, lang) {
			add("%q shows in English (%s) on a page in %s", text, strings.Join(englishMessages[text], ", "), lang)
		}
	}
	return out
}

// englishMessages maps each English message without placeholders to its
// keys, to recognise English text that reached a page in another language
// (a message looked up in English, or typed into a template or handler).
var englishMessages = func() map[string][]string {
	m := map[string][]string{}
	en := i18n.For("en")
	for _, k := range i18n.Keys("en") {
		if msg := en.T(k); !strings.Contains(msg, "{") {
			m[msg] = append(m[msg], k)
		}
	}
	return m
}()

// messagesOf holds each supported language's messages, as texts.
var messagesOf = func() map[string]map[string]bool {
	all := map[string]map[string]bool{}
	for _, code := range i18n.Supported {
		l, texts := i18n.For(code), map[string]bool{}
		for _, k := range i18n.Keys(code) {
			texts[l.T(k)] = true
		}
		all[code] = texts
	}
	return all
}()

// englishLeft returns the English messages that are a whole text (or
// shown attribute) of a page in lang and no message of lang's own ("Active"
// is French too). Text inside an element that declares its language is
// the author's, not the interface's: a knowledge-base article, an email
// as it was sent, a language's own name in a picker.
func englishLeft(doc *html.Node, lang string) []string {
	var out []string
	seen := map[string]bool{}
	own := messagesOf[lang]
	check := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		if own[s] {
			return
		}
		if len(englishMessages[s]) > 0 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	var walk func(n *html.Node, other bool)
	walk = func(n *html.Node, other bool) {
		if n.Type == html.ElementNode {
			if _, ok := attr(n, "lang"); ok && n.DataAtom != atom.Html {
				other = true
			}
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			if !other {
				for _, a := range shownAttrs {
					if v, ok := attr(n, a); ok {
						check(v)
					}
				}
			}
		}
		if n.Type == html.TextNode && !other {
			check(n.Data)
			if p := n.Parent; p != nil && p.DataAtom == atom.Title {
				for _, part := range strings.Split(n.Data, " · ") { // "page · app"
					check(part)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, other)
		}
	}
	walk(doc, false)
	return out
}

// needsLabel reports whether a form control is one a person fills in.
func needsLabel(n *html.Node) bool {
	if n.DataAtom != atom.Input {
		return true
	}
	t, _ := attr(n, "type")
	switch strings.ToLower(t) {
	case "hidden", "submit", "button", "reset", "image":
		return false
	}
	return true
}

// labelable reports whether a <label for> may point at n.
func labelable(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Input:
		t, _ := attr(n, "type")
		return !strings.EqualFold(t, "hidden")
	case atom.Select, atom.Textarea, atom.Button, atom.Meter, atom.Output, atom.Progress:
		return true
	}
	return false
}

// hasLabel reports whether a control has an accessible name from a label
// (by for or by wrapping), aria-label or aria-labelledby.
func hasLabel(n *html.Node, labelled map[string]bool, ids map[string]*html.Node) bool {
	if v, _ := attr(n, "aria-label"); strings.TrimSpace(v) != "" {
		return true
	}
	if v, ok := attr(n, "aria-labelledby"); ok {
		refs := strings.Fields(v)
		all := len(refs) > 0
		for _, id := range refs {
			all = all && ids[id] != nil
		}
		if all {
			return true
		}
	}
	if id, ok := attr(n, "id"); ok && labelled[id] {
		return true
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Label {
			return true
		}
	}
	return false
}

// describe names a control for a message: <input name="q" type="search">.
func describe(n *html.Node) string {
	var b strings.Builder
	b.WriteString("<" + n.Data)
	for _, k := range []string{"id", "name", "type"} {
		if v, ok := attr(n, k); ok {
			fmt.Fprintf(&b, " %s=%q", k, v)
		}
	}
	return b.String() + ">"
}

// textOf returns the text inside n.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// catalogueKeys holds every English key, and every plural key's base, to
// recognise a key printed instead of its message.
var catalogueKeys = func() map[string]bool {
	keys := map[string]bool{}
	for _, k := range i18n.Keys("en") {
		keys[k] = true
		for _, form := range []string{".zero", ".one", ".two", ".few", ".many", ".other"} {
			if base, ok := strings.CutSuffix(k, form); ok {
				keys[base] = true
			}
		}
	}
	return keys
}()

// shownAttrs are the attributes whose values a person reads or hears.
var shownAttrs = []string{"title", "aria-label", "placeholder", "alt"}

// leakedKeys returns catalogue keys that appear as words in a page's text
// or in the attributes people read.
func leakedKeys(doc *html.Node) []string {
	var out []string
	seen := map[string]bool{}
	scan := func(s string) {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.')
		}) {
			w = strings.Trim(w, ".")
			if strings.Contains(w, ".") && catalogueKeys[w] && !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	for n := range doc.Descendants() {
		switch n.Type {
		case html.TextNode:
			if p := n.Parent; p == nil || (p.DataAtom != atom.Script && p.DataAtom != atom.Style) {
				scan(n.Data)
			}
		case html.ElementNode:
			for _, a := range shownAttrs {
				if v, ok := attr(n, a); ok {
					scan(v)
				}
			}
			if t, _ := attr(n, "type"); n.DataAtom == atom.Input && (t == "submit" || t == "button") {
				v, _ := attr(n, "value")
				scan(v)
			}
		}
	}
	return out
}

// voidElements never have an end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// optionalEnd are elements whose end tag HTML lets an author leave out.
var optionalEnd = map[string]bool{"html": true, "head": true, "body": true, "p": true, "li": true, "dt": true, "dd": true,
	"option": true, "optgroup": true, "tr": true, "td": true, "th": true, "thead": true, "tbody": true, "tfoot": true,
	"colgroup": true, "caption": true, "rt": true, "rp": true}

// checkNesting finds what a browser's parser silently repairs, and
// html.Parse with it: an end tag with no open element to close, or an
// element left open whose end tag is required. Either is a template that
// lost or doubled a tag, and moves content somewhere nobody meant.
func checkNesting(body string) []string {
	var out []string
	var open []string
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return append(out, z.Err().Error())
			}
			for _, name := range open {
				if !optionalEnd[name] {
					out = append(out, fmt.Sprintf("<%s> is never closed", name))
				}
			}
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			i := len(open) - 1
			for i >= 0 && open[i] != string(name) {
				i--
			}
			if i < 0 {
				out = append(out, fmt.Sprintf("</%s> closes nothing open (open: %s)", name, strings.Join(open, " > ")))
				continue
			}
			for _, left := range open[i+1:] {
				if !optionalEnd[left] {
					out = append(out, fmt.Sprintf("<%s> is closed by </%s>", left, name))
				}
			}
			open = open[:i]
		}
	}
}

// idRefAttrs are attributes that name other elements of the page by id.
var idRefAttrs = []string{"aria-describedby", "aria-labelledby", "aria-controls", "aria-owns", "list", "form"}

// danglingRefs finds references to ids the page does not have: an
// aria-describedby naming no message, a skip link or in-page link to
// nowhere. Assistive technology then reads nothing, silently.
func danglingRefs(doc *html.Node, ids map[string]*html.Node) []string {
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range idRefAttrs {
			v, ok := attr(n, a)
			if !ok {
				continue
			}
			for _, id := range strings.Fields(v) {
				if ids[id] == nil {
					out = append(out, fmt.Sprintf("%s %s=%q names no element", describe(n), a, id))
				}
			}
		}
		if href, ok := attr(n, "href"); ok && n.DataAtom == atom.A && len(href) > 1 && href[0] == '#' && ids[href[1:]] == nil {
			out = append(out, fmt.Sprintf("<a href=%q> leads to no element", href))
		}
	}
	return out
}

// unnamed returns the links and buttons a screen reader could only call
// "link" or "button": no text, no aria-label, no labelled image inside.
func unnamed(doc *html.Node) []*html.Node {
	var out []*html.Node
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || (n.DataAtom != atom.A && n.DataAtom != atom.Button) {
			continue
		}
		if n.DataAtom == atom.A {
			if _, ok := attr(n, "href"); !ok {
				continue
			}
		}
		if strings.TrimSpace(textOf(n)) != "" {
			continue
		}
		named := false
		for _, a := range []string{"aria-label", "aria-labelledby", "title"} {
			if v, _ := attr(n, a); strings.TrimSpace(v) != "" {
				named = true
			}
		}
		for d := range n.Descendants() {
			if v, _ := attr(d, "alt"); d.Type == html.ElementNode && strings.TrimSpace(v) != "" {
				named = true
			}
		}
		if !named {
			out = append(out, n)
		}
	}
	return out
}
