package web

import (
	"net/http"
)

// Handler wraps the router in the middleware every request passes, outer
// first: request id, the client's address behind a trusted proxy,
// logging and metrics (with panic recovery), security headers,
// cross-origin write protection (CSRF), authentication.
func (rt *Router) Handler(m *Metrics) http.Handler {
	csrf := http.NewCrossOriginProtection()
	var h http.Handler = rt
	h = rt.deps.authenticate(h)
	h = csrf.Handler(h)
	h = securityHeaders(rt.deps.Config.SecureCookies, h)
	h = observe(rt.deps.Log, m, h)
	h = rt.deps.clientAddress(h)
	return withRequestID(h)
}
