package web

import (
	"log/slog"
	"net/http"
	"net/url"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
)

// fail answers a failed request: a problem document for the API; for
// pages a redirect to sign-in or an error page in the user's language.
// Internal errors are logged with the request id and never shown.
func (rt *Router) fail(w http.ResponseWriter, r *http.Request, apiRoute bool, err error) {
	code := apperr.CodeOf(err)
	if code == "" {
		rt.deps.Log.Error("request failed", slog.String("request_id", RequestID(r.Context())),
			slog.String("method", r.Method), slog.String("path", RedactPath(r.URL.Path)), slog.Any("err", err))
	}
	if apiRoute || isAPI(r) {
		api.WriteProblem(w, err)
		return
	}
	if code == apperr.Unauthorized {
		next := r.URL.RequestURI()
		http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
		return
	}
	rt.deps.Render.Error(w, r, err)
}
