// Package jobs is Roster's durable job queue: rows in the jobs table that
// any node may claim under a lease, run, retry with backoff and mark done.
// A job survives restarts, and a job whose node died mid-run is taken over
// once its lease expires. docs/adr/0002-job-queue.md says why this is not
// River.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
)

// Job is a claimed job as its handler sees it.
type Job struct {
	ID      int64
	Kind    string
	Payload []byte // the JSON given to Enqueue
	Attempt int    // 1 on the first run
}

// Decode unmarshals the payload into v.
func (j Job) Decode(v any) error { return json.Unmarshal(j.Payload, v) }

// Handler runs one kind of job. Returning an error (or panicking) records a
// failed attempt; the job is retried until it runs out of attempts. A
// handler must tolerate running more than once: a node may die after the
// work but before recording it.
type Handler func(ctx context.Context, j Job) error

// States of a job row.
const (
	StateAvailable = "available" // waiting for run_at
	StateRunning   = "running"   // claimed; locked_until bounds the claim
	StateDone      = "done"
	StateFailed    = "failed" // out of attempts, or a permanent error
)

// Permanent wraps err so that the job fails at once instead of retrying:
// for errors no retry can fix, such as a payload that does not decode.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err}
}

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

func isPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}
