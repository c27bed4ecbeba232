// Package app wires Roster together: configuration, database, job queue,
// the HTTP handler with every capability's routes, and the operator
// commands behind cmd/roster.
package app

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/rosterhq/roster/internal/account"
	"github.com/rosterhq/roster/internal/accountwork"
	"github.com/rosterhq/roster/internal/admin"
	"github.com/rosterhq/roster/internal/applications"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/calendar"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/importer"
	"github.com/rosterhq/roster/internal/inbox"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/kb"
	"github.com/rosterhq/roster/internal/mail"
	"github.com/rosterhq/roster/internal/onboarding"
	"github.com/rosterhq/roster/internal/openapi"
	"github.com/rosterhq/roster/internal/participant"
	"github.com/rosterhq/roster/internal/pipeline"
	"github.com/rosterhq/roster/internal/portal"
	"github.com/rosterhq/roster/internal/signin"
	"github.com/rosterhq/roster/internal/stages"
	"github.com/rosterhq/roster/internal/talentspider"
	"github.com/rosterhq/roster/internal/team"
	"github.com/rosterhq/roster/internal/tickets"
	"github.com/rosterhq/roster/internal/timetrack"
	"github.com/rosterhq/roster/internal/web"
)

// NewRouter builds the router with every route of every capability.
// Tests use it directly; serve wraps it in the middleware.
func NewRouter(d *web.Deps) (*web.Router, error) {
	r, err := web.NewRenderer(signin.Templates(), account.Templates(), team.Templates(), audit.Templates(),
		admin.Templates(), creator.Templates(), mail.Templates(), applications.Templates(), talentspider.Templates(), stages.Templates(), pipeline.Templates(),
		portal.Templates(), invite.Templates(), importer.Templates(), contract.Templates(), calendar.Templates(), inbox.Templates(), campaign.Templates(),
		timetrack.Templates(), participant.Templates(),
		accountwork.Templates(),
		onboarding.Templates(),
		kb.Templates(),
		tickets.Templates(),
	)
	if err != nil {
		return nil, err
	}
	r.Attach(d)
	rt := web.NewRouter(d)
	signin.Register(rt, d)
	account.Register(rt, d)
	team.Register(rt, d)
	audit.Register(rt, d)
	admin.Register(rt, d)
	creator.Register(rt, d)
	importer.Register(rt, d)
	applications.Register(rt, d)
	portal.Register(rt, d)
	invite.Register(rt, d)
	inbox.Register(rt, d)
	stages.Register(rt, d)
	pipeline.Register(rt, d)
	participant.Register(rt, d)
	talentspider.Register(rt, d)
	contract.Register(rt, d)
	tickets.Register(rt, d)
	calendar.Register(rt, d)
	campaign.Register(rt, d)
	timetrack.Register(rt, d)
	accountwork.Register(rt, d)
	onboarding.Register(rt, d)
	kb.Register(rt, d)
	mail.RegisterPages(rt, d)
	openapi.Register(rt)
	rt.CatchAll()
	rt.Handle("GET", "/static/", web.Static())
	rt.Handle("GET", "/healthz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	}))
	rt.Handle("GET", "/readyz", http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := d.DB.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unreachable\n"))
			return
		}
		if err := d.DB.CheckSchema(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(err.Error() + "\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	}))
	return rt, nil
}

// NewHandler returns the full HTTP handler and the metrics registry it
// reports to.
func NewHandler(d *web.Deps, reg *prometheus.Registry) (http.Handler, *web.Router, error) {
	rt, err := NewRouter(d)
	if err != nil {
		return nil, nil, err
	}
	rt.Handle("GET", "/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	return rt.Handler(web.NewMetrics(reg)), rt, nil
}

// NewRegistry returns a metrics registry with the Go and process
// collectors.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}
