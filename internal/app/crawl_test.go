package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/demo"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

// crawlAllowList names page problems known and not yet fixed, each by the
// route pattern of the page and the start of the problem's sentence. A
// problem not on it fails the crawl; an entry that no longer matches
// anything fails it too, so the list only shrinks.
type crawlAllowList struct {
	entries map[[2]string]string // {pattern, problem prefix} → why it is here
	used    map[[2]string]bool
}

func (a *crawlAllowList) covers(pattern, problem string) bool {
	for k := range a.entries {
		if k[0] == pattern && strings.HasPrefix(problem, k[1]) {
			a.used[k] = true
			return true
		}
	}
	return false
}

// knownProblems is the allow-list. Keep a reason with every entry.
var knownProblems = map[[2]string]string{}

// crawlPerson is someone the crawl signs in as.
type crawlPerson struct {
	who           string
	starts        []string
	login         func(t *testing.T, env *apptest.Env) *apptest.Client
	everyLanguage bool      // crawled in every language, not by turns
	role          auth.Role // "" for the creator and the visitor, who hold no brand role
}

// TestCrawl signs in as every role of the product (each brand role, the
// platform admin and a creator in the portal) over the demo brand, and in
// every supported language walks every page a link or a GET form leads
// to, breadth-first from the pages the person lands on. A page must not
// fail (5xx), a link must not lead to 404 or to 403 for the person it was
// shown to, downloads must be what their names say, and every page must be
// well-formed and accessible (unique ids, labelled controls, labels that
// point at controls, one <h1>, a <title>) and wholly in its language
// (<html lang>, no catalogue key on screen, no message missing).
func TestCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("the crawl walks every page in every language")
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		start := time.Now()
		env := apptest.New(t, d)
		res, err := demo.Seed(context.Background(), d, env.Now())
		if err != nil || res == nil {
			t.Fatalf("demo seed: %v", err)
		}
		people := crawlPeople(t, env, res)
		misses := listenForMisses(t)
		allowed := &crawlAllowList{entries: knownProblems, used: map[[2]string]bool{}}
		mux, posts := getPatterns(env), postRoutes(env)
		clients := make([]*apptest.Client, len(people))
		for i, p := range people {
			clients[i] = p.login(t, env)
		}
		// The visitor also follows the links in the emails the sign-ins
		// sent (an invitation, a portal sign-in link), as their reader would.
		people[len(people)-1].starts = append(people[len(people)-1].starts, emailLinks(t, env)...)
		var inTurn []int // people crawled in a non-English language by turns
		for i, p := range people {
			if !p.everyLanguage {
				inTurn = append(inTurn, i)
			}
		}
		pages, slowest := 0, &slowPages{}
		for li, lang := range i18n.Supported {
			// English walks everything as everyone. The other languages
			// fetch one URL per pattern (their catalogues change screens,
			// not rows) as the people who see the most screens, the
			// platform admin and the creator, and the anonymous visitor, plus
			// one other role in turn, so every role is seen in some other
			// language without every language costing five walks.
			limits := crawlLimits{perPattern: 3, pages: 400, submitForms: true}
			if lang != "en" {
				limits = crawlLimits{perPattern: 1, pages: 200}
			}
			for i, p := range people {
				if lang != "en" && !p.everyLanguage && inTurn[(li-1)%len(inTurn)] != i {
					continue
				}
				c := &crawler{t: t, env: env, client: clients[i], who: p.who, role: p.role, lang: lang, routes: mux, posts: posts,
					limits: limits, misses: misses, allowed: allowed, queued: map[string]bool{}, pattern: map[string]int{}, slowest: slowest}
				c.report = func(format string, args ...any) {
					t.Errorf("%s in %s: %s", p.who, lang, fmt.Sprintf(format, args...))
				}
				c.run(p.starts...)
				pages += c.fetched
				t.Logf("%s in %s: %d pages, %d patterns", p.who, lang, c.fetched, len(c.pattern))
				if c.fetched >= limits.pages {
					t.Errorf("%s in %s: stopped at the cap of %d pages with %d queued: raise the cap or lower the per-pattern bound", p.who, lang, limits.pages, len(c.queue))
				}
			}
		}
		for k, why := range knownProblems {
			if !allowed.used[k] {
				t.Errorf("allow-list entry %q on %s matched nothing (%s): remove it", k[1], k[0], why)
			}
		}
		t.Logf("crawled %d pages in %s; the slowest:%s", pages, time.Since(start).Round(time.Millisecond), slowest)
	})
}

// getPatterns serves the router's GET patterns from a mux of its own, so
// the crawler can ask which pattern a URL matches.
func getPatterns(env *apptest.Env) *http.ServeMux {
	mux := http.NewServeMux()
	noop := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for _, r := range env.Router.Routes() {
		if r.Method == "GET" {
			mux.Handle(r.Pattern(), noop)
		}
	}
	return mux
}

// postRoutes serves the router's POST patterns, to find the route (and
// the permission) a form on a page posts to.
type postRouteSet struct {
	mux    *http.ServeMux
	routes map[string]web.Route
}

func postRoutes(env *apptest.Env) *postRouteSet {
	set := &postRouteSet{mux: http.NewServeMux(), routes: map[string]web.Route{}}
	noop := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for _, r := range env.Router.Routes() {
		if r.Method == "POST" && !r.API {
			set.mux.Handle(r.Pattern(), noop)
			set.routes[r.Pattern()] = r
		}
	}
	return set
}

// crawlPeople returns the demo's person in each role and a creator of the
// demo brand who takes part in campaigns and writes to the brand, signed
// in to the portal.
func crawlPeople(t *testing.T, env *apptest.Env, res *demo.Result) []crawlPerson {
	var people []crawlPerson
	for _, role := range auth.Roles {
		email := ""
		for _, u := range res.Users {
			if u.Role == role {
				email = u.Email
			}
		}
		if email == "" {
			t.Fatalf("the demo has no %s", role)
		}
		people = append(people, crawlPerson{who: string(role), role: role, starts: []string{"/"}, everyLanguage: role == auth.PlatformAdmin,
			login: func(t *testing.T, env *apptest.Env) *apptest.Client {
				c := env.Anonymous()
				if r := signInWith(c, email, demo.Password); r.Status != http.StatusSeeOther {
					t.Fatalf("sign in as %s: %d", email, r.Status)
				}
				return c
			}})
	}
	// The demo's account manager also serves a second brand that has
	// nothing yet: every screen's empty state, as a new brand sees it.
	var am crawlPerson
	for _, p := range people {
		if p.who == string(auth.AccountManager) {
			am = p
		}
	}
	people = append(people, crawlPerson{who: "account_manager in the empty brand", role: auth.AccountManager, starts: am.starts,
		login: func(t *testing.T, env *apptest.Env) *apptest.Client {
			c := am.login(t, env)
			var id int64
			if err := env.DB.QueryRowContext(context.Background(), `SELECT id FROM brands WHERE slug = 'solace'`).Scan(&id); err != nil {
				t.Fatal(err)
			}
			if r := c.PostForm("/brand/switch", url.Values{"brand_id": {strconv.FormatInt(id, 10)}}); r.Status != http.StatusSeeOther {
				t.Fatalf("switch to the empty brand: %d", r.Status)
			}
			return c
		}})
	var email string
	var creatorID, templateID int64
	err := env.DB.QueryRowContext(context.Background(), `SELECT c.id, c.email FROM creators c
		WHERE c.email <> '' AND EXISTS (SELECT 1 FROM campaign_participants p WHERE p.creator_id = c.id)
		ORDER BY (SELECT COUNT(*) FROM inbox_threads h WHERE h.creator_id = c.id) DESC, c.id LIMIT 1`).Scan(&creatorID, &email)
	if err == nil {
		err = env.DB.QueryRowContext(context.Background(), `SELECT id FROM invite_templates ORDER BY id LIMIT 1`).Scan(&templateID)
	}
	if err != nil {
		t.Fatalf("a demo creator for the portal: %v", err)
	}
	people = append(people, crawlPerson{who: "creator", everyLanguage: true,
		starts: []string{"/portal/home", "/portal/help", "/portal/messages", "/portal/profile"},
		login: func(t *testing.T, env *apptest.Env) *apptest.Client {
			// The community manager invites them first (the demo sends no
			// invitation), so the portal shows one to answer.
			cm := env.Anonymous()
			if r := signInWith(cm, "cm@example.com", demo.Password); r.Status != http.StatusSeeOther {
				t.Fatalf("sign in as the community manager: %d", r.Status)
			}
			if r := cm.PostForm("/invitations", url.Values{"ids": {strconv.FormatInt(creatorID, 10)}, "template_id": {strconv.FormatInt(templateID, 10)}}); r.Status != http.StatusSeeOther {
				t.Fatalf("invite %s: %d %s", email, r.Status, clipped(r.Body))
			}
			c := portalSignIn(t, env, email)
			// The browser's language decides, as for the team.
			if _, err := env.DB.ExecContext(context.Background(), `UPDATE creator_identities SET locale = '' WHERE email = ?`, email); err != nil {
				t.Fatal(err)
			}
			return c
		}})
	// Someone signed in nowhere: the public pages and where they lead.
	people = append(people, crawlPerson{who: "anonymous", everyLanguage: true,
		starts: []string{"/", "/login", "/password/forgot", "/portal", "/apply/lumen-pine", "/portal/help"},
		login:  func(t *testing.T, env *apptest.Env) *apptest.Client { return env.Anonymous() }})
	return people
}

// emailLinks returns the paths of this server's links in the outbox.
func emailLinks(t *testing.T, env *apptest.Env) []string {
	rows, err := env.DB.QueryContext(context.Background(), `SELECT body FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	link := regexp.MustCompile(regexp.QuoteMeta(env.Server.URL) + `(/[^\s)>"]*)`)
	var out []string
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(body, -1) {
			// The creator's sign-in link was used to sign in, and a used
			// link answers its "ask for a new link" page with 404 on purpose.
			if !strings.HasPrefix(m[1], "/portal/link/") {
				out = append(out, m[1])
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no email holds a link to the app: the crawl's setup sends an invitation and a sign-in link")
	}
	return out
}
