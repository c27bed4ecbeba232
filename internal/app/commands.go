package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
)

// IO is where a command reads and writes.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// cliActor is the audit actor for operator commands.
var cliActor = auth.NewPrincipal(auth.Principal{TokenName: "cli"}, nil)

func parse(name string, args []string, s IO, setup func(fs *flag.FlagSet)) (*DBFlags, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(s.Err)
	var dbf DBFlags
	dbf.Register(fs)
	setup(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("%s: unexpected argument %q", name, fs.Arg(0))
	}
	return &dbf, nil
}

func openFor(ctx context.Context, dbf *DBFlags) (*db.DB, error) {
	cfg, err := dbf.Config()
	if err != nil {
		return nil, err
	}
	return OpenChecked(ctx, cfg)
}

// Migrate runs `roster migrate [apply|status]`.
func Migrate(ctx context.Context, args []string, s IO) error {
	action := "apply"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		action, args = args[0], args[1:]
	}
	dbf, err := parse("migrate", args, s, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	cfg, err := dbf.Config()
	if err != nil {
		return err
	}
	d, err := db.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer d.Close()
	switch action {
	case "apply":
		done, err := d.Migrate(ctx)
		for _, v := range done {
			fmt.Fprintf(s.Out, "applied %04d\n", v)
		}
		if err != nil {
			return err
		}
		if len(done) == 0 {
			fmt.Fprintf(s.Out, "schema is up to date (version %d)\n", db.LatestVersion(d.Dialect()))
		}
		return nil
	case "status":
		st, err := d.Status(ctx)
		if err != nil {
			return err
		}
		for _, m := range st {
			state := "pending"
			if !m.AppliedAt.IsZero() {
				state = "applied " + m.AppliedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(s.Out, "%04d_%-30s %s\n", m.Version, m.Name, state)
		}
		return nil
	}
	return fmt.Errorf("migrate: unknown action %q (use apply or status)", action)
}

// BrandCreate runs `roster brand create --name NAME [--slug SLUG]`.
func BrandCreate(ctx context.Context, args []string, s IO) error {
	var name, slug string
	dbf, err := parse("brand create", args, s, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "the brand's name (required)")
		fs.StringVar(&slug, "slug", "", "URL slug (default: derived from the name)")
	})
	if err != nil {
		return err
	}
	d, err := openFor(ctx, dbf)
	if err != nil {
		return err
	}
	defer d.Close()
	now := time.Now()
	var b *brand.Brand
	err = d.InTx(ctx, func(tx *db.Tx) error {
		if b, err = brand.Create(ctx, tx, name, slug, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, cliActor, b.ID, "create", "brand", fmt.Sprint(b.ID), audit.Created(map[string]any{"name": b.Name, "slug": b.Slug}), now)
	})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(s.Out, "created brand %q with slug %s\n", b.Name, b.Slug)
	return nil
}

// UserCreate runs `roster user create --email E --brand SLUG --role ROLE`.
func UserCreate(ctx context.Context, args []string, s IO) error {
	var email, brandSlug, role, passwordFile, name string
	dbf, err := parse("user create", args, s, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "email address (required)")
		fs.StringVar(&name, "name", "", "display name")
		fs.StringVar(&brandSlug, "brand", "", "slug of the brand to join (not needed for platform_admin)")
		fs.StringVar(&role, "role", "", "platform_admin, account_manager, brand_executive, community_manager or viewer")
		fs.StringVar(&passwordFile, "password-file", "", "read the password from this file (default: prompt)")
	})
	if err != nil {
		return err
	}
	r := auth.Role(role)
	if !r.Valid() {
		return fmt.Errorf("--role must be one of %s", rolesList())
	}
	if email == "" {
		return errors.New("--email is required")
	}
	if r != auth.PlatformAdmin && brandSlug == "" {
		return errors.New("--brand is required for this role")
	}
	password, err := readPassword(passwordFile, s)
	if err != nil {
		return err
	}
	if key := auth.PasswordProblem(password); key != "" {
		return fmt.Errorf("the password must have at least %d characters", auth.MinPasswordLength)
	}
	d, err := openFor(ctx, dbf)
	if err != nil {
		return err
	}
	defer d.Close()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	now := time.Now()
	err = d.InTx(ctx, func(tx *db.Tx) error {
		var b *brand.Brand
		if brandSlug != "" {
			if b, err = findBrand(ctx, tx, brandSlug); err != nil {
				return err
			}
		}
		u, err := auth.CreateUser(ctx, tx, email, name, hash, "", r == auth.PlatformAdmin, now)
		if err != nil {
			return err
		}
		if b != nil && r != auth.PlatformAdmin {
			if err := brand.SetMember(ctx, tx, b.ID, u.ID, r, now); err != nil {
				return err
			}
			return audit.Record(ctx, tx, cliActor, b.ID, "create", "member", fmt.Sprint(u.ID), audit.Created(map[string]any{"email": u.Email, "role": role}), now)
		}
		return audit.Record(ctx, tx, cliActor, 0, "create", "user", fmt.Sprint(u.ID), audit.Created(map[string]any{"email": u.Email, "platform_admin": true}), now)
	})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(s.Out, "created user %s (%s)\n", auth.NormalizeEmail(email), role)
	return nil
}

// TokenCreate runs `roster token create --brand SLUG --name NAME
// [--scopes a,b]` and prints only the token on stdout.
func TokenCreate(ctx context.Context, args []string, s IO) error {
	var brandSlug, name, scopes string
	dbf, err := parse("token create", args, s, func(fs *flag.FlagSet) {
		fs.StringVar(&brandSlug, "brand", "", "slug of the brand (required)")
		fs.StringVar(&name, "name", "", "what the token is for (required)")
		fs.StringVar(&scopes, "scopes", "creators:read", "comma-separated scopes: "+scopesList())
	})
	if err != nil {
		return err
	}
	var perms []auth.Permission
	for _, sc := range strings.Split(scopes, ",") {
		if sc = strings.TrimSpace(sc); sc != "" {
			perms = append(perms, auth.Permission(sc))
		}
	}
	all := auth.NewPrincipal(auth.Principal{}, auth.TokenScopes)
	if f := auth.ValidateTokenRequest(name, perms, all); len(f) > 0 {
		return fmt.Errorf("%s: %s (scopes: %s)", f[0].Field, f[0].Message, scopesList())
	}
	d, err := openFor(ctx, dbf)
	if err != nil {
		return err
	}
	defer d.Close()
	now := time.Now()
	var secret string
	err = d.InTx(ctx, func(tx *db.Tx) error {
		b, err := findBrand(ctx, tx, brandSlug)
		if err != nil {
			return err
		}
		var t *auth.Token
		if secret, t, err = auth.CreateToken(ctx, tx, b.ID, name, perms, 0, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, cliActor, b.ID, "create", "token", fmt.Sprint(t.ID), audit.Created(map[string]any{"name": t.Name, "scopes": scopes}), now)
	})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintln(s.Out, secret)
	return nil
}

// findBrand looks a brand up by slug; an unknown slug is an error that
// names it (describe would otherwise print only "brand not found").
func findBrand(ctx context.Context, q db.Querier, slug string) (*brand.Brand, error) {
	b, err := brand.BySlug(ctx, q, slug)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, apperr.New(apperr.NotFound, "brand %q not found", slug)
	}
	return b, err
}

func readPassword(file string, s IO) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	fmt.Fprint(s.Err, "Password: ")
	line, err := bufio.NewReader(s.In).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password given: use --password-file or type it at the prompt")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func rolesList() string {
	var out []string
	for _, r := range auth.Roles {
		out = append(out, string(r))
	}
	return strings.Join(out, ", ")
}

func scopesList() string {
	var out []string
	for _, p := range auth.TokenScopes {
		out = append(out, string(p))
	}
	return strings.Join(out, ",")
}
