package inbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

func registerAPI(rt *web.Router, h *pages) {
	rt.API("GET", "/api/v1/threads", auth.InboxRead, "List conversation threads", h.apiList)
	rt.API("POST", "/api/v1/threads", auth.InboxReply, "Start a conversation with a creator", h.Idempotent(h.apiCreate))
	rt.API("GET", "/api/v1/threads/{id}", auth.InboxRead, "Get a conversation thread", h.apiGet)
	rt.API("PATCH", "/api/v1/threads/{id}", auth.InboxReply, "Change a thread's status or assignee", h.apiPatch)
	rt.API("GET", "/api/v1/threads/{id}/messages", auth.InboxRead, "List a thread's messages", h.apiMessages)
	rt.API("POST", "/api/v1/threads/{id}/messages", auth.InboxReply, "Answer in a thread", h.Idempotent(h.apiPost))
}

func (h *pages) apiList(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	q := r.URL.Query()
	f := Filter{Viewer: p.UserID(), Limit: 50, Q: q.Get("q")}
	var fe apperr.Fields
	if s := q.Get("status"); s != "" {
		if !validStatus(s) {
			fe.Add("status", "validation.choose_from_list", "Choose one of: open, waiting, closed.")
		}
		f.Status = s
	}
	positive := func(name string) int64 {
		s := q.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			fe.Add(name, "validation.choose_from_list", "Send a positive whole number.")
		}
		return n
	}
	if q.Get("assignee_user_id") == "none" {
		f.Unassigned = true
	} else {
		f.Assignee = positive("assignee_user_id")
	}
	f.CampaignID, f.CreatorID = positive("campaign_id"), positive("creator_id")
	switch q.Get("unread") {
	case "", "false":
	case "true":
		f.Unread = true
	default:
		fe.Add("unread", "validation.choose_from_list", "Send true or false.")
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			fe.Add("limit", "validation.choose_from_list", "Send a limit from 1 to 200.")
		}
		f.Limit = n
	}
	var ok bool
	if f.After, ok = ParseCursor(q.Get("cursor")); !ok {
		fe.Add("cursor", "validation.choose_from_list", "Send the next_cursor of the previous page.")
	}
	if err := fe.Err(); err != nil {
		return err
	}
	items, next, err := List(r.Context(), h.DB, p.BrandID, f)
	if err != nil {
		return err
	}
	if items == nil {
		items = []Thread{}
	}
	api.WriteJSON(w, http.StatusOK, api.List[Thread]{Data: items, NextCursor: next.String()})
	return nil
}

type createInput struct {
	CreatorID  int64  `json:"creator_id"`
	CampaignID *int64 `json:"campaign_id"`
	Subject    string `json:"subject"`
	Body       string `json:"body"`
}

func (h *pages) apiCreate(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	var in createInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	t, err := h.svc.Start(r.Context(), p.BrandID, TeamAuthor(p, ChannelAPI), NewThread(in))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/threads/"+itoa(t.ID))
	api.WriteJSON(w, http.StatusCreated, t)
	return nil
}

// apiThread loads the path's thread of the token's brand before anything
// else is read, so another brand's id is 404 whatever the body says.
func (h *pages) apiThread(r *http.Request) (*Thread, error) {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return Get(r.Context(), h.DB, p.BrandID, p.UserID(), id)
}

func (h *pages) apiGet(w http.ResponseWriter, r *http.Request) error {
	t, err := h.apiThread(r)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, t)
	return nil
}

type patchInput struct {
	Status   *string         `json:"status"`
	Assignee json.RawMessage `json:"assignee_user_id"` // absent: unchanged; null: nobody
}

func (h *pages) apiPatch(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	t, err := h.apiThread(r)
	if err != nil {
		return err
	}
	var in patchInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	e := Edit{Status: in.Status}
	if in.Assignee != nil {
		e.SetAssignee = true
		if !bytes.Equal(in.Assignee, []byte("null")) {
			var id int64
			if err := json.Unmarshal(in.Assignee, &id); err != nil {
				var fe apperr.Fields
				fe.Add("assignee_user_id", "inbox.validation.assignee", "Send a team member's user id, or null.")
				return fe.Err()
			}
			e.Assignee = &id
		}
	}
	if t, err = h.svc.Edit(r.Context(), p, t.ID, e); err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, t)
	return nil
}

func (h *pages) apiMessages(w http.ResponseWriter, r *http.Request) error {
	t, err := h.apiThread(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	var fe apperr.Fields
	limit, after := api.IDPage(q, 100, 500, &fe)
	if err := fe.Err(); err != nil {
		return err
	}
	items, err := Messages(r.Context(), h.DB, t.BrandID, t.ID, after, limit+1)
	if err != nil {
		return err
	}
	out := api.IDPaged(items, limit, func(m Message) int64 { return m.ID })
	api.WriteJSON(w, http.StatusOK, out)
	return nil
}

type postInput struct {
	Body string `json:"body"`
}

func (h *pages) apiPost(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	t, err := h.apiThread(r)
	if err != nil {
		return err
	}
	var in postInput
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	m, err := h.svc.Post(r.Context(), p.BrandID, t.ID, TeamAuthor(p, ChannelAPI), in.Body)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusCreated, m)
	return nil
}
