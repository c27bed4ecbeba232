// Package web is the HTTP shell: the router that records every route with
// the permission it needs, the middleware every request passes, page
// rendering and the error pages.
package web

import (
	"net/http"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
)

// Access says who may call a route.
type Access int

const (
	Public   Access = iota // anyone, signed in or not
	SignedIn               // any signed-in user, whatever their brand role
	Brand                  // a principal holding Route.Perm in its brand
)

// Route is one registered route. The registry is what the tenant, role
// and OpenAPI tests walk, so a route cannot be added without them seeing
// it.
type Route struct {
	Method  string
	Path    string // Go 1.22 pattern path, e.g. /api/v1/creators/{id}
	Access  Access
	Perm    auth.Permission
	API     bool
	Summary string
}

// Pattern returns the ServeMux pattern.
func (r Route) Pattern() string { return r.Method + " " + r.Path }

// HandlerFunc is a handler that may fail; the router turns its error into
// an error page or a problem document.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Router registers routes on a ServeMux and remembers them.
type Router struct {
	mux    *http.ServeMux
	routes []Route
	deps   *Deps
}

// NewRouter returns an empty router.
func NewRouter(deps *Deps) *Router {
	return &Router{mux: http.NewServeMux(), deps: deps}
}

// Page registers an HTML route.
func (rt *Router) Page(method, path string, access Access, perm auth.Permission, h HandlerFunc) {
	rt.add(Route{Method: method, Path: path, Access: access, Perm: perm}, h)
}

// API registers a JSON route under /api/v1 needing perm (or only a valid
// token when perm is empty).
func (rt *Router) API(method, path string, perm auth.Permission, summary string, h HandlerFunc) {
	access := Brand
	if perm == "" {
		access = SignedIn
	}
	rt.add(Route{Method: method, Path: path, Access: access, Perm: perm, API: true, Summary: summary}, h)
}

// Handle registers a plain handler (static files, health, metrics).
func (rt *Router) Handle(method, path string, h http.Handler) {
	rt.routes = append(rt.routes, Route{Method: method, Path: path, Access: Public})
	rt.mux.Handle(method+" "+path, h)
}

func (rt *Router) add(route Route, h HandlerFunc) {
	if route.Access == Brand && route.Perm == "" {
		panic("route " + route.Pattern() + " needs a permission")
	}
	rt.routes = append(rt.routes, route)
	rt.mux.Handle(route.Pattern(), rt.guard(route, h))
}

// Routes returns every registered route.
func (rt *Router) Routes() []Route { return append([]Route(nil), rt.routes...) }

// ServeHTTP serves through the mux; unknown API paths answer with a
// problem document rather than an HTML page.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if slot, ok := r.Context().Value(patternKey{}).(*string); ok {
		defer func() { *slot = r.Pattern }() // set by the mux, even if the handler panics
	}
	rt.mux.ServeHTTP(w, r)
}

// guard checks the route's access before calling h, then maps h's error.
func (rt *Router) guard(route Route, h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := auth.FromContext(r.Context())
		if err := checkAccess(route, p); err != nil {
			rt.fail(w, r, route.API, err)
			return
		}
		if err := h(w, r); err != nil {
			rt.fail(w, r, route.API, err)
		}
	})
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// CatchAll answers every unmatched path: a problem document under /api/,
// the error page elsewhere, both 404 (or 405 for a known path with
// another method, which the mux decides before reaching here).
func (rt *Router) CatchAll() {
	notFound := func(w http.ResponseWriter, r *http.Request) {
		rt.fail(w, r, isAPI(r), apperr.New(apperr.NotFound, "There is nothing at %s.", r.URL.Path))
	}
	rt.mux.HandleFunc("/", notFound)
}

// PatternFor returns the route pattern that would serve r ("/" for the
// catch-all), so tests can tell a known route from an unknown path.
func (rt *Router) PatternFor(r *http.Request) string {
	_, pattern := rt.mux.Handler(r)
	return pattern
}
