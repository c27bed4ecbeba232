package jobs

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// maxErrorLen bounds last_error; a stack or a server's reply can be long.
const maxErrorLen = 4000

// finish records how a run ended: done, retry after a backoff, or failed.
func (q *Queue) finish(ctx context.Context, c *claimed, runErr error, took time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	now := q.cfg.Now()
	log := q.log.With("job", c.ID, "kind", c.Kind, "attempt", c.Attempt, "took", took)
	var outcome string
	var res sql.Result
	var err error
	switch {
	case runErr == nil:
		outcome = StateDone
		res, err = q.db.ExecContext(ctx, markDoneSQL, now.UnixMilli(), c.ID, c.Attempt)
	case isPermanent(runErr) || c.Attempt >= c.maxAttempts:
		outcome = StateFailed
		res, err = q.db.ExecContext(ctx, markFailedSQL, now.UnixMilli(), errorText(runErr), c.ID, c.Attempt)
	default:
		outcome = "retry"
		runAt := now.Add(q.cfg.Backoff(c.Attempt))
		res, err = q.db.ExecContext(ctx, markRetrySQL, runAt.UnixMilli(), errorText(runErr), c.ID, c.Attempt)
		log = log.With("retry_at", runAt)
	}
	q.metrics.observe(c.Kind, outcome, took)
	if runErr != nil {
		log = log.With("err", runErr)
		var p *panicError
		if errors.As(runErr, &p) {
			log = log.With("stack", string(p.stack))
		}
	}
	switch {
	case err != nil:
		// The lease will expire and the job will run again.
		log.Error("record job outcome", "outcome", outcome, "db_err", err)
	case rowsAffected(res) == 0:
		log.Warn("job outcome not recorded: its lease was lost and another node owns it now", "outcome", outcome)
	case outcome == StateDone:
		log.Debug("job done")
	default:
		log.Warn("job attempt failed", "outcome", outcome)
	}
}

func rowsAffected(res sql.Result) int64 {
	n, err := res.RowsAffected()
	if err != nil {
		return -1
	}
	return n
}

// errorText makes err storable on both engines: PostgreSQL text refuses
// NUL bytes and invalid UTF-8.
func errorText(err error) string {
	s := strings.ToValidUTF8(strings.ReplaceAll(err.Error(), "\x00", ""), "\uFFFD")
	if len(s) > maxErrorLen {
		s = strings.ToValidUTF8(s[:maxErrorLen], "") + "…"
	}
	return s
}

// maintain ends jobs abandoned on their last attempt and deletes old done
// jobs. Idle workers call it, at most once a minute per queue.
func (q *Queue) maintain(ctx context.Context) error {
	now := q.cfg.Now()
	q.mu.Lock()
	due := now.Sub(q.lastMaintenance) >= time.Minute
	if due {
		q.lastMaintenance = now
	}
	q.mu.Unlock()
	if !due {
		return nil
	}
	res, err := q.db.ExecContext(ctx, failAbandonedSQL, now.UnixMilli(), now.UnixMilli())
	if err != nil {
		return err
	}
	if n := rowsAffected(res); n > 0 {
		q.log.Warn("jobs abandoned on their last attempt marked failed", "count", n)
	}
	_, err = q.db.ExecContext(ctx, pruneDoneSQL, now.Add(-q.cfg.KeepDone).UnixMilli())
	return err
}
