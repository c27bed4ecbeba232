// Package db opens Roster's database on either engine and hides the few
// differences that matter to callers: placeholders, connection pools and
// transactions. SQL is written once with '?' placeholders and rebound for
// PostgreSQL.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// Dialect names the database engine behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Config says where the database is: a PostgreSQL URL wins over a data folder.
type Config struct {
	DataDir     string // folder for the embedded SQLite file
	DatabaseURL string // postgres://… for PostgreSQL
}

// DB is a handle on the database. On SQLite, writes go through one
// connection (SQLite allows one writer) and reads through a pool; on
// PostgreSQL both are the same pool.
type DB struct {
	dialect Dialect
	read    *sql.DB
	write   *sql.DB
}

// Querier is what store code needs: satisfied by *DB and *Tx, so a store
// method can run alone or inside a caller's transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	Dialect() Dialect
}

// Open connects to the configured engine and checks the connection.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.DatabaseURL != "" {
		return openPostgres(ctx, cfg.DatabaseURL)
	}
	dir := cfg.DataDir
	if dir == "" {
		dir = "roster-data"
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create data folder %s: %w", dir, err)
	}
	return OpenSQLiteFile(ctx, filepath.Join(dir, "roster.db"))
}

// sqlitePragmas: busy_timeout first so the rest wait instead of failing,
// WAL so readers never block the writer, foreign keys enforced.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32000)&_pragma=temp_store(MEMORY)"

// OpenSQLiteFile opens (creating if needed) the SQLite database at path.
func OpenSQLiteFile(ctx context.Context, path string) (*DB, error) {
	dsn := "file:" + path + "?" + sqlitePragmas
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	read.SetConnMaxIdleTime(5 * time.Minute)
	d := &DB{dialect: SQLite, read: read, write: write}
	if err := d.Ping(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return d, nil
}

func openPostgres(ctx context.Context, url string) (*DB, error) {
	// A generic plan for a parameterised list query can be 40x slower than
	// a custom one; always plan with the real values.
	if !strings.Contains(url, "plan_cache_mode") {
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		url += sep + "plan_cache_mode=force_custom_plan"
	}
	pool, err := sql.Open("pgx", url)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	d := &DB{dialect: Postgres, read: pool, write: pool}
	if err := d.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return d, nil
}

// Ping checks both pools.
func (d *DB) Ping(ctx context.Context) error {
	if err := d.write.PingContext(ctx); err != nil {
		return err
	}
	return d.read.PingContext(ctx)
}

// Close closes the pools.
func (d *DB) Close() error {
	err := d.write.Close()
	if d.read != d.write {
		err = errors.Join(err, d.read.Close())
	}
	return err
}

// Dialect says which engine this is.
func (d *DB) Dialect() Dialect { return d.dialect }
