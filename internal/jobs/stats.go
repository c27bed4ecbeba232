package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Stats counts jobs by state; every state is present, zero or not.
func (q *Queue) Stats(ctx context.Context) (map[string]int, error) {
	out := map[string]int{StateAvailable: 0, StateRunning: 0, StateDone: 0, StateFailed: 0}
	rows, err := q.db.QueryContext(ctx, countByStateSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, err
		}
		out[state] = n
	}
	return out, rows.Err()
}

type metrics struct {
	finished *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(r prometheus.Registerer) *metrics {
	if r == nil {
		return nil
	}
	return &metrics{
		finished: register(r, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "roster_jobs_finished_total",
			Help: "Job runs finished on this node, by kind and outcome (done, retry, failed).",
		}, []string{"kind", "outcome"})),
		duration: register(r, prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "roster_job_duration_seconds",
			Help:    "How long job handlers ran, by kind.",
			Buckets: prometheus.ExponentialBuckets(0.005, 4, 10), // 5 ms … 22 min
		}, []string{"kind"})),
	}
}

// register adds c to r, or reuses the collector already there, so several
// queues in one process (tests, two databases) share one set of metrics.
func register[C prometheus.Collector](r prometheus.Registerer, c C) C {
	err := r.Register(c)
	var dup prometheus.AlreadyRegisteredError
	if errors.As(err, &dup) {
		if existing, ok := dup.ExistingCollector.(C); ok {
			return existing
		}
	}
	if err != nil {
		panic(err)
	}
	return c
}

func (m *metrics) observe(kind, outcome string, took time.Duration) {
	if m == nil {
		return
	}
	m.finished.WithLabelValues(kind, outcome).Inc()
	m.duration.WithLabelValues(kind).Observe(took.Seconds())
}
