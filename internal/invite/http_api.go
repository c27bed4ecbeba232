package invite

import (
	"net/http"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

func registerAPI(rt *web.Router, h *pages) {
	rt.API("GET", "/api/v1/invitations", auth.CreatorsRead, "List invitations with their status", h.apiList)
	rt.API("POST", "/api/v1/invitations", auth.InvitationsSend, "Invite creators with a template", h.apiSend)
}

func (h *pages) apiList(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	q := r.URL.Query()
	status := q.Get("status")
	var f apperr.Fields
	if status != "" && !validStatus(status) {
		f.Add("status", "validation.choose_from_list", "Choose one of: pending, accepted, declined, expired, stopped.")
	}
	limit, before := api.IDPage(q, 50, 200, &f)
	if err := f.Err(); err != nil {
		return err
	}
	items, err := List(r.Context(), h.DB, p.BrandID, status, before, limit+1)
	if err != nil {
		return err
	}
	out := api.IDPaged(items, limit, func(i Invitation) int64 { return i.ID })
	api.WriteJSON(w, http.StatusOK, out)
	return nil
}

type sendInput struct {
	TemplateID    int64   `json:"template_id"`
	CreatorIDs    []int64 `json:"creator_ids"`
	SavedFilterID *int64  `json:"saved_filter_id"` // instead of creator_ids
}

type sendOutput struct {
	Data      []Invitation `json:"data"`
	SentNow   int          `json:"sent_now"`
	Scheduled int          `json:"scheduled"`
	Skipped   []Skipped    `json:"skipped"`
}

func (h *pages) apiSend(w http.ResponseWriter, r *http.Request) error {
	var in sendInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	p, ids := auth.FromContext(r.Context()), in.CreatorIDs
	if in.SavedFilterID != nil {
		var err error
		if ids, err = creator.FilterCreators(r.Context(), h.DB, p.BrandID, *in.SavedFilterID, len(in.CreatorIDs) > 0, MaxSelection); err != nil {
			return err
		}
	}
	res, err := h.svc.Send(r.Context(), p, in.TemplateID, ids)
	if err != nil {
		return err
	}
	out := sendOutput{Data: res.Invitations, SentNow: res.SentNow, Scheduled: res.Scheduled, Skipped: res.Skipped}
	if out.Data == nil {
		out.Data = []Invitation{}
	}
	if out.Skipped == nil {
		out.Skipped = []Skipped{}
	}
	api.WriteJSON(w, http.StatusCreated, out)
	return nil
}
