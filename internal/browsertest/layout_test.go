package browsertest_test

import (
	"context"
	_ "embed"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/demo"
)

// layoutJS holds the checks run in each page; see testdata/layout.js.
//
//go:embed testdata/layout.js
var layoutJS string

// A screen the pages are laid out on.
type screen struct {
	name          string
	width, height int64
	phone         bool
}

var screens = []screen{
	{"phone", 390, 844, true},
	{"laptop", 1280, 800, false},
}

// layoutAllowList names layout problems known and not yet fixed, by the
// route pattern of the page and the start of the problem's sentence
// (after the screen's name), each with the reason it is still there. An
// entry that matches nothing fails the test, so the list only shrinks.
var layoutAllowList = map[[2]string]string{}

// layoutSample bounds the walk: at most perPattern pages of each route
// pattern (with the names of its query parameters, as the crawl of
// internal/app counts them) and maxPages in all for one person.
const (
	layoutPerPattern = 2
	layoutMaxPages   = 160
)

// TestLayoutFits signs in over the demo brand as a community manager, as
// the platform admin (for the routes the manager does not reach) and as a
// creator in the portal, and opens a visitor's first pages; it walks every
// page their links and GET forms reach (a bounded sample per route
// pattern) and checks each on a phone
// (390×844, mobile) and on a laptop (1280×800): the page needs no
// sideways scrolling, nothing in <main> is wider than the screen unless a
// container of its own scrolls it, every control is a target of at least
// 24×24 CSS px (WCAG 2.2 2.5.8 with its inline and spacing exceptions),
// no text is under 12px, and the main navigation is on screen or behind a
// visible menu button that opens it from the keyboard. Every failure names
// the page, the screen and the element.
func TestLayoutFits(t *testing.T) {
	if testing.Short() {
		t.Skip("the layout walk visits every page on two screens")
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		start := time.Now()
		env := apptest.New(t, d)
		res, err := demo.Seed(context.Background(), d, env.Now())
		if err != nil {
			t.Fatalf("demo seed: %v", err)
		}
		t.Logf("demo seeded in %s", time.Since(start).Round(time.Millisecond))
		var cm, admin string
		for _, u := range res.Users {
			switch u.Role {
			case auth.CommunityManager:
				cm = u.Email
			case auth.PlatformAdmin:
				admin = u.Email
			}
		}
		creatorEmail, inviteLink := inviteForPortal(t, env, cm)
		used := map[[2]string]bool{}
		ctx := browsertest.New(t)

		signInDemo(t, ctx, env, cm)
		w := &layoutWalk{t: t, ctx: ctx, env: env, who: "community manager", nav: "nav.main-nav", used: used}
		w.run("/")
		counts := []string{fmt.Sprintf("%d pages as the community manager", w.visited)}

		// The platform admin sees the screens no community manager does
		// (brands, audit log, API tokens, the ticket queue, the knowledge
		// base's editor, …); the routes already checked are not walked
		// again.
		ctx = browsertest.New(t)
		signInDemo(t, ctx, env, admin)
		seen := w.patterns
		w = &layoutWalk{t: t, ctx: ctx, env: env, who: "platform admin", nav: "nav.main-nav", used: used, patterns: seen}
		w.run("/")
		counts = append(counts, fmt.Sprintf("%d more as the platform admin", w.visited))

		// The creator on a phone of their own: the team's session would
		// put the team's header on the portal's pages.
		ctx = browsertest.New(t)
		portalSignInBrowser(t, ctx, env, creatorEmail)
		w = &layoutWalk{t: t, ctx: ctx, env: env, who: "creator", nav: "nav.portal-nav", used: used, portal: true}
		w.run("/portal/home", "/portal/help", "/portal/messages", "/portal/profile")
		counts = append(counts, fmt.Sprintf("%d as the creator", w.visited))

		// Someone signed in nowhere, in a browser of their own: the pages a
		// creator meets first (the application page, the invitation in
		// their email, the portal's sign-in) and the team's sign-in pages.
		// They have no main navigation to check.
		w = &layoutWalk{t: t, ctx: browsertest.New(t), env: env, who: "visitor", used: used}
		w.run("/apply/"+res.BrandSlug, inviteLink, "/portal", "/login", "/password/forgot")
		counts = append(counts, fmt.Sprintf("%d as a visitor", w.visited))

		for k, why := range layoutAllowList {
			if !used[k] {
				t.Errorf("layout allow-list entry %q on %s matched nothing (%s): remove it", k[1], k[0], why)
			}
		}
		t.Logf("checked %s on %d screens in %s", strings.Join(counts, ", "), len(screens), time.Since(start).Round(time.Millisecond))
	})
}

// signInDemo signs a demo user in through the sign-in form.
func signInDemo(t *testing.T, ctx context.Context, env *apptest.Env, email string) {
	t.Helper()
	browsertest.Do(t, ctx, "open the sign-in page",
		chromedp.Navigate(env.Server.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
	)
	loadAfter(t, ctx, "sign in as "+email, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
}

// inviteForPortal invites the demo creator who takes part in campaigns
// and writes to the brand most (the crawl's portal creator), as the
// community manager cm, so the portal has an invitation to show; it
// returns the creator's email and the path of the email's link (the
// portal's sign-in, leading on to the invitation).
func inviteForPortal(t *testing.T, env *apptest.Env, cm string) (email, link string) {
	t.Helper()
	ctx := context.Background()
	var creatorID, templateID int64
	err := env.DB.QueryRowContext(ctx, `SELECT c.id, c.email FROM creators c
		WHERE c.email <> '' AND EXISTS (SELECT 1 FROM campaign_participants p WHERE p.creator_id = c.id)
		ORDER BY (SELECT COUNT(*) FROM inbox_threads h WHERE h.creator_id = c.id) DESC, c.id LIMIT 1`).Scan(&creatorID, &email)
	if err == nil {
		err = env.DB.QueryRowContext(ctx, `SELECT id FROM invite_templates ORDER BY id LIMIT 1`).Scan(&templateID)
	}
	if err != nil {
		t.Fatalf("a demo creator for the portal: %v", err)
	}
	c := env.Anonymous()
	if r := c.PostForm("/login", url.Values{"email": {cm}, "password": {demo.Password}}); r.Status != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %d", cm, r.Status)
	}
	if r := c.PostForm("/invitations", url.Values{"ids": {strconv.FormatInt(creatorID, 10)}, "template_id": {strconv.FormatInt(templateID, 10)}}); r.Status != http.StatusSeeOther {
		t.Fatalf("invite %s: %d", email, r.Status)
	}
	var body string
	if err := env.DB.QueryRowContext(ctx, `SELECT body FROM outbox WHERE to_addr = ? ORDER BY id DESC LIMIT 1`, email).Scan(&body); err != nil {
		t.Fatalf("the invitation email: %v", err)
	}
	m := regexp.MustCompile(regexp.QuoteMeta(env.Server.URL) + `(/[^\s)>"]*)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no invitation link in:\n%s", body)
	}
	return email, m[1]
}

// layoutWalk visits one person's pages breadth-first.
type layoutWalk struct {
	t      *testing.T
	ctx    context.Context
	env    *apptest.Env
	who    string
	nav    string // the selector of the main navigation ("" for none)
	portal bool   // pages outside /portal are not the creator's
	used   map[[2]string]bool

	queue    []string
	queued   map[string]bool
	patterns map[string]int
	visited  int
	cur      int  // index in screens of the current emulation
	keyed    bool // the menu button was tried with the keyboard
	shot     map[string]bool
	spaced   map[string]int // small targets the spacing exception let pass, by screen and kind
}

func (w *layoutWalk) run(starts ...string) {
	w.queued = map[string]bool{}
	if w.patterns == nil {
		w.patterns = map[string]int{}
	}
	w.emulate(0)
	for _, s := range starts {
		w.enqueue(s)
		if !w.queued[s] {
			// A start page is visited even if its route was seen: its
			// links lead on.
			w.queued[s] = true
			w.queue = append(w.queue, s)
		}
	}
	for len(w.queue) > 0 && w.visited < layoutMaxPages {
		u := w.queue[0]
		w.queue = w.queue[1:]
		w.visit(u)
	}
	if len(w.spaced) > 0 {
		kinds := slices.SortedFunc(maps.Keys(w.spaced), func(a, b string) int { return w.spaced[b] - w.spaced[a] })
		var top []string
		for _, k := range kinds[:min(len(kinds), 6)] {
			top = append(top, fmt.Sprintf("%s ×%d", k, w.spaced[k]))
		}
		w.t.Logf("%s: targets under 24×24 px with room around them (WCAG's spacing exception), most often: %s", w.who, strings.Join(top, "; "))
	}
	if w.visited >= layoutMaxPages {
		w.t.Errorf("%s: stopped at %d pages with %d queued: raise layoutMaxPages", w.who, layoutMaxPages, len(w.queue))
	}
}

// patternOf names the route serving u with its query's parameter names.
func (w *layoutWalk) patternOf(u string) string {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return u
	}
	p := w.env.Router.PatternFor(req)
	if p == "/" {
		p = req.URL.Path
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range req.URL.Query() {
			if !yield(k) {
				return
			}
		}
	})
	return p + "?" + strings.Join(names, "&")
}

// routeOf is the route pattern alone, as the allow-list names it.
func (w *layoutWalk) routeOf(u string) string {
	p := w.patternOf(u)
	return p[:strings.IndexByte(p, '?')]
}

// skip tells downloads, and the team's pages seen from the portal, from
// the pages to check.
func (w *layoutWalk) skip(u string) bool {
	p, _, _ := strings.Cut(u, "?")
	switch path.Ext(p) {
	case ".csv", ".pdf", ".ics":
		return true
	}
	if strings.HasPrefix(p, "/tickets/attachments/") || strings.HasPrefix(p, "/calendar/feed/") ||
		strings.Contains(u, "format=") || p == "/logout" || p == "/portal/logout" {
		return true
	}
	return w.portal && !strings.HasPrefix(p, "/portal")
}

func (w *layoutWalk) enqueue(u string) {
	if w.queued[u] || w.skip(u) {
		return
	}
	key := w.routeOf(u)
	if w.patterns[key] >= layoutPerPattern {
		return
	}
	w.patterns[key]++
	w.queued[u] = true
	w.queue = append(w.queue, u)
}

func (w *layoutWalk) emulate(i int) {
	s := screens[i]
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if s.phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	browsertest.Do(w.t, w.ctx, "become a "+s.name, chromedp.EmulateViewport(s.width, s.height, opts...))
	w.cur = i
}

// layoutResult is what testdata/layout.js returns.
type layoutResult struct {
	Problems []string `json:"problems"`
	Nav      string   `json:"nav"`
	Toggle   string   `json:"toggle"` // aria-controls of the menu button
	Spaced   []string `json:"spaced"` // targets under 24×24 allowed by the spacing exception
	Links    []string `json:"links"`
	Width    int64    `json:"width"` // of the layout viewport
	Type     string   `json:"type"`  // the document's content type
}

func (w *layoutWalk) check() layoutResult {
	return browsertest.Run(w.t, w.ctx, "check the layout",
		chromedp.Evaluate[layoutResult](layoutJS+"("+strconv.Quote(w.nav)+")"))
}

// visit loads u and checks it on each screen, starting with the one the
// last page ended on.
func (w *layoutWalk) visit(u string) {
	w.visited++
	browsertest.Do(w.t, w.ctx, "open "+u, chromedp.Navigate(w.env.Server.URL+u))
	for n := range screens {
		if n > 0 {
			w.emulate((w.cur + 1) % len(screens))
		}
		s := screens[w.cur]
		r := w.check()
		if r.Type != "text/html" {
			return // a download the skip list missed
		}
		if r.Width != s.width {
			w.report(u, s, fmt.Sprintf("laid out %dpx wide on a %dpx screen (no viewport meta tag?)", r.Width, s.width))
		}
		for _, sp := range r.Spaced {
			if w.spaced == nil {
				w.spaced = map[string]int{}
			}
			w.spaced[s.name+": "+sp]++
		}
		for _, p := range r.Problems {
			w.report(u, s, p)
		}
		switch {
		case w.nav == "":
		case r.Nav == "absent":
			w.report(u, s, "no main navigation ("+w.nav+")")
		case r.Nav == "unreachable":
			w.report(u, s, "the main navigation is off screen and no visible button controls it")
		case r.Nav == "toggle":
			if !w.keyed {
				w.keyed = true
				w.openMenu(u, s, r.Toggle)
			}
		}
		if n == 0 {
			for _, l := range r.Links {
				w.enqueue(l)
			}
		}
	}
}

// openMenu opens the main navigation with the keyboard through the
// button that controls it (Enter on the focused button), checks that
// every link is then on screen and the button says it is expanded, closes
// it with Escape (the focus back on the button) and reloads the page.
func (w *layoutWalk) openMenu(u string, s screen, toggle string) {
	btn := chromedp.CSS(`button[aria-controls="` + toggle + `"]`)
	expanded := func() string {
		return browsertest.Run(w.t, w.ctx, "read aria-expanded", chromedp.AttributeValue(btn, "aria-expanded")).Value
	}
	if exp := expanded(); exp != "false" {
		w.report(u, s, "the closed menu's button says aria-expanded="+strconv.Quote(exp))
	}
	browsertest.Screenshot(w.t, w.ctx, "layout-menu-closed.png")
	browsertest.Do(w.t, w.ctx, "open the menu with the keyboard", chromedp.Focus(btn), chromedp.KeyEvent(kb.Enter))
	browsertest.Screenshot(w.t, w.ctx, "layout-menu-open.png")
	w.t.Logf("%s on %s (%s): opened the menu with Enter", w.who, u, s.name)
	if r := w.check(); r.Nav != "visible" {
		w.report(u, s, "Enter on the menu button leaves the main navigation "+r.Nav)
	}
	if exp := expanded(); exp != "true" {
		w.report(u, s, "the open menu's button says aria-expanded="+strconv.Quote(exp))
	}
	browsertest.Do(w.t, w.ctx, "close the menu", chromedp.KeyEvent(kb.Escape))
	if r := w.check(); r.Nav != "toggle" {
		w.report(u, s, "Escape leaves the main navigation "+r.Nav+", want it folded behind its button")
	}
	if !browsertest.Run(w.t, w.ctx, "read the focus", chromedp.Evaluate[bool](
		`document.activeElement.getAttribute("aria-controls") === `+strconv.Quote(toggle))) {
		w.report(u, s, "after Escape the focus is not on the menu button")
	}
	browsertest.Run(w.t, w.ctx, "reload", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Reload()))
}

func (w *layoutWalk) report(u string, s screen, problem string) {
	route := w.routeOf(u)
	for k := range layoutAllowList {
		if k[0] == route && strings.HasPrefix(problem, k[1]) {
			w.used[k] = true
			return
		}
	}
	w.t.Errorf("%s on %s (%dpx), %s: %s", w.who, u, s.width, s.name, problem)
	if os.Getenv(browsertest.EnvScreenshots) != "" && !w.shot[u+s.name] {
		if w.shot == nil {
			w.shot = map[string]bool{}
		}
		w.shot[u+s.name] = true
		name := strings.Trim(strings.NewReplacer("/", "-", "?", "-", "=", "-", "&", "-").Replace(u), "-")
		browsertest.Screenshot(w.t, w.ctx, fmt.Sprintf("layout-%s-%s.png", s.name, name))
	}
}

// TestLayoutChecksSee shows that each check of testdata/layout.js finds
// what it looks for, and that the WCAG exceptions it allows (a link in a
// sentence, a small link with room around it; a button or a field gets
// no such exception) pass: a page with one of each on a phone.
func TestLayoutChecksSee(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title>
<style>body{margin:0;font:16px sans-serif} .gone{display:none} .wide{width:600px;height:10px}
.wrap{overflow-x:auto} .wrap table{width:900px} .vh{position:absolute;width:1px;height:1px;overflow:hidden}
.tiny{font-size:10px} .sq{display:inline-block;width:16px;height:16px;padding:0;border:0;margin:0;line-height:16px} .pair{display:flex;gap:2px}
.alone{margin:40px}</style></head><body>
<nav class="main-nav" id="nav"><a href="/a" class="gone">A</a></nav>
<main><div class="wide">wide</div>
<div class="wrap"><table><tr><td>a</td><td>b</td><td><span class="vh">hidden label</span></td></tr></table></div>
<div class="pair"><button class="sq" id="one">1</button><button class="sq" id="two">2</button></div>
<p class="tiny">small print</p>
<p>Read <a href="/guide">it</a> first.</p>
<p class="alone"><button class="sq" id="lone">x</button></p>
<p class="alone"><a class="sq" id="lonelink" href="/x">x</a></p>
<p class="long">https://example.com/a_very_long_address_that_does_not_wrap_on_a_phone_screen_at_all</p>
</main></body></html>`)
	}))
	defer srv.Close()
	ctx := browsertest.New(t)
	browsertest.Do(t, ctx, "open the page",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(1)),
		chromedp.Navigate(srv.URL))
	r := browsertest.Run(t, ctx, "check", chromedp.Evaluate[layoutResult](layoutJS+`("nav.main-nav")`))
	all := strings.Join(r.Problems, "\n")
	for _, want := range []string{
		"the page is ",                            // the document scrolls sideways
		`div.wide "wide" is 600px wide`,           // an element wider than the screen
		`span.vh "hidden label" is 1px`,           // escaped from a scroll container that is not positioned
		`button#one.sq "1" is a 16×16px`,          // small targets side by side
		`button#two.sq "2" is a 16×16px`,          //
		`button#lone.sq "x" is a 16×16px control`, // a small button, however alone
		`p.tiny "small print" has 10px`,           // small text
		`the text of p.long`,                      // a word running off the screen
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no problem starts with %q; found:\n%s", want, all)
		}
	}
	for _, unwanted := range []string{`"it"`, "a#lonelink", "table"} {
		if strings.Contains(all, unwanted) {
			t.Errorf("%s reported, but WCAG allows it (inline link, spaced target, table in a scroll container):\n%s", unwanted, all)
		}
	}
	if r.Nav != "unreachable" {
		t.Errorf("a navigation with no link on screen and no menu button is %q, want unreachable", r.Nav)
	}
	if r.Width != 390 {
		t.Errorf("layout viewport %dpx, want 390", r.Width)
	}
}
