package tickets

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

func (h *handlers) registerAPI(rt *web.Router) {
	rt.API("GET", "/api/v1/tickets", auth.TicketsOpen, "List the brand's support tickets", h.apiList)
	rt.API("POST", "/api/v1/tickets", auth.TicketsOpen, "Open a support ticket", h.Idempotent(h.apiOpen))
	rt.API("GET", "/api/v1/tickets/{id}", auth.TicketsOpen, "Get a ticket with its replies and attachments", h.apiGet)
	rt.API("POST", "/api/v1/tickets/{id}/replies", auth.TicketsOpen, "Answer a ticket", h.apiReply)
}

// filterOf reads the status and priority filters shared by pages and API.
func filterOf(r *http.Request, errs *apperr.Fields) Filter {
	q := r.URL.Query()
	f := Filter{Status: q.Get("status"), Priority: q.Get("priority")}
	if f.Status != "" && !contains(Statuses, f.Status) {
		errs.Add("status", "validation.choose_from_list", "Choose one of: new, open, waiting, resolved, closed.")
	}
	if f.Priority != "" && !contains(Priorities, f.Priority) {
		errs.Add("priority", "validation.choose_from_list", "Choose one of: low, normal, high, urgent.")
	}
	return f
}

func (h *handlers) apiList(w http.ResponseWriter, r *http.Request) error {
	var errs apperr.Fields
	f := filterOf(r, &errs)
	q := r.URL.Query()
	limit, after := api.IDPage(q, 50, 200, &errs)
	if err := errs.Err(); err != nil {
		return err
	}
	items, err := List(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, f, after, limit+1)
	if err != nil {
		return err
	}
	out := api.IDPaged(items, limit, func(t Ticket) int64 { return t.ID })
	api.WriteJSON(w, http.StatusOK, out)
	return nil
}

type openInput struct {
	Subject     string `json:"subject"`
	Description string `json:"description"`
	Priority    string `json:"priority"`
}

func (h *handlers) apiOpen(w http.ResponseWriter, r *http.Request) error {
	var in openInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	if in.Priority == "" {
		in.Priority = "normal"
	}
	p := auth.FromContext(r.Context())
	t, err := h.svc.Open(r.Context(), p, NewTicket{Subject: in.Subject, Description: in.Description, Priority: in.Priority})
	if err != nil {
		return err
	}
	h.WakeJobs()
	th, err := GetThread(r.Context(), h.DB, p.BrandID, t.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/tickets/"+strconv.FormatInt(t.ID, 10))
	api.WriteJSON(w, http.StatusCreated, th)
	return nil
}

func (h *handlers) apiGet(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	th, err := GetThread(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, th)
	return nil
}

type replyInput struct {
	Body   string `json:"body"`
	Status string `json:"status"`
}

func (h *handlers) apiReply(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	// The ticket first: another brand's id is 404 whatever the body.
	if _, err := Get(r.Context(), h.DB, p.BrandID, id); err != nil {
		return err
	}
	var in replyInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	reply, err := h.svc.Reply(r.Context(), p, id, ReplyInput{Body: in.Body, Status: in.Status})
	if err != nil {
		return err
	}
	h.WakeJobs()
	api.WriteJSON(w, http.StatusCreated, reply)
	return nil
}
