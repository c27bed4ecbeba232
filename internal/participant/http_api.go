package participant

import (
	"net/http"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

func registerAPI(rt *web.Router, h *handlers) {
	rt.API("GET", "/api/v1/participant-stages", auth.CampaignsRead, "List the brand's participant stages in order", h.apiStages)
	rt.API("GET", "/api/v1/campaigns/{id}/participants", auth.CampaignsRead, "List a campaign's participants", h.apiList)
	rt.API("POST", "/api/v1/campaigns/{id}/participants", auth.CampaignsWrite, "Invite creators to a campaign with an offer", h.apiInvite)
	rt.API("POST", "/api/v1/campaigns/{id}/participants/moves", auth.CampaignsWrite, "Move participants to a stage", h.apiMove)
	rt.API("GET", "/api/v1/participants/{id}", auth.CampaignsRead, "Get a participant with its offers, acceptance and stage history", h.apiGet)
	rt.API("POST", "/api/v1/participants/{id}/counter-offer", auth.CampaignsWrite, "Answer a creator's counter-offer", h.apiAnswer)
}

func (h *handlers) apiStages(w http.ResponseWriter, r *http.Request) error {
	list, err := Stages(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, api.List[Stage]{Data: list})
	return nil
}

func (h *handlers) apiList(w http.ResponseWriter, r *http.Request) error {
	c, err := h.campaignOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	var f apperr.Fields
	stage := q.Get("stage")
	if stage != "" {
		list, err := Stages(r.Context(), h.DB, c.BrandID)
		if err != nil {
			return err
		}
		if findStage(list, stage) < 0 {
			f.Add("stage", "validation.choose_from_list", "Choose one of the brand's participant stages (GET /api/v1/campaigns/{id}/participants lists them by key).")
		}
	}
	limit, before := api.IDPage(q, 50, 200, &f)
	if err := f.Err(); err != nil {
		return err
	}
	items, err := List(r.Context(), h.DB, c.BrandID, c.ID, stage, before, limit+1)
	if err != nil {
		return err
	}
	out := api.IDPaged(items, limit, func(p Participant) int64 { return p.ID })
	api.WriteJSON(w, http.StatusOK, out)
	return nil
}

type inviteInput struct {
	CreatorIDs        []int64    `json:"creator_ids"`
	SavedFilterID     *int64     `json:"saved_filter_id"` // instead of creator_ids
	Offer             OfferInput `json:"offer"`
	ConfirmOverBudget bool       `json:"confirm_over_budget"`
}

func (h *handlers) apiInvite(w http.ResponseWriter, r *http.Request) error {
	c, err := h.campaignOf(r)
	if err != nil {
		return err
	}
	var in inviteInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	ids := in.CreatorIDs
	if in.SavedFilterID != nil {
		if ids, err = creator.FilterCreators(r.Context(), h.DB, c.BrandID, *in.SavedFilterID, len(in.CreatorIDs) > 0, MaxBulk); err != nil {
			return err
		}
	}
	res, err := h.svc.Invite(r.Context(), auth.FromContext(r.Context()), c.ID, ids, in.Offer, in.ConfirmOverBudget)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusCreated, res)
	return nil
}

type moveInput struct {
	ParticipantIDs []int64 `json:"participant_ids"`
	Stage          string  `json:"stage"`
	Reason         string  `json:"reason"`
}

func (h *handlers) apiMove(w http.ResponseWriter, r *http.Request) error {
	c, err := h.campaignOf(r)
	if err != nil {
		return err
	}
	var in moveInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	n, err := h.svc.BulkMove(r.Context(), auth.FromContext(r.Context()), c.ID, in.ParticipantIDs, in.Stage, in.Reason)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, map[string]int{"moved": n})
	return nil
}

// participantDoc is a participant with everything about its offer.
type participantDoc struct {
	Participant *Participant `json:"participant"`
	Offers      []Offer      `json:"offers"`
	Acceptance  *Acceptance  `json:"acceptance"`
	Events      []Event      `json:"stage_events"`
}

func (h *handlers) doc(r *http.Request, id int64) (*participantDoc, error) {
	ctx, brandID := r.Context(), auth.FromContext(r.Context()).BrandID
	pt, err := Get(ctx, h.DB, brandID, id)
	if err != nil {
		return nil, err
	}
	d := &participantDoc{Participant: pt}
	if d.Offers, err = Offers(ctx, h.DB, brandID, id); err != nil {
		return nil, err
	}
	if d.Acceptance, err = AcceptanceOf(ctx, h.DB, brandID, id); err != nil {
		return nil, err
	}
	d.Events, err = History(ctx, h.DB, brandID, id, 200)
	return d, err
}

func (h *handlers) apiGet(w http.ResponseWriter, r *http.Request) error {
	pt, err := h.participantOf(r)
	if err != nil {
		return err
	}
	d, err := h.doc(r, pt.ID)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, d)
	return nil
}

type answerInput struct {
	Action            string      `json:"action"`
	Offer             *OfferInput `json:"offer"`
	ConfirmOverBudget bool        `json:"confirm_over_budget"`
}

// apiAnswer accepts the waiting counter-offer ("accept") or answers it
// with a new offer ("revise", with offer).
func (h *handlers) apiAnswer(w http.ResponseWriter, r *http.Request) error {
	pt, err := h.participantOf(r)
	if err != nil {
		return err
	}
	var in answerInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	switch in.Action {
	case "accept":
		_, err = h.svc.AcceptCounter(r.Context(), p, pt.ID, clientOf(r), in.ConfirmOverBudget)
	case "revise":
		if in.Offer == nil {
			return fieldErr("offer", "validation.required")
		}
		_, err = h.svc.Revise(r.Context(), p, pt.ID, *in.Offer, in.ConfirmOverBudget)
	default:
		var f apperr.Fields
		f.Add("action", "validation.choose_from_list", "Send action \"accept\" or \"revise\".")
		return f.Err()
	}
	if err != nil {
		return err
	}
	d, err := h.doc(r, pt.ID)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, d)
	return nil
}
