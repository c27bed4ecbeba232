package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"time"
)

// claimed is a job this node holds, with what is needed to finish it.
type claimed struct {
	Job
	maxAttempts int
}

var errLeaseLost = errors.New("jobs: lease lost: another node took the job over")

// Work claims one due job and runs it to the end, synchronously: for tests
// and the command line. ran says whether there was a job; the job's own
// outcome is recorded in its row, and err reports only queue failures.
func (q *Queue) Work(ctx context.Context) (ran bool, err error) { return q.work(ctx) }

func (q *Queue) work(ctx context.Context) (bool, error) {
	c, err := q.claim(ctx)
	if err != nil || c == nil {
		if err == nil {
			if err = q.maintain(ctx); err != nil {
				err = fmt.Errorf("jobs: maintenance: %w", err)
			}
		}
		return false, err
	}
	q.run(ctx, c)
	return true, nil
}

func (q *Queue) claim(ctx context.Context) (*claimed, error) {
	kinds := q.kinds()
	if len(kinds) == 0 {
		return nil, nil
	}
	now := q.cfg.Now()
	args := make([]any, 0, len(kinds)+4)
	args = append(args, q.cfg.NodeID, now.Add(q.cfg.Lease).UnixMilli())
	for _, k := range kinds {
		args = append(args, k)
	}
	args = append(args, now.UnixMilli(), now.UnixMilli())
	var c claimed
	var payload string
	err := q.db.WriteQueryRowContext(ctx, claimSQL(q.db.Dialect(), len(kinds)), args...).
		Scan(&c.ID, &c.Kind, &payload, &c.Attempt, &c.maxAttempts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: claim: %w", err)
	}
	c.Payload = []byte(payload)
	return &c, nil
}

// run calls the handler while a heartbeat keeps the lease, then records
// the outcome.
func (q *Queue) run(ctx context.Context, c *claimed) {
	runCtx, stop := context.WithCancelCause(ctx)
	beating := make(chan struct{})
	go func() {
		defer close(beating)
		q.heartbeat(runCtx, c, stop)
	}()
	start := time.Now()
	err := call(runCtx, q.handler(c.Kind), c.Job)
	took := time.Since(start)
	stop(nil)
	<-beating
	q.finish(context.WithoutCancel(ctx), c, err, took)
}

// call runs h, turning a panic into an error so one bad job cannot bring
// the node down.
func call(ctx context.Context, h Handler, j Job) (err error) {
	if h == nil {
		return fmt.Errorf("no handler for kind %q", j.Kind)
	}
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{value: p, stack: debug.Stack()}
		}
	}()
	return h(ctx, j)
}

type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// heartbeat extends the lease every third of it, so a long job keeps its
// claim; if the claim is gone it cancels the handler, whose work now
// belongs to another node.
func (q *Queue) heartbeat(ctx context.Context, c *claimed, lost context.CancelCauseFunc) {
	tick := time.NewTicker(max(q.cfg.Lease/3, time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		res, err := q.db.ExecContext(ctx, extendLeaseSQL, q.cfg.Now().Add(q.cfg.Lease).UnixMilli(), c.ID, c.Attempt)
		if err != nil {
			if ctx.Err() == nil {
				q.log.Warn("extend job lease", "job", c.ID, "kind", c.Kind, "err", err)
			}
			continue
		}
		if n, _ := res.RowsAffected(); n == 0 {
			q.log.Warn("job lease lost: cancelling it here", "job", c.ID, "kind", c.Kind)
			lost(errLeaseLost)
			return
		}
	}
}
