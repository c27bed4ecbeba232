package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/app"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// cliCommand is one of the operator commands.
type cliCommand func(ctx context.Context, args []string, s app.IO) error

// cliTarget is a database as the commands name it (flags) and as the
// test opens it (config).
type cliTarget struct {
	flags []string
	cfg   db.Config
}

// cliEach runs fn on an empty SQLite data folder and on an empty
// PostgreSQL schema, each named by the flags an operator would pass.
func cliEach(t *testing.T, fn func(t *testing.T, target cliTarget)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		fn(t, cliTarget{flags: []string{"--data", dir}, cfg: db.Config{DataDir: dir}})
	})
	t.Run("postgres", func(t *testing.T) {
		url := dbtest.PostgresURL(t)
		fn(t, cliTarget{flags: []string{"--database-url", url}, cfg: db.Config{DatabaseURL: url}})
	})
}

// cliRun runs a command with args plus the target's flags, stdin in, and
// returns what it wrote.
func cliRun(t *testing.T, cmd cliCommand, target cliTarget, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	all := append(append([]string(nil), args...), target.flags...)
	err = cmd(context.Background(), all, app.IO{In: strings.NewReader(stdin), Out: &out, Err: &errOut})
	return out.String(), errOut.String(), err
}

// cliMust runs a command that must succeed.
func cliMust(t *testing.T, cmd cliCommand, target cliTarget, args ...string) string {
	t.Helper()
	out, errOut, err := cliRun(t, cmd, target, "", args...)
	if err != nil {
		t.Fatalf("%v: %v (stderr %q)", args, err, errOut)
	}
	return out
}

// cliOpen opens the target's database for checks.
func cliOpen(t *testing.T, target cliTarget) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), target.cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// cliAudit counts the audit events for an action on an entity (and id,
// when given) recorded by the command line.
func cliAudit(t *testing.T, d *db.DB, action, entity, entityID string) int {
	t.Helper()
	q := `SELECT COUNT(*) FROM audit_events WHERE action = ? AND entity = ? AND actor_label = ?`
	args := []any{action, entity, "token:cli"}
	if entityID != "" {
		q += ` AND entity_id = ?`
		args = append(args, entityID)
	}
	var n int
	if err := d.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestMigrateCommand(t *testing.T) {
	cliEach(t, func(t *testing.T, target cliTarget) {
		latest := 0
		var versions []string
		{
			out := cliMust(t, app.Migrate, target, "status")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) == 0 || lines[0] == "" {
				t.Fatalf("status on an empty database lists nothing: %q", out)
			}
			for _, l := range lines {
				if !strings.HasSuffix(strings.TrimSpace(l), "pending") {
					t.Errorf("status on an empty database: %q is not pending", l)
				}
			}
			if !strings.HasPrefix(lines[0], "0001_core") {
				t.Errorf("first migration listed as %q, want 0001_core…", lines[0])
			}
			latest = len(lines)
			for _, l := range lines {
				versions = append(versions, strings.TrimSpace(l)[:4])
			}
		}

		// Numbers may have gaps while branches land in another order:
		// every listed migration, not every number, must be applied.
		out := cliMust(t, app.Migrate, target, "apply")
		for _, v := range versions {
			if want := "applied " + v; !strings.Contains(out, want) {
				t.Errorf("apply printed %q, want a line %q", out, want)
			}
		}

		out = cliMust(t, app.Migrate, target, "status")
		applied := regexp.MustCompile(`(?m)^\d{4}_\S+\s+applied \d{4}-\d\d-\d\dT`)
		if n := len(applied.FindAllString(out, -1)); n != latest {
			t.Errorf("status after apply shows %d applied migrations, want %d:\n%s", n, latest, out)
		}
		if strings.Contains(out, "pending") {
			t.Errorf("status after apply still lists pending migrations:\n%s", out)
		}

		// Applying again changes nothing and says so.
		out = cliMust(t, app.Migrate, target, "apply")
		if !strings.Contains(out, "schema is up to date") || strings.Contains(out, "applied 0001") {
			t.Errorf("second apply printed %q", out)
		}
		d := cliOpen(t, target)
		if err := d.CheckSchema(context.Background()); err != nil {
			t.Errorf("schema after migrate apply: %v", err)
		}

		if _, _, err := cliRun(t, app.Migrate, target, "", "sideways"); err == nil || !strings.Contains(err.Error(), "apply or status") {
			t.Errorf("unknown action: err %v, want one naming apply and status", err)
		}
	})
}

func TestBrandCreateCommand(t *testing.T) {
	cliEach(t, func(t *testing.T, target cliTarget) {
		// The first command on an empty database migrates it.
		out := cliMust(t, app.BrandCreate, target, "--name", "Café Nube")
		if !strings.Contains(out, "cafe-nube") || !strings.Contains(out, `"Café Nube"`) {
			t.Errorf("brand create printed %q, want the name and the slug cafe-nube", out)
		}
		d := cliOpen(t, target)
		b, err := brand.BySlug(context.Background(), d, "cafe-nube")
		if err != nil {
			t.Fatalf("brand cafe-nube after create: %v", err)
		}
		if b.Name != "Café Nube" {
			t.Errorf("brand name %q, want Café Nube", b.Name)
		}
		if n := cliAudit(t, d, "create", "brand", strconv.FormatInt(b.ID, 10)); n != 1 {
			t.Errorf("audit events for the new brand: %d, want 1", n)
		}

		cases := []struct {
			name    string
			args    []string
			wantErr []string // substrings of the error; nil: success
		}{
			{"explicit slug", []string{"--name", "Acme Corp", "--slug", "acme"}, nil},
			{"duplicate derived slug", []string{"--name", "Cafe Nube"}, []string{"cafe-nube", "taken"}},
			{"duplicate explicit slug", []string{"--name", "Another", "--slug", "acme"}, []string{"acme", "taken"}},
			{"no name", []string{"--slug", "nameless"}, []string{"name", "required"}},
			{"bad slug", []string{"--name", "Bad", "--slug", "Not A Slug"}, []string{"slug"}},
			{"stray argument", []string{"--name", "X", "extra"}, []string{"unexpected argument"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				out, _, err := cliRun(t, app.BrandCreate, target, "", c.args...)
				if c.wantErr == nil {
					if err != nil {
						t.Fatalf("err %v", err)
					}
					return
				}
				if err == nil {
					t.Fatalf("succeeded (%q), want an error", out)
				}
				for _, w := range c.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				if out != "" {
					t.Errorf("a failed create printed %q on stdout", out)
				}
			})
		}
		var brands int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM brands`).Scan(&brands); err != nil {
			t.Fatal(err)
		}
		if brands != 2 {
			t.Errorf("%d brands after the cases, want 2 (cafe-nube and acme)", brands)
		}
		if n := cliAudit(t, d, "create", "brand", ""); n != 2 {
			t.Errorf("%d brand create audit events, want 2 (failures record nothing)", n)
		}
	})
}

func TestUserCreateCommand(t *testing.T) {
	cliEach(t, func(t *testing.T, target cliTarget) {
		cliMust(t, app.BrandCreate, target, "--name", "Acme", "--slug", "acme")
		dir := t.TempDir()
		goodFile := filepath.Join(dir, "good")
		if err := os.WriteFile(goodFile, []byte(apptest.Password+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		shortFile := filepath.Join(dir, "short")
		if err := os.WriteFile(shortFile, []byte("short\n"), 0o600); err != nil {
			t.Fatal(err)
		}

		cases := []struct {
			name    string
			stdin   string
			args    []string
			wantErr []string
			role    auth.Role // for successes: the membership in acme ("" for platform admin)
			email   string
		}{
			{name: "password file", args: []string{"--email", "Ana@Example.com", "--role", "community_manager", "--brand", "acme", "--password-file", goodFile},
				role: auth.CommunityManager, email: "ana@example.com"},
			{name: "password prompt", stdin: apptest.Password + "\n", args: []string{"--email", "bo@example.com", "--role", "viewer", "--brand", "acme"},
				role: auth.Viewer, email: "bo@example.com"},
			{name: "platform admin needs no brand", args: []string{"--email", "root@example.com", "--role", "platform_admin", "--password-file", goodFile},
				email: "root@example.com"},
			{name: "bad role", args: []string{"--email", "x@example.com", "--role", "boss", "--brand", "acme", "--password-file", goodFile},
				wantErr: []string{"--role", "platform_admin", "account_manager", "brand_executive", "community_manager", "viewer"}},
			{name: "missing brand", args: []string{"--email", "x@example.com", "--role", "viewer", "--password-file", goodFile},
				wantErr: []string{"--brand"}},
			{name: "unknown brand", args: []string{"--email", "x@example.com", "--role", "viewer", "--brand", "nope", "--password-file", goodFile},
				wantErr: []string{`"nope"`, "not found"}},
			{name: "missing email", args: []string{"--role", "viewer", "--brand", "acme", "--password-file", goodFile},
				wantErr: []string{"--email"}},
			{name: "short password", args: []string{"--email", "x@example.com", "--role", "viewer", "--brand", "acme", "--password-file", shortFile},
				wantErr: []string{"at least 10"}},
			{name: "no password typed", stdin: "", args: []string{"--email", "x@example.com", "--role", "viewer", "--brand", "acme"},
				wantErr: []string{"no password"}},
			{name: "duplicate email", args: []string{"--email", "ana@example.com", "--role", "viewer", "--brand", "acme", "--password-file", goodFile},
				wantErr: []string{"ana@example.com", "already exists"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				out, errOut, err := cliRun(t, app.UserCreate, target, c.stdin, c.args...)
				if c.wantErr != nil {
					if err == nil {
						t.Fatalf("succeeded (%q), want an error", out)
					}
					for _, w := range c.wantErr {
						if !strings.Contains(err.Error(), w) {
							t.Errorf("error %q lacks %q", err, w)
						}
					}
					return
				}
				if err != nil {
					t.Fatalf("err %v (stderr %q)", err, errOut)
				}
				if !strings.Contains(out, c.email) {
					t.Errorf("printed %q, want the normalised email %s", out, c.email)
				}
				if c.stdin != "" && !strings.Contains(errOut, "Password:") {
					t.Errorf("no password prompt on stderr: %q", errOut)
				}
			})
		}

		// What was made works in the real app.
		d := cliOpen(t, target)
		ctx := context.Background()
		acme, err := brand.BySlug(ctx, d, "acme")
		if err != nil {
			t.Fatal(err)
		}
		env := apptest.New(t, d)
		for _, c := range cases {
			if c.wantErr != nil {
				continue
			}
			u, _, err := auth.UserByEmail(ctx, d, c.email)
			if err != nil {
				t.Fatalf("%s: user %s: %v", c.name, c.email, err)
			}
			if c.role == "" {
				if !u.IsPlatformAdmin {
					t.Errorf("%s is not a platform admin", c.email)
				}
				if n := cliAudit(t, d, "create", "user", strconv.FormatInt(u.ID, 10)); n != 1 {
					t.Errorf("%s: %d user audit events, want 1", c.email, n)
				}
			} else {
				role, err := brand.RoleOf(ctx, d, acme.ID, u.ID)
				if err != nil || role != c.role {
					t.Errorf("%s: role in acme %q (%v), want %s", c.email, role, err, c.role)
				}
				if n := cliAudit(t, d, "create", "member", strconv.FormatInt(u.ID, 10)); n != 1 {
					t.Errorf("%s: %d member audit events, want 1", c.email, n)
				}
			}
			client := env.SignIn(c.email) // fails the test unless the password works
			want := "/creators"           // members work in acme
			if c.role == "" {
				want = "/admin/brands" // only platform admins may open it
			}
			if res := client.Get(want); res.Status != http.StatusOK {
				t.Errorf("%s signed in: GET %s → %d", c.email, want, res.Status)
			}
		}
		var users int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&users); err != nil {
			t.Fatal(err)
		}
		if users != 3 {
			t.Errorf("%d users, want 3: failed commands must create nobody", users)
		}
	})
}

var tokenLine = regexp.MustCompile(`^rst_[A-Za-z0-9_-]{20,}\n$`)

func TestTokenCreateCommand(t *testing.T) {
	cliEach(t, func(t *testing.T, target cliTarget) {
		cliMust(t, app.BrandCreate, target, "--name", "Acme", "--slug", "acme")

		out, errOut, err := cliRun(t, app.TokenCreate, target, "", "--brand", "acme", "--name", "reporting script", "--scopes", "creators:read, creators:write")
		if err != nil {
			t.Fatalf("token create: %v (stderr %q)", err, errOut)
		}
		if !tokenLine.MatchString(out) {
			t.Fatalf("stdout %q is not exactly one line with an rst_ token", out)
		}
		secret := strings.TrimSpace(out)

		d := cliOpen(t, target)
		env := apptest.New(t, d)
		res := env.API(secret, "GET", "/api/v1/me", "")
		if res.Status != http.StatusOK {
			t.Fatalf("GET /api/v1/me with the new token: %d %s", res.Status, res.Body)
		}
		var me struct {
			Brand  struct{ Slug string }
			Token  struct{ Name string }
			Scopes []string
		}
		if err := json.Unmarshal([]byte(res.Body), &me); err != nil {
			t.Fatal(err)
		}
		slices.Sort(me.Scopes)
		if me.Brand.Slug != "acme" || me.Token.Name != "reporting script" || !slices.Equal(me.Scopes, []string{"creators:read", "creators:write"}) {
			t.Errorf("/me = %+v, want brand acme, token \"reporting script\", scopes creators:read and creators:write", me)
		}
		// Asked scopes only: creators:delete was not given.
		if res := env.API(secret, "DELETE", "/api/v1/creators/1", ""); res.Status != http.StatusForbidden {
			t.Errorf("DELETE with a token without creators:delete: %d, want 403", res.Status)
		}

		var tokenID int64
		if err := d.QueryRowContext(context.Background(), `SELECT id FROM api_tokens WHERE name = ?`, "reporting script").Scan(&tokenID); err != nil {
			t.Fatal(err)
		}
		if n := cliAudit(t, d, "create", "token", strconv.FormatInt(tokenID, 10)); n != 1 {
			t.Errorf("%d token audit events, want 1", n)
		}

		allowed := []string{"creators:read", "creators:write", "creators:delete", "team:read", "audit:read"}
		cases := []struct {
			name    string
			args    []string
			wantErr []string
		}{
			{"unknown scope", []string{"--brand", "acme", "--name", "x", "--scopes", "creators:read,brands:manage"}, append([]string{"brands:manage"}, allowed...)},
			{"unknown brand", []string{"--brand", "nope", "--name", "x"}, []string{`"nope"`, "not found"}},
			{"no name", []string{"--brand", "acme"}, []string{"name"}},
			{"no scopes", []string{"--brand", "acme", "--name", "x", "--scopes", ","}, []string{"scope"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				out, _, err := cliRun(t, app.TokenCreate, target, "", c.args...)
				if err == nil {
					t.Fatalf("succeeded (%q), want an error", out)
				}
				for _, w := range c.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				if strings.Contains(err.Error(), "{") {
					t.Errorf("error %q has an unfilled placeholder", err)
				}
				if out != "" {
					t.Errorf("a failed create printed %q on stdout", out)
				}
			})
		}
		var tokens int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM api_tokens`).Scan(&tokens); err != nil {
			t.Fatal(err)
		}
		if tokens != 1 {
			t.Errorf("%d tokens, want 1: failed commands must create none", tokens)
		}
	})
}
