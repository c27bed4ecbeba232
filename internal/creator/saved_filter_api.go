package creator

import (
	"net/http"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

// registerFilterAPI serves /api/v1/saved-filters.
func registerFilterAPI(rt *web.Router, d *web.Deps, svc *Service) {
	h := &apiHandlers{d, svc}
	rt.API("GET", "/api/v1/saved-filters", auth.CreatorsRead, "List the brand's saved creator-list filters", h.listFilters)
	rt.API("POST", "/api/v1/saved-filters", auth.CreatorsWrite, "Save a creator-list filter under a name", d.Idempotent(h.createFilter))
	rt.API("GET", "/api/v1/saved-filters/{id}", auth.CreatorsRead, "Get a saved filter", h.getFilter)
	rt.API("PATCH", "/api/v1/saved-filters/{id}", auth.CreatorsWrite, "Rename a saved filter or change its query", h.patchFilter)
	rt.API("DELETE", "/api/v1/saved-filters/{id}", auth.CreatorsWrite, "Delete a saved filter", h.deleteFilter)
}

// filterInput is the JSON body of a saved filter's create or PATCH;
// absent fields are left as they are on PATCH.
type filterInput struct {
	Name  *string `json:"name"`
	Query *string `json:"query"`
}

func (h *apiHandlers) listFilters(w http.ResponseWriter, r *http.Request) error {
	list, err := SavedFilters(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, api.List[SavedFilter]{Data: list})
	return nil
}

func (h *apiHandlers) createFilter(w http.ResponseWriter, r *http.Request) error {
	var in filterInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	f, err := h.svc.SaveFilter(r.Context(), auth.FromContext(r.Context()), deref(in.Name), deref(in.Query))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/saved-filters/"+itoa(f.ID))
	api.WriteJSON(w, http.StatusCreated, f)
	return nil
}

func (h *apiHandlers) getFilter(w http.ResponseWriter, r *http.Request) error {
	f, err := h.filterOf(r)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, f)
	return nil
}

func (h *apiHandlers) patchFilter(w http.ResponseWriter, r *http.Request) error {
	f, err := h.filterOf(r) // another brand's id is 404 before the body is read
	if err != nil {
		return err
	}
	var in filterInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	if f, err = h.svc.UpdateFilter(r.Context(), auth.FromContext(r.Context()), f.ID, in.Name, in.Query); err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, f)
	return nil
}

func (h *apiHandlers) deleteFilter(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteFilter(r.Context(), auth.FromContext(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *apiHandlers) filterOf(r *http.Request) (*SavedFilter, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return GetSavedFilter(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
