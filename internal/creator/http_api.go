package creator

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

// apiHandlers serves /api/v1/creators.
type apiHandlers struct {
	*web.Deps
	svc *Service
}

func registerAPI(rt *web.Router, d *web.Deps, svc *Service) {
	h := &apiHandlers{d, svc}
	rt.API("GET", "/api/v1/creators", auth.CreatorsRead, "List creators with filters, sort and cursor pagination", h.list)
	rt.API("POST", "/api/v1/creators", auth.CreatorsWrite, "Create a creator", d.Idempotent(h.create))
	rt.API("GET", "/api/v1/creators/{id}", auth.CreatorsRead, "Get a creator", h.get)
	rt.API("PATCH", "/api/v1/creators/{id}", auth.CreatorsWrite, "Change some fields of a creator", h.patch)
	rt.API("DELETE", "/api/v1/creators/{id}", auth.CreatorsDelete, "Delete a creator", h.delete)
}

func (h *apiHandlers) list(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	lq, errs := ParseListQuery(r.URL.Query())
	if err := errs.Err(); err != nil {
		return err
	}
	page, err := h.svc.Store.List(r.Context(), h.DB, p.BrandID, lq)
	if err != nil {
		return err
	}
	items := page.Items
	if items == nil {
		items = []Creator{}
	}
	api.WriteJSON(w, http.StatusOK, api.List[Creator]{Data: items, NextCursor: page.NextCursor})
	return nil
}

func (h *apiHandlers) get(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := h.svc.Store.Get(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, c)
	return nil
}

// Input is the JSON body of a create or a PATCH. Absent fields are left
// as they are on PATCH; owner_user_id may be null to clear the owner.
type Input struct {
	DisplayName    *string               `json:"display_name"`
	Email          *string               `json:"email"`
	Country        *string               `json:"country"`
	Languages      *[]string             `json:"languages"`
	Tags           *[]string             `json:"tags"`
	Notes          *string               `json:"notes"`
	OwnerUserID    OptionalID            `json:"owner_user_id"`
	Stage          *string               `json:"stage"`
	SocialAccounts *[]SocialAccountInput `json:"social_accounts"`
}

// OptionalID tells an absent id from an explicit null.
type OptionalID struct {
	Set   bool
	Value *int64
}

// UnmarshalJSON records that the field was present.
func (o *OptionalID) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(b, []byte("null")) {
		o.Value = nil
		return nil
	}
	var v int64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}

// Apply lays the present fields of in over f.
func (in Input) Apply(f *Fields) {
	if in.DisplayName != nil {
		f.DisplayName = *in.DisplayName
	}
	if in.Email != nil {
		f.Email = *in.Email
	}
	if in.Country != nil {
		f.Country = *in.Country
	}
	if in.Languages != nil {
		f.Languages = *in.Languages
	}
	if in.Tags != nil {
		f.Tags = *in.Tags
	}
	if in.Notes != nil {
		f.Notes = *in.Notes
	}
	if in.OwnerUserID.Set {
		f.OwnerUserID = in.OwnerUserID.Value
	}
	if in.Stage != nil {
		f.Stage = *in.Stage
	}
	if in.SocialAccounts != nil {
		f.SocialAccounts = *in.SocialAccounts
		for i := range f.SocialAccounts {
			f.SocialAccounts[i].MetricsSource = "api"
		}
	}
}

func (h *apiHandlers) create(w http.ResponseWriter, r *http.Request) error {
	var in Input
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	var f Fields
	in.Apply(&f)
	c, err := h.svc.Create(r.Context(), auth.FromContext(r.Context()), f)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/creators/"+itoa(c.ID))
	api.WriteJSON(w, http.StatusCreated, c)
	return nil
}

func (h *apiHandlers) patch(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	current, err := h.svc.Store.Get(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return err
	}
	var in Input
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	f := FieldsOf(current)
	in.Apply(&f)
	c, err := h.svc.Update(r.Context(), p, id, f)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, c)
	return nil
}

func (h *apiHandlers) delete(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.Delete(r.Context(), auth.FromContext(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
