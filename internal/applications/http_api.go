package applications

import (
	"net/http"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

type apiHandlers struct{ *web.Deps }

func registerAPI(rt *web.Router, d *web.Deps) {
	h := &apiHandlers{d}
	rt.API("GET", "/api/v1/applications", auth.ApplicationsRead, "List applications, best score first, with filters and cursor pagination", h.list)
	rt.API("GET", "/api/v1/applications/{id}", auth.ApplicationsRead, "Get an application with its reviews", h.get)
}

func (h *apiHandlers) list(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	lq, errs := ParseListQuery(r.URL.Query())
	if err := errs.Err(); err != nil {
		return err
	}
	page, err := List(r.Context(), h.DB, p.BrandID, lq)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, api.List[Application]{Data: page.Items, NextCursor: page.NextCursor})
	return nil
}

// withReviews is an application with the team's reviews, for GET by id.
type withReviews struct {
	*Application
	Reviews []Review `json:"reviews"`
}

func (h *apiHandlers) get(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := Get(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return err
	}
	reviews, err := Reviews(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, withReviews{a, reviews})
	return nil
}
