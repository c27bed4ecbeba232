package mail

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Page sizes for List and ListAll.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

const outboxColumns = `id, brand_id, kind, to_addr, subject, body, locale, created_at, sent_at, attempts, last_error`

// List returns a brand's messages, newest first: at most limit of them
// with ids below beforeID (0 for the first page).
func List(ctx context.Context, q db.Querier, brandID int64, limit int, beforeID int64) ([]Outboxed, error) {
	return list(ctx, q, `SELECT `+outboxColumns+` FROM outbox WHERE brand_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
		brandID, cursor(beforeID), pageSize(limit))
}

// ListAll is List over every brand and the mail tied to none, for
// platform admins.
func ListAll(ctx context.Context, q db.Querier, limit int, beforeID int64) ([]Outboxed, error) {
	return list(ctx, q, `SELECT `+outboxColumns+` FROM outbox WHERE id < ? ORDER BY id DESC LIMIT ?`,
		cursor(beforeID), pageSize(limit))
}

// Get returns one of a brand's messages; another brand's id is NotFound,
// exactly like an id that does not exist.
func Get(ctx context.Context, q db.Querier, brandID, id int64) (*Outboxed, error) {
	m, err := scan(q.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE brand_id = ? AND id = ?`, brandID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "This message does not exist.")
	}
	if err != nil {
		return nil, err
	}
	return &m, nil
}

func cursor(beforeID int64) int64 {
	if beforeID <= 0 {
		return math.MaxInt64
	}
	return beforeID
}

func pageSize(limit int) int {
	if limit <= 0 {
		return DefaultLimit
	}
	return min(limit, MaxLimit)
}

func list(ctx context.Context, q db.Querier, query string, args ...any) ([]Outboxed, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Outboxed
	for rows.Next() {
		m, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func scan(row interface{ Scan(...any) error }) (Outboxed, error) {
	var m Outboxed
	var brand, sent sql.NullInt64
	var created int64
	err := row.Scan(&m.ID, &brand, &m.Kind, &m.To, &m.Subject, &m.Body, &m.Locale, &created, &sent, &m.Attempts, &m.LastError)
	if err != nil {
		return m, err
	}
	m.CreatedAt = time.UnixMilli(created).UTC()
	if brand.Valid {
		m.BrandID = &brand.Int64
	}
	if sent.Valid {
		t := time.UnixMilli(sent.Int64).UTC()
		m.SentAt = &t
	}
	return m, nil
}
