package app_test

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

// crawlLimits bound one crawl: each route pattern (with the names of its
// query parameters) is fetched for at most perPattern distinct URLs, and
// at most pages pages in all, so the crawl's cost follows the number of
// screens rather than the number of rows in the demo.
type crawlLimits struct {
	perPattern int
	pages      int
	// submitForms also follows each GET form submitted as it stands (a
	// filter applied untouched), which tries the handlers' parameter
	// parsing rather than another catalogue: one language is enough.
	submitForms bool
}

// crawlLink is a URL the app rendered, with the page that rendered it.
type crawlLink struct {
	url  string // path and query
	from string // the page it was found on ("" for a start page)
}

// crawler walks one person's pages in one language breadth-first and
// reports, through problems, everything the checks find.
type crawler struct {
	t       *testing.T
	env     *apptest.Env
	client  *apptest.Client
	who     string // the role, as it appears in messages
	lang    string
	role    auth.Role      // the brand role, "" for the creator and the visitor
	routes  *http.ServeMux // the router's GET patterns, to collapse ids
	posts   *postRouteSet  // the router's POST routes, to check forms
	limits  crawlLimits
	misses  *missLog // translation misses the i18n hook heard
	allowed *crawlAllowList

	queue   []crawlLink
	queued  map[string]bool
	pattern map[string]int
	fetched int
	report  func(format string, args ...any)
	slowest *slowPages
}

// slowPages keeps the slowest fetches of a crawl, to say where its time
// goes.
type slowPages struct {
	pages []slowPage
}

type slowPage struct {
	url  string
	took time.Duration
}

func (s *slowPages) add(u string, took time.Duration) {
	s.pages = append(s.pages, slowPage{u, took})
	slices.SortFunc(s.pages, func(a, b slowPage) int { return int(b.took - a.took) })
	if len(s.pages) > 8 {
		s.pages = s.pages[:8]
	}
}

func (s *slowPages) String() string {
	var b strings.Builder
	for _, p := range s.pages {
		fmt.Fprintf(&b, "\n  %6s %s", p.took.Round(time.Millisecond), p.url)
	}
	return b.String()
}

// enqueue adds a link unless its URL was seen or its pattern is used up.
func (c *crawler) enqueue(l crawlLink) {
	if c.queued[l.url] {
		return
	}
	key := c.patternOf(l.url)
	if c.pattern[key] >= c.limits.perPattern {
		return
	}
	c.pattern[key]++
	c.queued[l.url] = true
	c.queue = append(c.queue, l)
}

// patternOf names the route that serves u, with its query's parameter
// names: /creators/12 and /creators/40 share "GET /creators/{id}", while
// /creators?sort=… and /creators?stage=… are told apart.
func (c *crawler) patternOf(u string) string {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return u
	}
	_, pattern := c.routes.Handler(req)
	if pattern == "" {
		pattern = req.URL.Path // unknown: every such URL counts on its own
	}
	names := make([]string, 0, len(req.URL.Query()))
	for k := range req.URL.Query() {
		names = append(names, k)
	}
	slices.Sort(names)
	return pattern + "?" + strings.Join(names, "&")
}

// run crawls from the start pages until the queue or the page budget is
// exhausted.
func (c *crawler) run(starts ...string) {
	for _, s := range starts {
		c.enqueue(crawlLink{url: s})
	}
	for len(c.queue) > 0 && c.fetched < c.limits.pages {
		l := c.queue[0]
		c.queue = c.queue[1:]
		c.visit(l)
	}
}

// get fetches u in the crawl's language, following same-origin redirects.
// It returns the last response and the path it came from.
func (c *crawler) get(u string) (*apptest.Response, string) {
	h := http.Header{"Accept-Language": {c.lang}}
	for range 5 {
		c.misses.take()
		res := c.client.Do("GET", u, nil, h)
		if res.Status < 300 || res.Status >= 400 {
			return res, u
		}
		loc, err := res.Req.URL.Parse(res.Header.Get("Location"))
		if err != nil || loc.Host != res.Req.URL.Host {
			return res, u
		}
		u = loc.RequestURI()
	}
	c.report("%s: more than 5 redirects", u)
	return nil, u
}

// visit fetches one link and checks what came back.
func (c *crawler) visit(l crawlLink) {
	c.fetched++
	began := time.Now()
	res, final := c.get(l.url)
	c.slowest.add(l.url, time.Since(began))
	if res == nil {
		return
	}
	where := l.url
	if l.from != "" {
		where = fmt.Sprintf("%s (linked from %s)", l.url, l.from)
	}
	if final != l.url {
		where += " → " + final
	}
	switch {
	case res.Status >= 500:
		c.report("%s: status %d", where, res.Status)
		return
	case res.Status == http.StatusNotFound || res.Status == http.StatusForbidden:
		c.report("%s: status %d for a link the app rendered to this person", where, res.Status)
		return
	case res.Status >= 300:
		c.report("%s: status %d", where, res.Status)
		return
	case c.isSignInPage(final, l.url):
		c.report("%s: a signed-in link leads to the sign-in page", where)
		return
	}
	ctype, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if ctype != "text/html" {
		c.checkDownload(where, final, ctype, res)
		return
	}
	if disp := res.Header.Get("Content-Disposition"); strings.HasPrefix(disp, "attachment") {
		c.report("%s: an HTML page sent as a download (%s)", where, disp)
	}
	for _, m := range c.misses.take() {
		c.report("%s: %s", where, m)
	}
	doc, err := html.Parse(strings.NewReader(res.Body))
	if err != nil {
		c.report("%s: HTML does not parse: %v", where, err)
		return
	}
	for _, p := range checkPage(res.Body, doc, pageLang(doc, res.Req.URL, c.lang)) {
		if !c.allowed.covers(c.patternOf(final), p) {
			c.report("%s: %s", where, p)
		}
	}
	c.checkPostForms(where, doc, res.Req.URL)
	for _, next := range pageLinks(doc, res.Req.URL, c.limits.submitForms) {
		c.enqueue(crawlLink{url: next, from: final})
	}
}

// pageLang is the language a page must be in: the person's, or the one
// its address names (?lang=, as on the application page's language links
// and the knowledge base's) when the page took it.
func pageLang(doc *html.Node, u *url.URL, lang string) string {
	named := u.Query().Get("lang")
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			if got, _ := attr(n, "lang"); named != "" && got == named && i18n.IsSupported(named) {
				return named
			}
			break
		}
	}
	return lang
}

// checkPostForms checks that each form a page shows posts to a route the
// person may use: a button that can only answer 403 (or send a creator to
// the team's sign-in) is as dead as a link to one.
func (c *crawler) checkPostForms(where string, doc *html.Node, base *url.URL) {
	check := func(action string) {
		u, err := base.Parse(strings.TrimSpace(action))
		if err != nil || u.Host != base.Host {
			return
		}
		req, _ := http.NewRequest("POST", u.String(), nil)
		_, pattern := c.posts.mux.Handler(req)
		route, ok := c.posts.routes[pattern]
		switch {
		case !ok:
			c.report("%s: a form posts to %s, which no route takes", where, u.Path)
		case route.Access == web.SignedIn && c.role == "":
			c.report("%s: a form posts to %s, which needs a signed-in team member", where, u.Path)
		case route.Access == web.Brand && !c.role.Grants(route.Perm):
			c.report("%s: a form posts to %s, which needs %s, to a %s", where, u.Path, route.Perm, c.who)
		}
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom != atom.Form {
			continue
		}
		if method, _ := attr(n, "method"); !strings.EqualFold(method, "post") {
			continue
		}
		if !usable(n) {
			continue // nothing to fill in or press: shown as a frame only
		}
		action, ok := attr(n, "action")
		if !ok {
			action = base.RequestURI()
		}
		check(action)
		for b := range n.Descendants() {
			if b.Type == html.ElementNode && (b.DataAtom == atom.Button || b.DataAtom == atom.Input) {
				method, hasMethod := attr(b, "formmethod")
				if fa, ok := attr(b, "formaction"); ok && (!hasMethod || strings.EqualFold(method, "post")) {
					check(fa)
				}
			}
		}
	}
}

// usable reports whether a person can do anything with a form: press a
// submit button or fill in a field that is not disabled. A form holding
// only hidden values, or whose controls were all left out for this
// person, is a frame around a table and never posts.
func usable(form *html.Node) bool {
	for n := range form.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Button, atom.Input, atom.Select, atom.Textarea:
		default:
			continue
		}
		if t, _ := attr(n, "type"); strings.EqualFold(t, "hidden") || disabled(n) {
			continue
		}
		return true
	}
	return false
}

// disabled reports whether a control is disabled, by itself or by a
// disabled fieldset around it.
func disabled(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (p == n || p.DataAtom == atom.Fieldset) {
			if _, off := attr(p, "disabled"); off {
				return true
			}
		}
	}
	return false
}

// isSignInPage tells a bounce to the sign-in page from a page that is one.
func (c *crawler) isSignInPage(final, asked string) bool {
	return c.who != "anonymous" && final != asked && (strings.HasPrefix(final, "/login") || final == "/portal" || strings.HasPrefix(final, "/portal?"))
}

// downloadTypes are the media types a link may download, by the ending of
// its path or its format parameter.
var downloadTypes = map[string]string{".csv": "text/csv", ".pdf": "application/pdf", ".ics": "text/calendar"}

// checkDownload checks a link that answered something other than a page:
// it must be a file the app means to serve, of the type its name says.
func (c *crawler) checkDownload(where, final, ctype string, res *apptest.Response) {
	u, _ := url.Parse(final)
	for ext, want := range downloadTypes {
		if strings.HasSuffix(u.Path, ext) && ctype != want {
			c.report("%s: a %s download answered %s", where, ext, ctype)
		}
	}
	if ctype == "" || ctype == "application/problem+json" {
		c.report("%s: a download answered %q", where, res.Header.Get("Content-Type"))
	}
	if len(res.Body) == 0 {
		c.report("%s: an empty download", where)
	}
}

// pageLinks lists the same-origin GET targets of a page: every <a href>,
// GET submit buttons' formaction, and the action of every GET form without
// parameters and, with submitForms, with the values it holds.
func pageLinks(doc *html.Node, base *url.URL, submitForms bool) []string {
	var out []string
	add := func(ref string) {
		u, err := base.Parse(strings.TrimSpace(ref))
		if err != nil || u.Host != base.Host || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		u.Fragment = ""
		out = append(out, u.RequestURI())
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "a":
			if href, ok := attr(n, "href"); ok && !strings.HasPrefix(href, "#") {
				add(href)
			}
		case "button", "input":
			// A submit button may send its form to another page by GET.
			if method, _ := attr(n, "formmethod"); strings.EqualFold(method, "get") {
				if action, ok := attr(n, "formaction"); ok {
					add(action)
				}
			}
		case "form":
			method, _ := attr(n, "method")
			if strings.EqualFold(method, "get") || method == "" {
				action, ok := attr(n, "action")
				if !ok {
					action = base.Path
				}
				if i := strings.IndexByte(action, '?'); i >= 0 {
					action = action[:i]
				}
				add(action)
				if q := formValues(n).Encode(); submitForms && q != "" {
					add(action + "?" + q) // submitted as it stands
				}
			}
		}
	}
	return out
}

// formValues is what a GET form sends when submitted untouched: each
// named field's value, a select's selected (else first) option, checked
// boxes only.
func formValues(form *html.Node) url.Values {
	v := url.Values{}
	for n := range form.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		name, ok := attr(n, "name")
		if !ok || name == "" {
			continue
		}
		if _, off := attr(n, "disabled"); off {
			continue
		}
		switch n.DataAtom {
		case atom.Input:
			typ, _ := attr(n, "type")
			switch strings.ToLower(typ) {
			case "submit", "button", "image", "reset", "file":
				continue
			case "checkbox", "radio":
				if _, on := attr(n, "checked"); !on {
					continue
				}
				if _, has := attr(n, "value"); !has {
					v.Add(name, "on")
					continue
				}
			}
			val, _ := attr(n, "value")
			v.Add(name, val)
		case atom.Textarea:
			v.Add(name, textOf(n))
		case atom.Select:
			var first, chosen *html.Node
			for o := range n.Descendants() {
				if o.Type == html.ElementNode && o.DataAtom == atom.Option {
					if first == nil {
						first = o
					}
					if _, sel := attr(o, "selected"); sel && chosen == nil {
						chosen = o
					}
				}
			}
			if chosen == nil {
				chosen = first
			}
			if chosen != nil {
				val, ok := attr(chosen, "value")
				if !ok {
					val = strings.TrimSpace(textOf(chosen))
				}
				v.Add(name, val)
			}
		}
	}
	return v
}

// attr returns an element's attribute.
func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// missLog holds what the i18n miss hook heard since it was last read.
type missLog struct {
	mu     sync.Mutex
	misses []string
}

// take returns the misses heard and forgets them.
func (m *missLog) take() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := m.misses
	m.misses = nil
	return out
}

// listenForMisses makes the i18n hook log each translation miss. The
// crawler reads the log after every request: the crawl is sequential and
// the test server runs no jobs, so what the hook hears during a request
// belongs to that page.
func listenForMisses(t *testing.T) *missLog {
	m := &missLog{}
	restore := i18n.SetMissHook(func(lang, key string) {
		msg := fmt.Sprintf("message %q is missing from the %s catalogue", key, lang)
		if key == "" {
			msg = fmt.Sprintf("asked for language %q, which Roster does not speak, and got English", lang)
		}
		m.mu.Lock()
		m.misses = append(m.misses, msg)
		m.mu.Unlock()
	})
	t.Cleanup(restore)
	return m
}
