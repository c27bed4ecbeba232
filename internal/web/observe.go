package web

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rosterhq/roster/internal/auth"
)

// Metrics are the HTTP series exported at /metrics.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the HTTP metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "roster_http_requests_total", Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "roster_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// patternKey holds the *string where the router records the pattern that
// served a request, for the metrics label.
type patternKey struct{}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// observe logs each request with its id and records metrics by route
// pattern (not raw path, so ids don't explode the series). A panic becomes
// a 500 and a logged stack.
func observe(log *slog.Logger, m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		// Middleware below copies the request (authentication adds the
		// principal), so the mux's pattern comes back through this slot.
		pattern := new(string)
		r = r.WithContext(context.WithValue(r.Context(), patternKey{}, pattern))
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic", slog.String("request_id", RequestID(r.Context())), slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
				if rec.status == 0 {
					http.Error(rec, "internal error", http.StatusInternalServerError)
				}
			}
			elapsed := time.Since(start)
			route := *pattern
			if route == "" {
				route = "unmatched"
			}
			if m != nil {
				m.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
				m.duration.WithLabelValues(route).Observe(elapsed.Seconds())
			}
			log.Info("request", slog.String("request_id", RequestID(r.Context())), slog.String("method", r.Method),
				slog.String("path", RedactPath(r.URL.Path)), slog.Int("status", rec.status), slog.Int("bytes", rec.bytes),
				slog.Duration("duration", elapsed))
		}()
		next.ServeHTTP(rec, r)
	})
}

// RedactPath hides the secrets some URLs carry (a one-time link, a
// calendar feed address) before the path is logged: a segment that
// starts with a secret prefix keeps only the prefix.
func RedactPath(path string) string {
	segments := strings.Split(path, "/")
	for i, seg := range segments {
		for _, prefix := range auth.SecretPrefixes {
			if strings.HasPrefix(seg, prefix) && len(seg) > len(prefix) {
				segments[i] = prefix + "[redacted]"
				break
			}
		}
	}
	return strings.Join(segments, "/")
}
