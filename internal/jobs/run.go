package jobs

import (
	"context"
	"sync"
	"time"
)

// Run works jobs with Config.Workers workers until ctx ends, then stops
// claiming and waits for the jobs in flight. Their handlers' context is
// cancelled only when Config.ShutdownGrace has passed since ctx ended; a
// job cut short that way is retried later, here or on another node.
func (q *Queue) Run(ctx context.Context) error {
	// Claims and handlers live on jobCtx, detached from ctx, so that a
	// shutdown never aborts a claim halfway or a job within its grace.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	finished := make(chan struct{})
	go func() {
		select {
		case <-finished:
			return
		case <-ctx.Done():
		}
		grace := time.NewTimer(q.cfg.ShutdownGrace)
		defer grace.Stop()
		select {
		case <-finished:
		case <-grace.C:
			q.log.Warn("shutdown grace period over: cancelling running jobs", "grace", q.cfg.ShutdownGrace)
			cancelJobs()
		}
	}()

	q.log.Info("job workers started", "workers", q.cfg.Workers, "kinds", q.kinds())
	var wg sync.WaitGroup
	for range q.cfg.Workers {
		wg.Go(func() { q.workLoop(ctx, jobCtx) })
	}
	wg.Wait()
	close(finished)
	q.log.Info("job workers stopped")
	return nil
}

// workLoop claims and runs jobs back to back while there are any, and
// otherwise waits for a Notify or the poll interval.
func (q *Queue) workLoop(ctx, jobCtx context.Context) {
	for ctx.Err() == nil {
		wake := q.wake.wait() // taken before the claim, so no Notify is missed
		ran, err := q.work(jobCtx)
		if err != nil {
			q.log.Error("look for jobs", "err", err)
		}
		if ran && err == nil {
			continue
		}
		idle := time.NewTimer(q.cfg.PollInterval)
		select {
		case <-ctx.Done():
		case <-wake:
		case <-idle.C:
		}
		idle.Stop()
	}
}
