package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rosterhq/roster/internal/db"
)

// Config tunes a Queue; zero values take the defaults.
type Config struct {
	Workers       int           // jobs run at once on this node; default 2
	PollInterval  time.Duration // how often idle workers look for due jobs; default 1 s
	Lease         time.Duration // how long a claim lasts without a heartbeat; default 5 min
	ShutdownGrace time.Duration // how long running jobs may go on after Run's ctx ends; default 30 s
	KeepDone      time.Duration // done jobs older than this are deleted; default 7 days
	NodeID        string        // recorded in locked_by; default host-pid-random

	Backoff    func(attempt int) time.Duration // wait after failed attempt n; default DefaultBackoff
	Now        func() time.Time                // the clock for every stored time; default time.Now
	Registerer prometheus.Registerer           // where metrics go; nil for none
}

func (c Config) withDefaults() Config {
	if c.Workers <= 0 {
		c.Workers = 2
	}
	if c.PollInterval <= 0 {
		c.PollInterval = time.Second
	}
	if c.Lease <= 0 {
		c.Lease = 5 * time.Minute
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = 30 * time.Second
	}
	if c.KeepDone <= 0 {
		c.KeepDone = 7 * 24 * time.Hour
	}
	if c.NodeID == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		c.NodeID = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
	if c.Backoff == nil {
		c.Backoff = DefaultBackoff
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Queue runs the jobs of the kinds registered on it.
type Queue struct {
	db      *db.DB
	log     *slog.Logger
	cfg     Config
	metrics *metrics
	wake    signal

	mu              sync.RWMutex
	handlers        map[string]Handler
	lastMaintenance time.Time
}

// New returns a Queue over d; nothing runs until Run or Work.
func New(d *db.DB, log *slog.Logger, cfg Config) *Queue {
	if log == nil {
		log = slog.Default()
	}
	cfg = cfg.withDefaults()
	return &Queue{
		db:       d,
		log:      log.With("component", "jobs", "node", cfg.NodeID),
		cfg:      cfg,
		metrics:  newMetrics(cfg.Registerer),
		handlers: map[string]Handler{},
	}
}

// Register sets the handler for a kind. A node claims only the kinds it
// has handlers for, so nodes of different versions can share a database.
// Registering a kind twice is a programming error and panics.
func (q *Queue) Register(kind string, h Handler) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if kind == "" || h == nil {
		panic("jobs: Register needs a kind and a handler")
	}
	if _, dup := q.handlers[kind]; dup {
		panic("jobs: kind registered twice: " + kind)
	}
	q.handlers[kind] = h
}

func (q *Queue) kinds() []string {
	q.mu.RLock()
	defer q.mu.RUnlock()
	ks := make([]string, 0, len(q.handlers))
	for k := range q.handlers {
		ks = append(ks, k)
	}
	slices.Sort(ks) // a stable statement text, so its rebinding is cached
	return ks
}

func (q *Queue) handler(kind string) Handler {
	q.mu.RLock()
	defer q.mu.RUnlock()
	return q.handlers[kind]
}

// Notify wakes this process's idle workers to look for jobs at once.
// Other nodes find the job at their next poll.
func (q *Queue) Notify() { q.wake.broadcast() }

// Enqueue stores a job outside any transaction and wakes the workers.
// Inside a transaction use the package Enqueue and call Notify after the
// commit: woken earlier, a PostgreSQL worker could not see the row yet.
func (q *Queue) Enqueue(ctx context.Context, kind string, payload any, opts ...Option) (int64, error) {
	id, err := Enqueue(ctx, q.db, kind, payload, opts...)
	if err == nil {
		q.Notify()
	}
	return id, err
}
