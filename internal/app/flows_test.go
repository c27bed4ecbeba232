package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/jobs"
	rmail "github.com/rosterhq/roster/internal/mail"
	"github.com/rosterhq/roster/internal/web"
)

// Messages the flows expect, as the English catalogue has them (HTML
// escaping leaves these alone).
const (
	msgWrongPassword = "The email or the password is not right."
	msgThrottled     = "Too many failed attempts. Wait 15 minutes, or reset your password."
	msgPasswordShort = "Use at least 10 characters."
	msgLinkInvalid   = "This link is not valid any more"
	msgCurrentWrong  = "This is not your current password."
	msgAlreadyMember = "This person is already on the team."
	msgForgotSent    = "If an account exists for that email"
	newPassword      = "a brand new passphrase"
	wrongPassword    = "not the password"
)

var (
	resetLinkRE  = regexp.MustCompile(`/password/reset/rl_[A-Za-z0-9_-]+`)
	inviteLinkRE = regexp.MustCompile(`/invite/rl_[A-Za-z0-9_-]+`)
	newTokenRE   = regexp.MustCompile(`id="new-token">(rst_[A-Za-z0-9_-]+)<`)
)

// signInWith posts the sign-in form with a password of the test's choice.
func signInWith(c *apptest.Client, email, password string) *apptest.Response {
	return c.PostForm("/login", url.Values{"email": {email}, "password": {password}})
}

// sessionOf returns the client's session cookie value ("" for none).
func sessionOf(t *testing.T, env *apptest.Env, c *apptest.Client) string {
	t.Helper()
	u, err := url.Parse(env.Server.URL)
	if err != nil {
		t.Fatal(err)
	}
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == web.SessionCookie {
			return ck.Value
		}
	}
	return ""
}

// withSession returns a fresh client that presents the given session
// cookie, as a browser holding an old copy of it would.
func withSession(t *testing.T, env *apptest.Env, secret string) *apptest.Client {
	t.Helper()
	c := env.Anonymous()
	u, err := url.Parse(env.Server.URL)
	if err != nil {
		t.Fatal(err)
	}
	c.Jar.SetCookies(u, []*http.Cookie{{Name: web.SessionCookie, Value: secret, Path: "/"}})
	return c
}

// wantSignInRedirect fails unless r sends the browser to the sign-in page.
func wantSignInRedirect(t *testing.T, what string, r *apptest.Response) {
	t.Helper()
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("%s: %d → %q, want 303 to /login", what, r.Status, r.Header.Get("Location"))
	}
}

// wantRedirect fails unless r is a 303 to location.
func wantRedirect(t *testing.T, what string, r *apptest.Response, location string) {
	t.Helper()
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != location {
		t.Errorf("%s: %d → %q, want 303 to %s; body %s", what, r.Status, r.Header.Get("Location"), location, clipped(r.Body))
	}
}

// postWith posts a form with extra headers.
func postWith(c *apptest.Client, path string, form url.Values, header map[string]string) *apptest.Response {
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	for k, v := range header {
		h.Set(k, v)
	}
	return c.Do("POST", path, strings.NewReader(form.Encode()), h)
}

// outbox returns every message in the outbox, newest first.
func outbox(t *testing.T, d *db.DB) []rmail.Outboxed {
	t.Helper()
	ms, err := rmail.ListAll(context.Background(), d, rmail.MaxLimit, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// sessionID returns the id of the session behind a cookie value.
func sessionID(t *testing.T, env *apptest.Env, secret string) int64 {
	t.Helper()
	s, err := auth.SessionBySecret(context.Background(), env.DB, secret, env.Now())
	if err != nil {
		t.Fatalf("session for cookie: %v", err)
	}
	return s.ID
}

func TestSignInThrottling(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		b := env.Brand("Acme")
		env.User("ana@example.com", b.ID, auth.Viewer)
		env.User("bo@example.com", b.ID, auth.Viewer)
		c := env.Anonymous()

		for i := 1; i <= auth.LoginMaxFailures; i++ {
			r := signInWith(c, "ana@example.com", wrongPassword)
			if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, msgWrongPassword) {
				t.Fatalf("wrong password, attempt %d: %d, want 401 with %q", i, r.Status, msgWrongPassword)
			}
			if sessionOf(t, env, c) != "" {
				t.Fatalf("a failed sign-in set a session cookie")
			}
		}
		// An unknown email gets the same answer as a wrong password.
		if r := signInWith(c, "nobody@example.com", apptest.Password); r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, msgWrongPassword) {
			t.Errorf("unknown email: %d, want 401 with %q", r.Status, msgWrongPassword)
		}

		r := signInWith(c, "ana@example.com", apptest.Password)
		if r.Status != http.StatusTooManyRequests || !strings.Contains(r.Body, msgThrottled) {
			t.Fatalf("right password after %d failures: %d, want 429 with %q", auth.LoginMaxFailures, r.Status, msgThrottled)
		}
		if sessionOf(t, env, c) != "" {
			t.Fatal("a throttled sign-in set a session cookie")
		}
		// The throttle is per email: someone else at the same address
		// signs in.
		if r := signInWith(env.Anonymous(), "bo@example.com", apptest.Password); r.Status != http.StatusSeeOther {
			t.Errorf("another email while ana is throttled: %d, want 303", r.Status)
		}

		env.Advance(16 * time.Minute)
		wantRedirect(t, "right password after the window", signInWith(c, "ana@example.com", apptest.Password), "/")
		if r := c.Get("/creators"); r.Status != http.StatusOK {
			t.Errorf("GET /creators after signing in: %d", r.Status)
		}
	})
}

func TestSessionRotationAndSignOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		b := env.Brand("Acme")
		env.User("ana@example.com", b.ID, auth.Viewer)

		c := env.SignIn("ana@example.com")
		first := sessionOf(t, env, c)
		if !strings.HasPrefix(first, auth.SessionPrefix) {
			t.Fatalf("session cookie %q after sign-in", first)
		}
		// Signing in again in the same browser issues a new session and
		// ends the one the browser had.
		wantRedirect(t, "second sign-in", signInWith(c, "ana@example.com", apptest.Password), "/")
		second := sessionOf(t, env, c)
		if second == "" || second == first {
			t.Fatalf("session cookie after signing in again: %q, want a new one (was %q)", second, first)
		}
		wantSignInRedirect(t, "GET /creators with the pre-sign-in cookie", withSession(t, env, first).Get("/creators"))
		if r := c.Get("/creators"); r.Status != http.StatusOK {
			t.Fatalf("GET /creators with the new cookie: %d", r.Status)
		}

		// A cookie planted before sign-in (the attacker's own session) is
		// replaced, and the planted session ends.
		env.User("mallory@example.com", b.ID, auth.Viewer)
		planted := sessionOf(t, env, env.SignIn("mallory@example.com"))
		victim := withSession(t, env, planted)
		wantRedirect(t, "sign in over a planted cookie", signInWith(victim, "ana@example.com", apptest.Password), "/")
		if got := sessionOf(t, env, victim); got == planted || got == "" {
			t.Errorf("session cookie after sign-in over a planted one: %q, want a new one", got)
		}
		wantSignInRedirect(t, "the planted session after the victim signed in", withSession(t, env, planted).Get("/creators"))

		wantRedirect(t, "sign out", c.PostForm("/logout", nil), "/login")
		if got := sessionOf(t, env, c); got != "" {
			t.Errorf("session cookie after sign-out: %q, want none", got)
		}
		wantSignInRedirect(t, "GET /creators with the signed-out cookie", withSession(t, env, second).Get("/creators"))
	})
}

func TestPasswordReset(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		b := env.Brand("Acme")
		ana := env.User("ana@example.com", b.ID, auth.Viewer)
		elsewhere := env.SignIn("ana@example.com") // another browser of ana's
		anon := env.Anonymous()

		sent := anon.PostForm("/password/forgot", url.Values{"email": {"Ana@Example.com"}})
		if sent.Status != http.StatusOK || !strings.Contains(sent.Body, msgForgotSent) {
			t.Fatalf("forgot: %d, want 200 with %q", sent.Status, msgForgotSent)
		}
		ms := outbox(t, d)
		if len(ms) != 1 || ms[0].To != ana.Email || ms[0].Kind != "email.reset" {
			t.Fatalf("outbox after forgot: %+v, want one reset email to %s", ms, ana.Email)
		}
		link := resetLinkRE.FindString(ms[0].Body)
		if link == "" || !strings.Contains(ms[0].Body, env.Server.URL+link) {
			t.Fatalf("reset email body has no absolute reset link:\n%s", ms[0].Body)
		}

		// An unknown email gets the very same page, and no email.
		unknown := env.Anonymous().PostForm("/password/forgot", url.Values{"email": {"nobody@example.com"}})
		if unknown.Status != sent.Status || unknown.Body != sent.Body {
			t.Errorf("forgot for an unknown email: %d, body differs: %v; want the same page as for a known one", unknown.Status, unknown.Body != sent.Body)
		}
		if n := len(outbox(t, d)); n != 1 {
			t.Errorf("%d emails after asking for an unknown account, want still 1", n)
		}

		if r := anon.Get(link); r.Status != http.StatusOK || !strings.Contains(r.Body, `name="password"`) {
			t.Fatalf("GET reset link: %d, want 200 with the form", r.Status)
		}
		short := anon.PostForm(link, url.Values{"password": {"short"}, "confirm": {"short"}})
		if short.Status != http.StatusUnprocessableEntity || !strings.Contains(short.Body, `id="password-error">`+msgPasswordShort) {
			t.Fatalf("too short a password: %d, want 422 with %q next to the field; body %s", short.Status, msgPasswordShort, clipped(short.Body))
		}
		wantRedirect(t, "reset with a good password", anon.PostForm(link, url.Values{"password": {newPassword}, "confirm": {newPassword}}), "/login")

		wantRedirect(t, "sign in with the new password", signInWith(env.Anonymous(), ana.Email, newPassword), "/")
		if r := signInWith(env.Anonymous(), ana.Email, apptest.Password); r.Status != http.StatusUnauthorized {
			t.Errorf("sign in with the old password: %d, want 401", r.Status)
		}
		for _, r := range []*apptest.Response{anon.Get(link), anon.PostForm(link, url.Values{"password": {"yet another passphrase"}, "confirm": {"yet another passphrase"}})} {
			if r.Status != http.StatusNotFound || !strings.Contains(r.Body, msgLinkInvalid) {
				t.Errorf("%s of a used reset link: %d, want 404 saying the link is not valid", r.Req.Method, r.Status)
			}
		}
		if r := signInWith(env.Anonymous(), ana.Email, "yet another passphrase"); r.Status != http.StatusUnauthorized {
			t.Errorf("the used link changed the password again: sign-in %d", r.Status)
		}
		wantSignInRedirect(t, "the other browser's session after the reset", elsewhere.Get("/creators"))
	})
}

func TestInvitations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := apptest.New(t, d)
		b := env.Brand("Lumen Test")
		other := env.Brand("Other Brand")
		exec := env.User("exec@example.com", b.ID, auth.BrandExecutive)
		c := env.SignIn(exec.Email)

		// Someone with an account elsewhere who chose English.
		known := env.User("known@example.com", other.ID, auth.Viewer)
		if err := auth.UpdateProfile(ctx, d, known.ID, "Kim", "en", env.Now()); err != nil {
			t.Fatal(err)
		}

		// The email is in the inviter's language (their browser's, here),
		// unless the invitee has an account with a language of their own.
		cases := []struct {
			email, inviterLang, wantLocale, wantSubject string
		}{
			{"nora@example.com", "es", "es", "exec@example.com te invitó a Lumen Test en Roster"},
			{"known@example.com", "es", "en", "exec@example.com invited you to Lumen Test on Roster"},
			{"paul@example.com", "", "en", "exec@example.com invited you to Lumen Test on Roster"},
		}
		links := map[string]string{}
		for _, tc := range cases {
			header := map[string]string{}
			if tc.inviterLang != "" {
				header["Accept-Language"] = tc.inviterLang
			}
			before := len(outbox(t, d))
			r := postWith(c, "/team/invite", url.Values{"email": {tc.email}, "role": {string(auth.CommunityManager)}}, header)
			wantRedirect(t, "invite "+tc.email, r, "/team")
			ms := outbox(t, d)
			if len(ms) != before+1 {
				t.Fatalf("invite %s: %d emails, want %d", tc.email, len(ms), before+1)
			}
			m := ms[0]
			if m.To != tc.email || m.Kind != "email.invite" || m.Locale != tc.wantLocale || m.Subject != tc.wantSubject {
				t.Errorf("invite email to %s: to %s kind %s locale %s subject %q; want locale %s subject %q",
					tc.email, m.To, m.Kind, m.Locale, m.Subject, tc.wantLocale, tc.wantSubject)
			}
			if m.BrandID == nil || *m.BrandID != b.ID {
				t.Errorf("invite email to %s is not in the brand's outbox", tc.email)
			}
			links[tc.email] = inviteLinkRE.FindString(m.Body)
			if links[tc.email] == "" {
				t.Fatalf("invite email has no link:\n%s", m.Body)
			}
		}

		link := links["nora@example.com"]
		nora := env.Anonymous()
		if r := nora.Get(link); r.Status != http.StatusOK || !strings.Contains(r.Body, "Lumen Test") || !strings.Contains(r.Body, "nora@example.com") {
			t.Fatalf("GET invite link: %d, want 200 naming the brand and the email", r.Status)
		}
		if r := nora.PostForm(link, url.Values{"name": {""}, "password": {newPassword}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="name-error"`) {
			t.Errorf("accept without a name: %d, want 422 with a message next to the name", r.Status)
		}
		wantRedirect(t, "accept the invitation", nora.PostForm(link, url.Values{"name": {"Nora New"}, "password": {newPassword}}), "/")
		if r := nora.Get("/creators"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Lumen Test") {
			t.Errorf("GET /creators as the new member: %d", r.Status)
		}
		u, _, err := auth.UserByEmail(ctx, d, "nora@example.com")
		if err != nil {
			t.Fatal(err)
		}
		if u.Name != "Nora New" {
			t.Errorf("new user's name %q", u.Name)
		}
		if role, err := brand.RoleOf(ctx, d, b.ID, u.ID); err != nil || role != auth.CommunityManager {
			t.Errorf("new member's role %q (%v), want community_manager", role, err)
		}
		var joins int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE brand_id = ? AND action = 'join' AND entity = 'member' AND entity_id = ?`,
			b.ID, strconv.FormatInt(u.ID, 10)).Scan(&joins); err != nil {
			t.Fatal(err)
		}
		if joins != 1 {
			t.Errorf("%d join events in the audit log, want 1", joins)
		}
		if r := env.Anonymous().PostForm(link, url.Values{"name": {"Again"}, "password": {newPassword}}); r.Status != http.StatusNotFound {
			t.Errorf("accepting a used invitation: %d, want 404", r.Status)
		}

		// Someone with an account joins without setting a password.
		kc := env.Anonymous()
		wantRedirect(t, "known user accepts", kc.PostForm(links["known@example.com"], nil), "/login")
		if role, err := brand.RoleOf(ctx, d, b.ID, known.ID); err != nil || role != auth.CommunityManager {
			t.Errorf("known user's role in the brand %q (%v)", role, err)
		}
		if r := signInWith(kc, known.Email, apptest.Password); r.Status != http.StatusSeeOther {
			t.Errorf("known user's password changed by accepting: sign-in %d", r.Status)
		}

		// Inviting a member again is refused next to the email field.
		r := c.PostForm("/team/invite", url.Values{"email": {"nora@example.com"}, "role": {string(auth.Viewer)}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="email-error">`+msgAlreadyMember) {
			t.Errorf("invite a member: %d, want 422 with %q next to the email; body %s", r.Status, msgAlreadyMember, clipped(r.Body))
		}
		// An executive cannot hand out the account manager role.
		if r := c.PostForm("/team/invite", url.Values{"email": {"amy@example.com"}, "role": {string(auth.AccountManager)}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("executive invites an account manager: %d, want 422", r.Status)
		}
	})
}

func TestAccountSettings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := apptest.New(t, d)
		b := env.Brand("Acme")
		ana := env.User("ana@example.com", b.ID, auth.Viewer)
		env.User("bo@example.com", b.ID, auth.Viewer)
		here := env.SignIn(ana.Email)
		there := env.SignIn(ana.Email)
		bo := env.SignIn("bo@example.com")

		// Revoking another session of one's own ends it; this one stays.
		thereID := sessionID(t, env, sessionOf(t, env, there))
		wantRedirect(t, "revoke my other session", here.PostForm(fmt.Sprintf("/account/sessions/%d/revoke", thereID), nil), "/account")
		wantSignInRedirect(t, "the revoked session", there.Get("/creators"))
		if r := here.Get("/creators"); r.Status != http.StatusOK {
			t.Fatalf("this session after revoking the other: %d", r.Status)
		}
		// Someone else's session is not found, and keeps working.
		boID := sessionID(t, env, sessionOf(t, env, bo))
		if r := here.PostForm(fmt.Sprintf("/account/sessions/%d/revoke", boID), nil); r.Status != http.StatusNotFound {
			t.Errorf("revoke another user's session: %d, want 404", r.Status)
		}
		if r := bo.Get("/creators"); r.Status != http.StatusOK {
			t.Errorf("bo after ana tried to revoke his session: %d", r.Status)
		}

		// Language: Spanish pages once the profile says es.
		if r := here.Get("/creators"); !strings.Contains(r.Body, `<html lang="en">`) || !strings.Contains(r.Body, ">Creators<") {
			t.Fatalf("pages before choosing a language are not English")
		}
		wantRedirect(t, "save profile", here.PostForm("/account/profile", url.Values{"name": {"Ana"}, "locale": {"es"}}), "/account")
		if r := here.Get("/creators"); !strings.Contains(r.Body, `<html lang="es">`) || !strings.Contains(r.Body, ">Creadores<") {
			t.Errorf("after choosing es: the page is not Spanish")
		}
		if r := here.PostForm("/account/profile", url.Values{"name": {"Ana"}, "locale": {"xx"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("unknown language: %d, want 422", r.Status)
		}
		wantRedirect(t, "back to English", here.PostForm("/account/profile", url.Values{"name": {"Ana"}, "locale": {"en"}}), "/account")

		// Changing the password needs the current one.
		there = env.SignIn(ana.Email)
		r := here.PostForm("/account/password", url.Values{"current": {"not my password"}, "password": {newPassword}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="current-error">`+msgCurrentWrong) {
			t.Fatalf("change password with a wrong current one: %d, want 422 with %q; body %s", r.Status, msgCurrentWrong, clipped(r.Body))
		}
		if r := signInWith(env.Anonymous(), ana.Email, newPassword); r.Status != http.StatusUnauthorized {
			t.Fatalf("a refused change changed the password")
		}
		wantRedirect(t, "change password", here.PostForm("/account/password", url.Values{"current": {apptest.Password}, "password": {newPassword}}), "/account")
		if r := here.Get("/creators"); r.Status != http.StatusOK {
			t.Errorf("this session after changing the password: %d, want 200", r.Status)
		}
		wantSignInRedirect(t, "the other session after the password change", there.Get("/creators"))
		wantRedirect(t, "sign in with the new password", signInWith(env.Anonymous(), ana.Email, newPassword), "/")
		if r := signInWith(env.Anonymous(), ana.Email, apptest.Password); r.Status != http.StatusUnauthorized {
			t.Errorf("old password after the change: %d, want 401", r.Status)
		}
		sessions, err := auth.ListSessions(ctx, d, ana.ID, env.Now())
		if err != nil || len(sessions) != 2 { // here, and the sign-in just above
			t.Errorf("ana's sessions after the change: %d (%v), want 2", len(sessions), err)
		}
	})
}

func TestBrandSwitch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := apptest.New(t, d)
		alpha, beta, gamma := env.Brand("Alpha Brand"), env.Brand("Beta Brand"), env.Brand("Gamma Brand")
		am := env.User("am@example.com", alpha.ID, auth.AccountManager)
		env.User("am@example.com", beta.ID, auth.AccountManager)
		svc := creator.NewService(d, env.Now)
		names := map[int64]string{alpha.ID: "Alpha Star", beta.ID: "Beta Star", gamma.ID: "Gamma Star"}
		for id, name := range names {
			p := auth.NewPrincipal(auth.Principal{TokenName: "test", BrandID: id}, nil)
			if _, err := svc.Create(ctx, p, creator.Fields{DisplayName: name, Stage: "active"}); err != nil {
				t.Fatal(err)
			}
		}
		c := env.SignIn(am.Email)
		shows := func(what string, want []int64, notWant ...int64) {
			t.Helper()
			r := c.Get("/creators")
			if r.Status != http.StatusOK {
				t.Fatalf("%s: GET /creators %d", what, r.Status)
			}
			for _, id := range want {
				if !strings.Contains(r.Body, names[id]) {
					t.Errorf("%s: /creators lacks %s", what, names[id])
				}
			}
			for _, id := range notWant {
				if strings.Contains(r.Body, names[id]) {
					t.Errorf("%s: /creators shows %s", what, names[id])
				}
			}
		}
		// Which brand comes first is the app's choice; switch to the other.
		first, second := alpha.ID, beta.ID
		if r := c.Get("/creators"); strings.Contains(r.Body, names[beta.ID]) {
			first, second = beta.ID, alpha.ID
		}
		shows("before switching", []int64{first}, second, gamma.ID)

		wantRedirect(t, "switch brand", c.PostForm("/brand/switch", url.Values{"brand_id": {strconv.FormatInt(second, 10)}}), "/")
		shows("after switching", []int64{second}, first, gamma.ID)

		if r := c.PostForm("/brand/switch", url.Values{"brand_id": {strconv.FormatInt(gamma.ID, 10)}}); r.Status != http.StatusNotFound {
			t.Errorf("switch to a brand am is not in: %d, want 404", r.Status)
		}
		shows("after the refused switch", []int64{second}, first, gamma.ID)

		wantRedirect(t, "switch back", c.PostForm("/brand/switch", url.Values{"brand_id": {strconv.FormatInt(first, 10)}}), "/")
		shows("after switching back", []int64{first}, second, gamma.ID)
	})
}

func TestTokensPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := apptest.New(t, d)
		b := env.Brand("Acme")
		exec := env.User("exec@example.com", b.ID, auth.BrandExecutive)
		c := env.SignIn(exec.Email)

		r := c.PostForm("/tokens", url.Values{"name": {"reports"}, "scopes": {"creators:read", "team:read"}})
		m := newTokenRE.FindStringSubmatch(r.Body)
		if r.Status != http.StatusCreated || m == nil {
			t.Fatalf("create token: %d, want 201 showing the rst_ secret; body %s", r.Status, clipped(r.Body))
		}
		secret := m[1]
		if page := c.Get("/tokens"); page.Status != http.StatusOK || strings.Contains(page.Body, secret) || !strings.Contains(page.Body, "reports") {
			t.Errorf("GET /tokens after creating: %d; it must list the token without its secret", page.Status)
		}

		me := env.API(secret, "GET", "/api/v1/me", "")
		if me.Status != http.StatusOK {
			t.Fatalf("/api/v1/me with the new token: %d %s", me.Status, me.Body)
		}
		var got struct{ Scopes []string }
		if err := json.Unmarshal([]byte(me.Body), &got); err != nil {
			t.Fatal(err)
		}
		slices.Sort(got.Scopes)
		if !slices.Equal(got.Scopes, []string{"creators:read", "team:read"}) {
			t.Errorf("token scopes %v, want creators:read and team:read", got.Scopes)
		}

		// An executive cannot write creators, so neither can their token.
		r = c.PostForm("/tokens", url.Values{"name": {"too much"}, "scopes": {"creators:read", "creators:write"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="scopes-error">`) || !strings.Contains(r.Body, "creators:write") || newTokenRE.MatchString(r.Body) {
			t.Errorf("token with a scope the creator lacks: %d, want 422 with a message at the scopes; body %s", r.Status, clipped(r.Body))
		}
		toks, err := auth.ListTokens(ctx, d, b.ID)
		if err != nil || len(toks) != 1 {
			t.Fatalf("tokens: %d (%v), want 1", len(toks), err)
		}

		wantRedirect(t, "revoke", c.PostForm(fmt.Sprintf("/tokens/%d/revoke", toks[0].ID), nil), "/tokens")
		me = env.API(secret, "GET", "/api/v1/me", "")
		if me.Status != http.StatusUnauthorized || !strings.HasPrefix(me.Header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("/api/v1/me with a revoked token: %d %s, want 401 problem+json", me.Status, me.Header.Get("Content-Type"))
		}
	})
}

// smtpSink is a real SMTP server on loopback that keeps what it receives.
type smtpSink struct {
	addr string
	mu   sync.Mutex
	msgs []sunkMail
}

type sunkMail struct {
	from string
	to   []string
	data []byte
}

func startSMTPSink(t *testing.T) *smtpSink {
	t.Helper()
	sink := &smtpSink{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: sink}, nil }))
	srv.Domain = "localhost"
	srv.ErrorLog = log4test{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sink.addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return sink
}

func (s *smtpSink) received() []sunkMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sunkMail(nil), s.msgs...)
}

type log4test struct{}

func (log4test) Printf(string, ...any) {}
func (log4test) Println(...any)        {}

type sinkSession struct {
	sink *smtpSink
	cur  sunkMail
}

func (s *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	s.cur = sunkMail{from: from}
	return nil
}

func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}

func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.sink.mu.Lock()
	s.sink.msgs = append(s.sink.msgs, s.cur)
	s.sink.mu.Unlock()
	return nil
}

func (s *sinkSession) Reset()        { s.cur = sunkMail{} }
func (s *sinkSession) Logout() error { return nil }

func TestEmailDeliveredThroughSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		sink := startSMTPSink(t)
		sender, err := rmail.NewSMTPSender("smtp://"+sink.addr, "Roster <roster@test>")
		if err != nil {
			t.Fatal(err)
		}
		queue := jobs.New(d, slog.New(slog.DiscardHandler), jobs.Config{})
		rmail.RegisterDelivery(queue, d, sender)

		env := apptest.New(t, d)
		b := env.Brand("Acme")
		ana := env.User("ana@example.com", b.ID, auth.Viewer)
		if r := env.Anonymous().PostForm("/password/forgot", url.Values{"email": {ana.Email}}); r.Status != http.StatusOK {
			t.Fatalf("forgot: %d", r.Status)
		}
		ms := outbox(t, d)
		if len(ms) != 1 || ms[0].SentAt != nil {
			t.Fatalf("outbox before the worker ran: %+v, want one unsent message", ms)
		}

		// Work jobs until the message is recorded as sent.
		deadline := time.Now().Add(time.Minute)
		for outbox(t, d)[0].SentAt == nil {
			if time.Now().After(deadline) {
				t.Fatalf("the reset email was not sent within a minute; outbox: %+v", outbox(t, d)[0])
			}
			if _, err := queue.Work(ctx); err != nil {
				t.Fatal(err)
			}
		}

		got := sink.received()
		if len(got) != 1 {
			t.Fatalf("the SMTP server received %d messages, want 1", len(got))
		}
		if got[0].from != "roster@test" || !slices.Equal(got[0].to, []string{ana.Email}) {
			t.Errorf("envelope from %q to %v, want roster@test to %s", got[0].from, got[0].to, ana.Email)
		}
		msg, err := mail.ReadMessage(strings.NewReader(string(got[0].data)))
		if err != nil {
			t.Fatal(err)
		}
		if subj := msg.Header.Get("Subject"); subj != "Reset your Roster password" {
			t.Errorf("subject %q", subj)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
		if err != nil {
			t.Fatal(err)
		}
		link := resetLinkRE.FindString(string(body))
		if link == "" || !strings.Contains(string(body), env.Server.URL+link) {
			t.Fatalf("delivered body has no reset link:\n%s", body)
		}
		// The delivered link is the one that works.
		if r := env.Anonymous().Get(link); r.Status != http.StatusOK {
			t.Errorf("GET the delivered link: %d, want 200", r.Status)
		}
		if ran, err := queue.Work(ctx); err != nil || ran {
			t.Errorf("after delivery: another job ran (%v, %v); the email must go once", ran, err)
		}
		if n := len(sink.received()); n != 1 {
			t.Errorf("the SMTP server has %d messages, want 1", n)
		}
	})
}

func TestSecurityHeadersCSRFAndCookies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		b := env.Brand("Acme")
		env.User("ana@example.com", b.ID, auth.Viewer)
		c := env.Anonymous()

		for _, path := range []string{"/login", "/password/forgot"} {
			r := c.Get(path)
			csp := r.Header.Get("Content-Security-Policy")
			if r.Status != http.StatusOK || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("GET %s: %d, CSP %q", path, r.Status, csp)
			}
			for h, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff"} {
				if got := r.Header.Get(h); got != want {
					t.Errorf("GET %s: %s %q, want %q", path, h, got, want)
				}
			}
		}

		form := url.Values{"email": {"ana@example.com"}, "password": {apptest.Password}}
		cross := []map[string]string{
			{"Sec-Fetch-Site": "cross-site"},
			{"Sec-Fetch-Site": "same-site"},
			{"Origin": "https://evil.example"},
		}
		for _, h := range cross {
			if r := postWith(c, "/login", form, h); r.Status != http.StatusForbidden {
				t.Errorf("POST /login with %v: %d, want 403", h, r.Status)
			}
		}
		if sessionOf(t, env, c) != "" {
			t.Fatal("a cross-site sign-in set a session cookie")
		}

		r := postWith(c, "/login", form, map[string]string{"Sec-Fetch-Site": "same-origin"})
		wantRedirect(t, "same-origin sign-in", r, "/")
		var session *http.Cookie
		for _, line := range r.Header.Values("Set-Cookie") {
			ck, err := http.ParseSetCookie(line)
			if err != nil {
				t.Fatal(err)
			}
			if ck.Name == web.SessionCookie {
				session = ck
			}
		}
		if session == nil {
			t.Fatal("sign-in set no session cookie")
		}
		if !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" {
			t.Errorf("session cookie HttpOnly=%v SameSite=%v Path=%q, want HttpOnly, Lax, /", session.HttpOnly, session.SameSite, session.Path)
		}
		// A signed-in browser's cross-site POST is refused too, and does
		// nothing: here, signing out.
		if r := postWith(c, "/logout", nil, map[string]string{"Sec-Fetch-Site": "cross-site"}); r.Status != http.StatusForbidden {
			t.Errorf("cross-site POST /logout: %d, want 403", r.Status)
		}
		if r := c.Get("/creators"); r.Status != http.StatusOK {
			t.Errorf("after a refused cross-site sign-out: GET /creators %d, want 200", r.Status)
		}
	})
}
