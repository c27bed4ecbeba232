package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// DefaultMaxAttempts is how often a job runs before it is marked failed.
const DefaultMaxAttempts = 10

// Option adjusts one Enqueue.
type Option func(*enqueueOptions)

type enqueueOptions struct {
	runAt       time.Time
	maxAttempts int
	uniqueKey   string
}

// RunAt delays the job until t.
func RunAt(t time.Time) Option { return func(o *enqueueOptions) { o.runAt = t } }

// MaxAttempts sets how many runs the job gets before it is marked failed.
func MaxAttempts(n int) Option { return func(o *enqueueOptions) { o.maxAttempts = n } }

// Unique keeps at most one pending or running job of this kind with this
// key: enqueuing again returns the existing job's id. Once that job has
// finished, the key is free again.
func Unique(key string) Option { return func(o *enqueueOptions) { o.uniqueKey = key } }

const insertJob = `INSERT INTO jobs (kind, payload, state, run_at, max_attempts, unique_key, created_at)
VALUES (?, ?, 'available', ?, ?, ?, ?)
ON CONFLICT (kind, unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'running') DO NOTHING
RETURNING id`

const pendingUniqueJob = `SELECT id FROM jobs WHERE kind = ? AND unique_key = ? AND state IN ('available', 'running')`

// Enqueue stores a job whose payload is the JSON of payload. Given a
// transaction, the job exists only if the transaction commits, so work is
// queued atomically with the data it needs. Enqueue cannot wake this
// process's workers: call Queue.Notify after the commit, or use
// Queue.Enqueue outside a transaction.
func Enqueue(ctx context.Context, q db.Querier, kind string, payload any, opts ...Option) (int64, error) {
	o := enqueueOptions{maxAttempts: DefaultMaxAttempts}
	for _, opt := range opts {
		opt(&o)
	}
	if kind == "" {
		return 0, errors.New("jobs: enqueue: empty kind")
	}
	if o.maxAttempts < 1 {
		return 0, fmt.Errorf("jobs: enqueue %s: max attempts must be at least 1, got %d", kind, o.maxAttempts)
	}
	body := []byte("{}")
	if payload != nil {
		var err error
		if body, err = json.Marshal(payload); err != nil {
			return 0, fmt.Errorf("jobs: enqueue %s: encode payload: %w", kind, err)
		}
	}
	now := time.Now()
	if o.runAt.IsZero() {
		o.runAt = now
	}
	var unique any // NULL unless asked: NULLs never conflict
	if o.uniqueKey != "" {
		unique = o.uniqueKey
	}
	// A unique job that finishes between our conflict and our look-up
	// frees its key; a second try then inserts.
	for range 3 {
		var id int64
		err := q.QueryRowContext(ctx, insertJob, kind, string(body), o.runAt.UnixMilli(), o.maxAttempts, unique, now.UnixMilli()).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("jobs: enqueue %s: %w", kind, err)
		}
		err = q.QueryRowContext(ctx, pendingUniqueJob, kind, o.uniqueKey).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("jobs: enqueue %s: find pending unique job: %w", kind, err)
		}
	}
	return 0, fmt.Errorf("jobs: enqueue %s: unique key %q kept changing hands", kind, o.uniqueKey)
}
