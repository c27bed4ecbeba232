package app_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/app"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/demo"
)

// serveWait bounds how long a test waits for the server to start or stop;
// the demo seed on PostgreSQL takes a few seconds.
const serveWait = 2 * time.Minute

// lockedBuffer is a buffer Serve writes to while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// running is an app.Serve started by a test.
type running struct {
	addr   string
	stdout *lockedBuffer
	cancel context.CancelFunc
	done   chan error // receives Serve's result once
	result error
	ended  bool
}

// url is an absolute URL on the running server.
func (s *running) url(path string) string { return "http://" + s.addr + path }

// stop cancels Serve's context and returns what Serve returned.
func (s *running) stop(t testing.TB) error {
	t.Helper()
	s.cancel()
	return s.wait(t)
}

func (s *running) wait(t testing.TB) error {
	t.Helper()
	if s.ended {
		return s.result
	}
	select {
	case s.result = <-s.done:
		s.ended = true
		return s.result
	case <-time.After(serveWait):
		t.Fatalf("Serve did not return within %s of shutdown", serveWait)
		return nil
	}
}

// startServe runs app.Serve on a loopback port until the test ends. When
// Serve fails before it is ready, startServe returns its error instead.
func startServe(t testing.TB, o app.ServeOptions) (*running, error) {
	t.Helper()
	o.Addr = "127.0.0.1:0"
	ready := make(chan string, 1)
	o.Ready = func(addr string) { ready <- addr }
	ctx, cancel := context.WithCancel(context.Background())
	s := &running{stdout: &lockedBuffer{}, cancel: cancel, done: make(chan error, 1)}
	log := slog.New(slog.DiscardHandler)
	go func() { s.done <- app.Serve(ctx, &o, s.stdout, log) }()
	t.Cleanup(func() {
		cancel()
		if !s.ended {
			select {
			case <-s.done:
			case <-time.After(serveWait):
				t.Errorf("Serve did not return within %s of the test's end", serveWait)
			}
		}
	})
	select {
	case s.addr = <-ready:
		return s, nil
	case err := <-s.done:
		s.ended, s.result = true, err
		cancel()
		if err == nil {
			err = errors.New("Serve returned nil before it was ready")
		}
		return nil, err
	case <-time.After(serveWait):
		t.Fatalf("Serve was not ready within %s", serveWait)
		return nil, nil
	}
}

// mustServe is startServe for a server that must start.
func mustServe(t testing.TB, o app.ServeOptions) *running {
	t.Helper()
	s, err := startServe(t, o)
	if err != nil {
		t.Fatalf("Serve: %v", err)
	}
	return s
}

func serveOptions(target cliTarget) app.ServeOptions {
	return app.ServeOptions{DB: app.DBFlags{Data: target.cfg.DataDir, DatabaseURL: target.cfg.DatabaseURL}}
}

// httpGet fetches an absolute URL without following redirects.
func httpGet(t testing.TB, c *http.Client, u string) (int, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

func noRedirects() *http.Client {
	return &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// portClosed reports whether nothing accepts connections on addr.
func portClosed(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return true
	}
	c.Close()
	return false
}

func TestServeMigratesAnEmptyDatabaseAndServes(t *testing.T) {
	cliEach(t, func(t *testing.T, target cliTarget) {
		s := mustServe(t, serveOptions(target))
		c := noRedirects()

		checks := []struct {
			path   string
			status int
			body   string // prefix of the body
		}{
			{"/healthz", http.StatusOK, "ok"},
			{"/readyz", http.StatusOK, "ready"},
			{"/login", http.StatusOK, "<!doctype html>"},
		}
		for _, ch := range checks {
			status, body := httpGet(t, c, s.url(ch.path))
			if status != ch.status || !strings.HasPrefix(body, ch.body) {
				t.Errorf("GET %s: %d %q, want %d %q…", ch.path, status, clipped(body), ch.status, ch.body)
			}
		}
		status, body := httpGet(t, c, s.url("/metrics"))
		if status != http.StatusOK {
			t.Fatalf("GET /metrics: %d", status)
		}
		for _, want := range []string{
			`roster_http_requests_total{code="200",route="GET /healthz"} 1`,
			`roster_http_requests_total{code="200",route="GET /login"} 1`,
			`roster_http_request_duration_seconds_bucket{route="GET /readyz"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}

		// The empty database was migrated to the current schema.
		d := cliOpen(t, target)
		if err := d.CheckSchema(context.Background()); err != nil {
			t.Errorf("schema after serve on an empty database: %v", err)
		}

		if err := s.stop(t); err != nil {
			t.Errorf("Serve after cancel: %v, want nil", err)
		}
		if !portClosed(s.addr) {
			t.Errorf("%s still accepts connections after Serve returned", s.addr)
		}
	})
}

// demoCounts are the sizes of what the demo seeds.
type demoCounts struct{ brands, users, creators, members, audit int }

func countDemo(t *testing.T, d *db.DB) demoCounts {
	t.Helper()
	var c demoCounts
	err := d.QueryRowContext(context.Background(), `SELECT
		(SELECT COUNT(*) FROM brands), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM creators),
		(SELECT COUNT(*) FROM memberships), (SELECT COUNT(*) FROM audit_events)`).
		Scan(&c.brands, &c.users, &c.creators, &c.members, &c.audit)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestServeDemo(t *testing.T) {
	cliEach(t, func(t *testing.T, target cliTarget) {
		o := serveOptions(target)
		o.Demo = true
		s := mustServe(t, o)
		out := s.stdout.String()
		if !strings.Contains(out, `created brand "Lumen & Pine Outdoor" with 500 creators`) || !strings.Contains(out, demo.Password) {
			t.Errorf("demo output %q lacks the brand, the creator count or the password", out)
		}

		d := cliOpen(t, target)
		var creators int
		err := d.QueryRowContext(context.Background(),
			`SELECT COUNT(*) FROM creators c JOIN brands b ON b.id = c.brand_id WHERE b.slug = ?`, "lumen-pine").Scan(&creators)
		// The network plus the applicants, who become creators in "applied".
		if err != nil || creators != demo.CreatorCount+demo.ApplicantCount {
			t.Errorf("lumen-pine has %d creators (%v), want %d", creators, err, demo.CreatorCount+demo.ApplicantCount)
		}
		var submitted int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM applications WHERE status = 'submitted'`).Scan(&submitted); err != nil || submitted != demo.ApplicantCount {
			t.Errorf("demo applications waiting for review: %d (%v), want %d", submitted, err, demo.ApplicantCount)
		}
		var threads, open, canned int
		if err := d.QueryRowContext(context.Background(), `SELECT (SELECT COUNT(*) FROM inbox_threads), (SELECT COUNT(*) FROM inbox_threads WHERE status = 'open'),
			(SELECT COUNT(*) FROM inbox_canned_answers)`).Scan(&threads, &open, &canned); err != nil || threads != 4 || open != 1 || canned != 3 {
			t.Errorf("demo inbox: %d threads, %d open, %d canned answers (%v); want 4, 1, 3", threads, open, canned, err)
		}
		var contracts, entries, meetings, goals int
		if err := d.QueryRowContext(context.Background(), `SELECT (SELECT COUNT(*) FROM brand_contracts), (SELECT COUNT(*) FROM time_entries),
			(SELECT COUNT(*) FROM account_meetings), (SELECT COUNT(*) FROM account_goals)`).Scan(&contracts, &entries, &meetings, &goals); err != nil ||
			contracts != 1 || entries < 40 || meetings != 3 || goals != 3 {
			t.Errorf("demo program: %d contracts, %d time entries, %d meetings, %d goals (%v); want 1, 40+, 3, 3", contracts, entries, meetings, goals, err)
		}

		// One user per role, each able to sign in with the demo password
		// on the running server and to open their home page.
		users := []struct{ email, home string }{
			{"admin@example.com", "/creators"},
			{"am@example.com", "/creators"},
			{"exec@example.com", "/creators"},
			{"cm@example.com", "/creators"},
			{"viewer@example.com", "/creators"},
		}
		for _, u := range users {
			if !strings.Contains(out, u.email) {
				t.Errorf("demo output does not list %s", u.email)
			}
			c := noRedirects()
			c.Jar, _ = cookiejar.New(nil)
			res, err := c.PostForm(s.url("/login"), url.Values{"email": {u.email}, "password": {demo.Password}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusSeeOther {
				t.Errorf("sign in as %s with the demo password: %d, want 303", u.email, res.StatusCode)
				continue
			}
			if status, body := httpGet(t, c, s.url(u.home)); status != http.StatusOK || !strings.Contains(body, "Lumen &amp; Pine Outdoor") {
				t.Errorf("%s: GET %s → %d, want 200 naming the demo brand", u.email, u.home, status)
			}
		}
		// Signed-in requests are counted under their route too.
		_, metrics := httpGet(t, noRedirects(), s.url("/metrics"))
		if want := `roster_http_requests_total{code="200",route="GET /creators"} 5`; !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s; it has:\n%s", want, grepLines(metrics, "roster_http_requests_total{"))
		}
		if err := s.stop(t); err != nil {
			t.Fatalf("Serve after cancel: %v", err)
		}
		before := countDemo(t, d)

		// A second start with --demo on the same, now non-empty, database
		// adds nothing and says so.
		s2 := mustServe(t, o)
		if out := s2.stdout.String(); !strings.Contains(out, "nothing was added") || strings.Contains(out, "created brand") {
			t.Errorf("second demo start printed %q, want that nothing was added", out)
		}
		if err := s2.stop(t); err != nil {
			t.Fatalf("second Serve after cancel: %v", err)
		}
		if after := countDemo(t, d); after != before {
			t.Errorf("second demo start changed the data: %+v → %+v", before, after)
		}
	})
}

// TestServeFinishesInFlightRequests starts a request whose body is still
// arriving, shuts the server down, and checks that the request is still
// answered before Serve returns, while new connections are refused.
func TestServeFinishesInFlightRequests(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := mustServe(t, app.ServeOptions{DB: app.DBFlags{Data: dir}})

	conn, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(serveWait))
	form := url.Values{"email": {"nobody@example.com"}, "password": {"wrong password"}}.Encode()
	head := fmt.Sprintf("POST /login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n", s.addr, len(form))
	// Headers and half the body: the request is in flight, its handler
	// waiting for the rest.
	if _, err := io.WriteString(conn, head+form[:len(form)/2]); err != nil {
		t.Fatal(err)
	}
	// The server accepts connections one after another: once a later
	// request is answered, the first connection has been taken.
	if status, _ := httpGet(t, noRedirects(), s.url("/healthz")); status != http.StatusOK {
		t.Fatalf("healthz: %d", status)
	}

	s.cancel()
	// Shutdown closes the listener first; poll until it has.
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(serveWait)
	for !portClosed(s.addr) {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatal("the listener was not closed after cancel")
		}
	}
	select {
	case err := <-s.done:
		s.ended, s.result = true, err
		t.Fatalf("Serve returned (%v) while a request was in flight", err)
	default:
	}

	if _, err := io.WriteString(conn, form[len(form)/2:]); err != nil {
		t.Fatalf("finish the body after shutdown began: %v", err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the in-flight request got no response: %v", err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), "The email or the password is not right.") {
		t.Errorf("in-flight sign-in answered %d %q, want 401 with the sign-in message", res.StatusCode, clipped(string(body)))
	}
	if err := s.wait(t); err != nil {
		t.Errorf("Serve after a graceful shutdown: %v, want nil", err)
	}
}

func TestServeRefusesAnotherSchemaVersion(t *testing.T) {
	cases := []struct {
		name   string
		change func(latest int) string
		want   []string
	}{
		{"older", func(latest int) string {
			return fmt.Sprintf(`DELETE FROM schema_migrations WHERE version = %d`, latest)
		},
			[]string{"roster migrate"}},
		{"newer", func(latest int) string {
			return fmt.Sprintf(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (%d, 'from_the_future', 0)`, latest+1)
		}, []string{"newer"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cliEach(t, func(t *testing.T, target cliTarget) {
				ctx := context.Background()
				d, err := db.Open(ctx, target.cfg)
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				if _, err := d.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				if _, err := d.ExecContext(ctx, c.change(db.LatestVersion(d.Dialect()))); err != nil {
					t.Fatal(err)
				}
				o := serveOptions(target)
				o.Demo = true
				s, err := startServe(t, o)
				if err == nil {
					t.Fatalf("Serve started on %s over a database at another schema version", s.addr)
				}
				for _, w := range c.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("Serve's error %q does not say %q", err, w)
					}
				}
				// Nothing was migrated or seeded.
				if err := d.CheckSchema(ctx); err == nil {
					t.Error("the refused database is at the current version now")
				}
				var brands int
				if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM brands`).Scan(&brands); err != nil {
					t.Fatal(err)
				}
				if brands != 0 {
					t.Errorf("%d brands: a refused start must not seed the demo", brands)
				}
			})
		})
	}
}

func TestServeFlags(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		wantErr string
		check   func(o *app.ServeOptions) bool
	}{
		{name: "defaults", args: nil, check: func(o *app.ServeOptions) bool { return o.LogFormat == "text" && !o.Demo && o.Workers == 2 }},
		{name: "every flag", args: []string{"--log-format", "json", "--demo", "--addr", "0.0.0.0:9000", "--data", "/tmp/x"},
			check: func(o *app.ServeOptions) bool {
				return o.LogFormat == "json" && o.Demo && o.Addr == "0.0.0.0:9000" && o.DB.Data == "/tmp/x"
			}},
		{name: "bad log format", args: []string{"--log-format", "xml"}, wantErr: "--log-format"},
		{name: "log format is case-sensitive", args: []string{"--log-format", "JSON"}, wantErr: "text or json"},
		{name: "workers not a number", args: []string{"--workers", "many"}, wantErr: "workers"},
		{name: "unknown flag", args: []string{"--no-such-flag"}, wantErr: "no-such-flag"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, v := range []string{"ROSTER_LOG_FORMAT", "ROSTER_ADDR", "ROSTER_DATA", "ROSTER_BASE_URL"} {
				t.Setenv(v, "")
			}
			o, err := app.ServeFlags(c.args, io.Discard)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err %v, want one mentioning %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(o) {
				t.Errorf("options %+v", o)
			}
		})
	}
}

func clipped(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
