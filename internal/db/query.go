package db

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// ExecContext runs a write on the writer connection.
func (d *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return d.write.ExecContext(ctx, d.rebind(query), args...)
}

// QueryContext runs a query on the reader pool, or on the writer when the
// statement writes (INSERT … RETURNING and the like).
func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return d.pick(query).QueryContext(ctx, d.rebind(query), args...)
}

// QueryRowContext runs a one-row query, on the writer when it writes.
func (d *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return d.pick(query).QueryRowContext(ctx, d.rebind(query), args...)
}

// pick sends statements that write to the writer connection: SQLite's
// readers are opened query_only.
func (d *DB) pick(query string) *sql.DB {
	if writes(query) {
		return d.write
	}
	return d.read
}

func writes(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	if len(q) < 6 {
		return false
	}
	switch strings.ToUpper(q[:6]) {
	case "INSERT", "UPDATE", "DELETE", "REPLAC":
		return true
	}
	return false
}

// WriteQueryRowContext runs a one-row statement that writes (INSERT …
// RETURNING) on the writer connection.
func (d *DB) WriteQueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return d.write.QueryRowContext(ctx, d.rebind(query), args...)
}

// Tx is a write transaction; every statement in it sees its own writes.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
	conn    *sql.Conn // the transaction's connection, on PostgreSQL (CopyFrom)
}

// InTx runs fn in a write transaction, committing when fn returns nil and
// rolling back otherwise (also on panic).
func (d *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	var conn *sql.Conn
	var sqlTx *sql.Tx
	if d.dialect == Postgres {
		// Held apart from the pool for the transaction, so CopyFrom can
		// reach the driver's connection the transaction runs on.
		if conn, err = d.write.Conn(ctx); err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer conn.Close()
		sqlTx, err = conn.BeginTx(ctx, nil)
	} else {
		sqlTx, err = d.write.BeginTx(ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, dialect: d.dialect, conn: conn}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func (t *Tx) Dialect() Dialect { return t.dialect }

func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, rebind(t.dialect, query), args...)
}

func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, rebind(t.dialect, query), args...)
}

func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, rebind(t.dialect, query), args...)
}

// PrepareContext prepares a statement for this transaction only; it is
// closed when the transaction ends.
func (t *Tx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return t.tx.PrepareContext(ctx, rebind(t.dialect, query))
}

func (d *DB) rebind(q string) string { return rebind(d.dialect, q) }

// rebound caches the PostgreSQL form of query texts. The code's fixed
// statements fill it; texts built at run time (IN lists and multi-row
// inserts of every length) would grow it without end, so long texts are
// not kept and the cache stops growing at maxRebound entries.
var (
	rebound      sync.Map // query text → PostgreSQL form
	reboundCount atomic.Int64
)

const (
	maxRebound      = 4096
	maxReboundBytes = 4096
)

// rebind turns '?' placeholders into $1, $2 … for PostgreSQL. A '?' inside
// a quoted string literal is left alone.
func rebind(dialect Dialect, q string) string {
	if dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	if v, ok := rebound.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	if len(q) <= maxReboundBytes && reboundCount.Load() < maxRebound {
		if _, loaded := rebound.LoadOrStore(q, out); !loaded {
			reboundCount.Add(1)
		}
	}
	return out
}

// Placeholders returns "?, ?, ?" for n values, for IN lists.
func Placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
