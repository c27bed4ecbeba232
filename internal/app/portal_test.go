package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/invite"
)

var portalLink = regexp.MustCompile(`/portal/link/(rpl_[A-Za-z0-9_-]+)`)

// lastEmail returns the newest outbox message to an address.
func lastEmail(t *testing.T, d *db.DB, to string) (subject, body, locale string, n int) {
	t.Helper()
	if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM outbox WHERE to_addr = ?`, to).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		return "", "", "", 0
	}
	err := d.QueryRowContext(context.Background(), `SELECT subject, body, locale FROM outbox WHERE to_addr = ? ORDER BY id DESC LIMIT 1`, to).
		Scan(&subject, &body, &locale)
	if err != nil {
		t.Fatal(err)
	}
	return subject, body, locale, n
}

// requestLink asks for a sign-in link and returns the secret emailed.
func requestLink(t *testing.T, env *apptest.Env, c *apptest.Client, email string) string {
	t.Helper()
	if res := c.PostForm("/portal", url.Values{"email": {email}}); res.Status != http.StatusOK {
		t.Fatalf("request link: %d %s", res.Status, res.Body)
	}
	_, body, _, _ := lastEmail(t, env.DB, email)
	m := portalLink.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no sign-in link in %q", body)
	}
	return m[1]
}

// portalSignIn signs a creator in to the portal by magic link.
func portalSignIn(t *testing.T, env *apptest.Env, email string) *apptest.Client {
	t.Helper()
	c := env.Anonymous()
	secret := requestLink(t, env, c, email)
	if res := c.PostForm("/portal/link/"+secret, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("use link: %d %s", res.Status, res.Body)
	}
	return c
}

func invitationStatus(t *testing.T, d *db.DB, id int64) string {
	t.Helper()
	var s string
	if err := d.QueryRowContext(context.Background(), `SELECT status FROM invitations WHERE id = ?`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPortalMagicLink(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		email := w.Creator.Email
		inviteCreators(t, env, w, newTemplate(t, env, w), w.Creator.ID)

		// Known and unknown emails get the same answer; only the known one
		// gets mail.
		known := env.Anonymous().PostForm("/portal", url.Values{"email": {email}})
		unknown := env.Anonymous().PostForm("/portal", url.Values{"email": {"nobody@nowhere.test"}})
		if known.Status != 200 || unknown.Status != 200 ||
			strings.ReplaceAll(known.Body, email, "X") != strings.ReplaceAll(unknown.Body, "nobody@nowhere.test", "X") {
			t.Fatalf("answers differ: %d vs %d", known.Status, unknown.Status)
		}
		if _, _, _, n := lastEmail(t, d, "nobody@nowhere.test"); n != 0 {
			t.Fatal("an unknown email got mail")
		}

		c := env.Anonymous()
		secret := requestLink(t, env, c, email)
		// Only the hash is stored.
		var stored string
		if err := d.QueryRowContext(context.Background(), `SELECT token_hash FROM portal_links ORDER BY id DESC LIMIT 1`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != auth.HashSecret(secret) || strings.Contains(stored, secret) {
			t.Fatalf("stored %q for secret %q", stored, secret)
		}
		// Opening the link spends nothing; the button signs in, once.
		if res := c.Get("/portal/link/" + secret); res.Status != 200 {
			t.Fatalf("GET link: %d", res.Status)
		}
		res := c.PostForm("/portal/link/"+secret, nil)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/portal/home" {
			t.Fatalf("use link: %d %s", res.Status, res.Header.Get("Location"))
		}
		cookie := res.Header.Get("Set-Cookie")
		for _, want := range []string{"roster_portal=", "Path=/portal", "HttpOnly", "SameSite=Lax"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("cookie %q lacks %s", cookie, want)
			}
		}
		if strings.Contains(cookie, "Secure") || strings.Contains(cookie, secret) {
			t.Errorf("cookie %q: Secure on plain http, or the link's secret", cookie)
		}
		home := c.Get("/portal/home")
		if home.Status != 200 || !strings.Contains(home.Body, "Alpha") || !strings.Contains(home.Body, "/accept") {
			t.Fatalf("home: %d %s", home.Status, home.Body)
		}
		if res := env.Anonymous().PostForm("/portal/link/"+secret, nil); res.Status != http.StatusNotFound {
			t.Errorf("second use: %d, want 404", res.Status)
		}
		// Expired after 15 minutes.
		late := requestLink(t, env, env.Anonymous(), email)
		env.Advance(16 * time.Minute)
		if res := env.Anonymous().PostForm("/portal/link/"+late, nil); res.Status != http.StatusNotFound {
			t.Errorf("expired link: %d, want 404", res.Status)
		}
		// Sessions are stored hashed too, and signing out ends them.
		var sessions int
		_ = d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM portal_sessions`).Scan(&sessions)
		if sessions != 1 {
			t.Fatalf("%d portal sessions", sessions)
		}
		if res := c.PostForm("/portal/logout", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("logout: %d", res.Status)
		}
		if res := c.Get("/portal/home"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/portal") {
			t.Errorf("home after sign-out: %d %s", res.Status, res.Header.Get("Location"))
		}
		// A staff session is no portal session.
		if res := env.SignIn(w.Users[auth.CommunityManager].Email).Get("/portal/home"); res.Status != http.StatusSeeOther {
			t.Errorf("staff on the portal: %d", res.Status)
		}
	})
}

func TestPortalCookieSecureAndRateLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		env.Deps.Config.SecureCookies = true
		c := env.Anonymous()
		secret := requestLink(t, env, c, w.Creator.Email)
		if res := c.PostForm("/portal/link/"+secret, nil); !strings.Contains(res.Header.Get("Set-Cookie"), "Secure") {
			t.Errorf("cookie without Secure: %q", res.Header.Get("Set-Cookie"))
		}
		// Per email: the sixth request in 15 minutes is refused, for a
		// known and an unknown email alike.
		for _, email := range []string{w.Creator.Email, "ghost@nowhere.test"} {
			var last int
			for range 6 {
				last = env.Anonymous().PostForm("/portal", url.Values{"email": {email}}).Status
			}
			if last != http.StatusTooManyRequests {
				t.Errorf("%s: sixth request %d, want 429", email, last)
			}
		}
		env.Advance(16 * time.Minute)
		// Per address: 20 requests, whatever the emails.
		var last int
		for i := range 21 {
			last = env.Anonymous().PostForm("/portal", url.Values{"email": {"guess" + strconv.Itoa(i) + "@nowhere.test"}}).Status
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("21st request from one address: %d, want 429", last)
		}
	})
}

func TestPortalAnswersOwnInvitationsOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		a, b := env.NewWorld("Alpha"), env.NewWorld("Bravo")
		ctx := context.Background()
		// The same person in a second brand: one identity sees both.
		pb := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: b.Brand.ID}, nil)
		twin, err := creator.NewService(d, env.Now).Create(ctx, pb, creator.Fields{DisplayName: "Alpha's star in Bravo", Email: a.Creator.Email, Stage: "prospect"})
		if err != nil {
			t.Fatal(err)
		}
		aInv := inviteCreators(t, env, a, newTemplate(t, env, a), a.Creator.ID)[0]
		twinInv := inviteCreators(t, env, b, newTemplate(t, env, b), twin.ID)[0]
		bInv := inviteCreators(t, env, b, newTemplate(t, env, b), b.Creator.ID)[0]
		if c, _ := creator.NewStore(d).Get(ctx, d, b.Brand.ID, twin.ID); c.Stage != "invited" {
			t.Errorf("prospect after invitation: stage %s, want invited", c.Stage)
		}

		star := portalSignIn(t, env, a.Creator.Email)
		home := star.Get("/portal/home")
		if !strings.Contains(home.Body, "Alpha") || !strings.Contains(home.Body, "Bravo") {
			t.Errorf("home does not list both brands' invitations")
		}
		if strings.Contains(home.Body, "/portal/invitations/"+strconv.FormatInt(bInv, 10)) {
			t.Errorf("home lists another creator's invitation")
		}
		other := "/portal/invitations/" + strconv.FormatInt(bInv, 10)
		for _, r := range []*apptest.Response{star.Get(other), star.PostForm(other+"/accept", nil), star.PostForm(other+"/decline", nil)} {
			if r.Status != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404", r.Req.Method, r.Req.URL.Path, r.Status)
			}
		}
		if s := invitationStatus(t, d, bInv); s != invite.Pending {
			t.Errorf("another creator's invitation is %s after the tries", s)
		}
		if res := env.Anonymous().PostForm(other+"/accept", nil); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/portal" {
			t.Errorf("accept without a portal session: %d %s", res.Status, res.Header.Get("Location"))
		}

		// Accept one, decline the other; answers are final.
		mine := "/portal/invitations/" + strconv.FormatInt(aInv, 10)
		if res := star.Get(mine); res.Status != 200 || !strings.Contains(res.Body, "Alpha") {
			t.Fatalf("own invitation: %d", res.Status)
		}
		if res := star.PostForm(mine+"/accept", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("accept: %d %s", res.Status, res.Body)
		}
		if res := star.PostForm("/portal/invitations/"+strconv.FormatInt(twinInv, 10)+"/decline", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("decline: %d", res.Status)
		}
		star.PostForm(mine+"/decline", nil)
		if s := invitationStatus(t, d, aInv); s != invite.Accepted {
			t.Errorf("accepted invitation is %s", s)
		}
		if s := invitationStatus(t, d, twinInv); s != invite.Declined {
			t.Errorf("declined invitation is %s", s)
		}
		if c, _ := creator.NewStore(d).Get(ctx, d, a.Brand.ID, a.Creator.ID); c.Stage != "approved" {
			t.Errorf("stage after accepting: %s", c.Stage)
		}
		if c, _ := creator.NewStore(d).Get(ctx, d, b.Brand.ID, twin.ID); c.Stage != "declined" {
			t.Errorf("stage after declining: %s", c.Stage)
		}
		var actor string
		if err := d.QueryRowContext(ctx, `SELECT actor_label FROM audit_events WHERE entity = 'invitation' AND action = 'accepted'`).Scan(&actor); err != nil || !strings.Contains(actor, "creator:"+a.Creator.Email) {
			t.Errorf("audit of the answer: %q %v", actor, err)
		}
	})
}

func TestPortalProfilePropagatesToEveryBrand(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		a, b := env.NewWorld("Alpha"), env.NewWorld("Bravo")
		ctx := context.Background()
		pb := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: b.Brand.ID}, nil)
		twin, err := creator.NewService(d, env.Now).Create(ctx, pb, creator.Fields{DisplayName: "Old name", Email: a.Creator.Email})
		if err != nil {
			t.Fatal(err)
		}
		star := portalSignIn(t, env, a.Creator.Email)
		if res := star.Get("/portal/profile"); res.Status != 200 || !strings.Contains(res.Body, "star_alpha") {
			t.Fatalf("profile form: %d", res.Status)
		}
		form := url.Values{"name": {"Star Renamed"}, "languages": {"es, en"}, "locale": {"es"},
			"platform_0": {"instagram"}, "handle_0": {"star_alpha"}, "platform_1": {"tiktok"}, "handle_1": {"@StarDances"},
			"ship_name": {"Star"}, "ship_line1": {"Calle 1"}, "ship_city": {"CDMX"}, "ship_country": {"mx"}}
		// A handle another creator of Bravo has: refused, naming the brand
		// and not the creator, and nothing changes.
		taken := url.Values{}
		for k, v := range form {
			taken[k] = v
		}
		taken.Set("handle_1", "star_bravo")
		taken.Set("platform_1", "instagram")
		res := star.PostForm("/portal/profile", taken)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Bravo") ||
			strings.Contains(res.Body, "Secret Creator of Bravo") || !strings.Contains(res.Body, `aria-describedby="handle_1-error"`) {
			t.Fatalf("taken handle: %d %s", res.Status, res.Body)
		}
		if c, _ := creator.NewStore(d).Get(ctx, d, b.Brand.ID, twin.ID); c.DisplayName != "Old name" {
			t.Errorf("a refused save changed Bravo's record: %s", c.DisplayName)
		}
		if res := star.PostForm("/portal/profile", form); res.Status != http.StatusSeeOther {
			t.Fatalf("save: %d %s", res.Status, res.Body)
		}
		for _, rec := range []struct{ brand, id int64 }{{a.Brand.ID, a.Creator.ID}, {b.Brand.ID, twin.ID}} {
			c, err := creator.NewStore(d).Get(ctx, d, rec.brand, rec.id)
			if err != nil || c.DisplayName != "Star Renamed" || strings.Join(c.Languages, ",") != "es,en" || len(c.SocialAccounts) != 2 {
				t.Errorf("record %d after save: %+v %v", rec.id, c, err)
			}
		}
		// Metrics the brand had stay with an account that stays.
		if c, _ := creator.NewStore(d).Get(ctx, d, a.Brand.ID, a.Creator.ID); c.FollowersTotal != 12000 {
			t.Errorf("followers after save: %d", c.FollowersTotal)
		}
		var actor string
		if err := d.QueryRowContext(ctx, `SELECT actor_label FROM audit_events WHERE brand_id = ? AND entity = 'creator' AND action = 'update'`, b.Brand.ID).Scan(&actor); err != nil || !strings.Contains(actor, "creator:"+a.Creator.Email) {
			t.Errorf("audit actor %q %v", actor, err)
		}
		page := star.Get("/portal/profile")
		if !strings.Contains(page.Body, `lang="es"`) || !strings.Contains(page.Body, "Calle 1") || !strings.Contains(page.Body, `value="MX"`) {
			t.Errorf("profile after save is not in Spanish or lost the address")
		}
	})
}
