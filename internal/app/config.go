package app

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/rosterhq/roster/internal/db"
)

// Env reads ROSTER_<name>, or the contents of the file named by
// ROSTER_<name>_FILE (for secrets mounted as files).
func Env(name string) (string, error) {
	if v := os.Getenv("ROSTER_" + name); v != "" {
		return v, nil
	}
	if path := os.Getenv("ROSTER_" + name + "_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("ROSTER_%s_FILE: %w", name, err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return "", nil
}

// DBFlags are the flags every command takes to find the database.
type DBFlags struct {
	Data        string
	DatabaseURL string
}

// Register adds --data and --database-url to fs.
func (f *DBFlags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.Data, "data", envOr("ROSTER_DATA", "roster-data"), "folder for the embedded SQLite database (env ROSTER_DATA)")
	fs.StringVar(&f.DatabaseURL, "database-url", "", "PostgreSQL URL, e.g. postgres://user@host/roster (env ROSTER_DATABASE_URL or ROSTER_DATABASE_URL_FILE); wins over --data")
}

// Config resolves the flags and environment into a db.Config.
func (f *DBFlags) Config() (db.Config, error) {
	url := f.DatabaseURL
	if url == "" {
		var err error
		if url, err = Env("DATABASE_URL"); err != nil {
			return db.Config{}, err
		}
	}
	return db.Config{DataDir: f.Data, DatabaseURL: url}, nil
}

// Describe names the database for messages, without credentials.
func (f *DBFlags) Describe(c db.Config) string {
	if c.DatabaseURL == "" {
		return "SQLite in " + c.DataDir
	}
	u := c.DatabaseURL
	if at := strings.LastIndex(u, "@"); at >= 0 {
		if i := strings.Index(u, "://"); i >= 0 {
			u = u[:i+3] + "…" + u[at:]
		}
	}
	return "PostgreSQL " + u
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
