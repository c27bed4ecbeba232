// Command roster is the whole of Roster: the web server and the
// operator's commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/rosterhq/roster/internal/app"
)

const usage = `roster — creator-marketing platform

Usage:
  roster serve [--addr 127.0.0.1:8080] [--data DIR | --database-url URL] [--demo]
  roster migrate [apply|status] [--data DIR | --database-url URL]
  roster brand create --name NAME [--slug SLUG]
  roster user create --email E --role ROLE [--brand SLUG] [--password-file F]
  roster token create --brand SLUG --name NAME [--scopes creators:read,creators:write]
  roster import creators FILE --brand SLUG [--dry-run] [--errors OUT.csv] [--json] [--map "Col=field"]...
  roster export creators --brand SLUG [--q Q] [--stage S] [--tag T] [--platform P] [--country C] [--sort S] > creators.csv

Every command takes --data (SQLite folder, default ./roster-data) or
--database-url / ROSTER_DATABASE_URL (PostgreSQL). Run a command with -h for its flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "roster:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	s := app.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	sub := func() (string, []string) {
		if len(rest) == 0 {
			return "", nil
		}
		return rest[0], rest[1:]
	}
	switch cmd {
	case "serve":
		o, err := app.ServeFlags(rest, os.Stderr)
		if err != nil {
			return err
		}
		return app.Serve(ctx, o, os.Stdout, app.NewLogger(o.LogFormat, os.Stderr))
	case "migrate":
		return app.Migrate(ctx, rest, s)
	case "brand", "user", "token":
		action, more := sub()
		if action != "create" {
			return fmt.Errorf("%s: unknown action %q (use: roster %s create …)", cmd, action, cmd)
		}
		switch cmd {
		case "brand":
			return app.BrandCreate(ctx, more, s)
		case "user":
			return app.UserCreate(ctx, more, s)
		default:
			return app.TokenCreate(ctx, more, s)
		}
	case "import":
		if kind, more := sub(); kind == "creators" {
			return app.ImportCreators(ctx, more, s)
		}
		return fmt.Errorf("import: say what to import (roster import creators FILE --brand SLUG)")
	case "export":
		if kind, more := sub(); kind == "creators" {
			return app.ExportCreators(ctx, more, s)
		}
		return fmt.Errorf("export: say what to export (roster export creators --brand SLUG > creators.csv)")
	case "help", "-h", "--help":
		fmt.Fprint(os.Stdout, usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
