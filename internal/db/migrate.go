package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrationFiles embed.FS

// Migration is one embedded schema step; each engine has its own SQL for
// the same version number.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the embedded migrations for a dialect, in order.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s: name must be NNNN_description.sql", name)
		}
		body, err := migrationFiles.ReadFile(path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: rest, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migrations for %s: two files with version %d", d, out[i].Version)
		}
	}
	return out, nil
}

// LatestVersion is the schema version this binary expects.
func LatestVersion(d Dialect) int {
	ms, err := Migrations(d)
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version BIGINT PRIMARY KEY,
	name TEXT NOT NULL,
	applied_at BIGINT NOT NULL
)`

// AppliedVersion returns the highest applied migration (0 on an empty
// database).
func (d *DB) AppliedVersion(ctx context.Context) (int, error) {
	var exists bool
	var err error
	if d.dialect == Postgres {
		err = d.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations')`).Scan(&exists)
	} else {
		err = d.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')`).Scan(&exists)
	}
	if err != nil || !exists {
		return 0, err
	}
	var v int
	err = d.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// MigrationStatus describes one migration and whether it is applied.
type MigrationStatus struct {
	Migration
	AppliedAt time.Time // zero when pending
}

// Status lists every known migration with its state.
func (d *DB) Status(ctx context.Context) ([]MigrationStatus, error) {
	ms, err := Migrations(d.dialect)
	if err != nil {
		return nil, err
	}
	applied := map[int]time.Time{}
	if v, err := d.AppliedVersion(ctx); err != nil {
		return nil, err
	} else if v > 0 {
		rows, err := d.QueryContext(ctx, `SELECT version, applied_at FROM schema_migrations`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var ver int
			var at int64
			if err := rows.Scan(&ver, &at); err != nil {
				return nil, err
			}
			applied[ver] = time.UnixMilli(at).UTC()
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]MigrationStatus, len(ms))
	for i, m := range ms {
		out[i] = MigrationStatus{Migration: m, AppliedAt: applied[m.Version]}
	}
	return out, nil
}

// Migrate applies every pending migration, each in its own transaction
// together with its record in schema_migrations. It returns the versions
// applied.
func (d *DB) Migrate(ctx context.Context) ([]int, error) {
	ms, err := Migrations(d.dialect)
	if err != nil {
		return nil, err
	}
	if _, err := d.ExecContext(ctx, createMigrationsTable); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	applied, err := d.appliedSet(ctx)
	if err != nil {
		return nil, err
	}
	if newest := maxKey(applied); newest > LatestVersion(d.dialect) {
		return nil, &SchemaMismatchError{Have: newest, Want: LatestVersion(d.dialect)}
	}
	var done []int
	for _, m := range ms {
		if applied[m.Version] {
			continue
		}
		err := d.InTx(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, time.Now().UnixMilli())
			return err
		})
		if err != nil {
			return done, fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
		}
		done = append(done, m.Version)
	}
	return done, nil
}

// SchemaMismatchError says the database schema is not the one this binary
// was built for.
type SchemaMismatchError struct {
	Have, Want int // newest applied, newest known
	Missing    int // a known migration not applied (0: none)
}

func (e *SchemaMismatchError) Error() string {
	if e.Missing != 0 && e.Have >= e.Want {
		return fmt.Sprintf("database schema lacks migration %d: run `roster migrate` (with the same --data or --database-url) first", e.Missing)
	}
	if e.Have < e.Want {
		return fmt.Sprintf("database schema is at version %d but this roster expects %d: run `roster migrate` (with the same --data or --database-url) first", e.Have, e.Want)
	}
	return fmt.Sprintf("database schema is at version %d, newer than the %d this roster knows: run a newer roster binary, or restore a backup made for this version", e.Have, e.Want)
}

// CheckSchema returns a SchemaMismatchError unless every migration this
// binary knows is applied and none it doesn't know is. Migrations are
// tracked as a set, so one written on a branch with a lower number than
// an applied one is still applied by the next `roster migrate`.
func (d *DB) CheckSchema(ctx context.Context) error {
	applied, err := d.appliedSet(ctx)
	if err != nil {
		return err
	}
	want := LatestVersion(d.dialect)
	if newest := maxKey(applied); newest > want {
		return &SchemaMismatchError{Have: newest, Want: want}
	}
	ms, err := Migrations(d.dialect)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if !applied[m.Version] {
			return &SchemaMismatchError{Have: maxKey(applied), Want: want, Missing: m.Version}
		}
	}
	return nil
}

// appliedSet returns the recorded migration versions.
func (d *DB) appliedSet(ctx context.Context) (map[int]bool, error) {
	out := map[int]bool{}
	if v, err := d.AppliedVersion(ctx); err != nil || v == 0 {
		return out, err
	}
	rows, err := d.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}

func maxKey(set map[int]bool) int {
	m := 0
	for k := range set {
		m = max(m, k)
	}
	return m
}
