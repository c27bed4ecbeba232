package talentspider

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

type apiHandlers struct {
	*web.Deps
	svc *Service
}

func registerAPI(rt *web.Router, d *web.Deps, svc *Service) {
	h := &apiHandlers{d, svc}
	rt.API("GET", "/api/v1/suggestions", auth.CreatorsRead, "List ranked suggestions with their reasons", h.list)
	rt.API("POST", "/api/v1/suggestions/{id}/dismiss", auth.CreatorsWrite, "Dismiss a suggestion for good", h.dismiss)
	rt.API("POST", "/api/v1/suggestions/{id}/add", auth.CreatorsWrite, "Add a suggested creator to the brand as a prospect", h.add)
}

// position is a cursor: the last suggestion of the previous page, by the
// list order (score, platform, handle).
type position struct {
	Score    float64 `json:"s"`
	Platform string  `json:"p"`
	Handle   string  `json:"h"`
}

func encodeCursor(s Suggestion) string {
	b, _ := json.Marshal(position{s.Score, s.Platform, s.Handle})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(c string) (*Suggestion, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	var p position
	if err != nil || json.Unmarshal(b, &p) != nil || p.Platform == "" {
		return nil, false
	}
	return &Suggestion{Score: p.Score, Platform: p.Platform, Handle: p.Handle}, true
}

func (h *apiHandlers) list(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var errs apperr.Fields
	limit := PageSize
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			errs.Add("limit", "validation.limit", "Show between 1 and 200 per page.", "max", 200)
		}
		limit = n
	}
	var after *Suggestion
	if c := q.Get("cursor"); c != "" {
		var ok bool
		if after, ok = decodeCursor(c); !ok {
			errs.Add("cursor", "validation.cursor", "This cursor is not valid; start again from the first page.")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	res, err := h.svc.Engine.Page(r.Context(), p.BrandID, Query{Filter: Filter{Platform: q.Get("platform"), Country: q.Get("country")},
		After: after, Limit: limit + 1})
	if err != nil {
		return err
	}
	items, next := res.Suggestions, ""
	if len(items) > limit {
		items = items[:limit]
		next = encodeCursor(items[limit-1])
	}
	items = Explained(web.Localizer(r), append([]Suggestion{}, items...))
	api.WriteJSON(w, http.StatusOK, api.List[Suggestion]{Data: items, NextCursor: next})
	return nil
}

// DismissInput is the optional body of a dismissal.
type DismissInput struct {
	Reason string `json:"reason"`
}

func (h *apiHandlers) dismiss(w http.ResponseWriter, r *http.Request) error {
	var in DismissInput
	if r.ContentLength != 0 {
		if err := api.Decode(w, r, &in); err != nil {
			return err
		}
	}
	if _, err := h.svc.Dismiss(r.Context(), auth.FromContext(r.Context()), r.PathValue("id"), in.Reason); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *apiHandlers) add(w http.ResponseWriter, r *http.Request) error {
	c, err := h.svc.Add(r.Context(), auth.FromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/creators/"+strconv.FormatInt(c.ID, 10))
	api.WriteJSON(w, http.StatusCreated, c)
	return nil
}
