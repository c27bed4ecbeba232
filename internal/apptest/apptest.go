// Package apptest runs the whole application in tests: the real router
// and middleware over a real database, served on a loopback port, with
// helpers to make brands, people and tokens and a table-driven scenario
// runner.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/app"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// Password is the password of every user the helpers create.
const Password = "correct horse battery"

// Env is a running Roster over one test database.
type Env struct {
	T      testing.TB
	DB     *db.DB
	Server *httptest.Server
	Router *web.Router
	Deps   *web.Deps

	mu  sync.Mutex
	now time.Time
}

// New starts the application over d.
func New(t testing.TB, d *db.DB) *Env {
	t.Helper()
	e := &Env{T: t, DB: d, now: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	e.Deps = &web.Deps{DB: d, Log: log, Now: e.Now}
	h, rt, err := app.NewHandler(e.Deps, app.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	e.Router = rt
	e.Server = httptest.NewServer(h)
	e.Deps.Config.BaseURL = e.Server.URL
	t.Cleanup(e.Server.Close)
	return e
}

// Now is the test clock.
func (e *Env) Now() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

// Advance moves the test clock forward.
func (e *Env) Advance(d time.Duration) {
	e.mu.Lock()
	e.now = e.now.Add(d)
	e.mu.Unlock()
}

// Brand creates a brand.
func (e *Env) Brand(name string) *brand.Brand {
	e.T.Helper()
	b, err := brand.Create(context.Background(), e.DB, name, "", e.Now())
	if err != nil {
		e.T.Fatal(err)
	}
	return b
}

// User creates a user with Password and, unless role is platform admin,
// a membership in brandID.
func (e *Env) User(email string, brandID int64, role auth.Role) *auth.User {
	e.T.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword(Password)
	if err != nil {
		e.T.Fatal(err)
	}
	u, _, err := auth.UserByEmail(ctx, e.DB, email)
	if err != nil {
		u, err = auth.CreateUser(ctx, e.DB, email, "", hash, "", role == auth.PlatformAdmin, e.Now())
		if err != nil {
			e.T.Fatal(err)
		}
	}
	if role != auth.PlatformAdmin {
		if err := brand.SetMember(ctx, e.DB, brandID, u.ID, role, e.Now()); err != nil {
			e.T.Fatal(err)
		}
	}
	return u
}

// Token creates an API token for a brand with the given scopes.
func (e *Env) Token(brandID int64, scopes ...auth.Permission) string {
	e.T.Helper()
	secret, _, err := auth.CreateToken(context.Background(), e.DB, brandID, "test", scopes, 0, e.Now())
	if err != nil {
		e.T.Fatal(err)
	}
	return secret
}

// Client is a browser-like client with its own cookies.
type Client struct {
	*http.Client
	env *Env
}

// Anonymous returns a client with no session.
func (e *Env) Anonymous() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, env: e}
}

// SignIn signs a user in through the real form and returns their client.
func (e *Env) SignIn(email string) *Client {
	e.T.Helper()
	c := e.Anonymous()
	res := c.PostForm("/login", map[string][]string{"email": {email}, "password": {Password}})
	if res.Status != http.StatusSeeOther {
		e.T.Fatalf("sign in %s: status %d, body %s", email, res.Status, res.Body)
	}
	return c
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }
