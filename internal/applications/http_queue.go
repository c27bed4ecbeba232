package applications

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

// queueURL is the queue positioned on an application (0: the top).
func queueURL(id int64) string {
	if id == 0 {
		return "/applications/review"
	}
	return "/applications/review?id=" + strconv.FormatInt(id, 10)
}

// queue shows one submitted application at a time, best score first,
// with its scoring, approve and decline forms and links to the ones
// before and after it. app.js maps keys to these forms and links.
func (h *teamPages) queue(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	var rank int64
	var err error
	if id > 0 {
		rank, err = rankOf(ctx, h.DB, p.BrandID, id)
		if err != nil {
			id = 0 // gone or not ours: start from the top
		}
	}
	if id > 0 {
		if a, err := Get(ctx, h.DB, p.BrandID, id); err != nil || a.Status != StatusSubmitted {
			id = 0
		}
	}
	if id == 0 {
		page, err := List(ctx, h.DB, p.BrandID, ListQuery{Status: StatusSubmitted, Limit: 1})
		if err != nil {
			return err
		}
		if len(page.Items) == 0 {
			return h.Render.Page(w, r, "applications/queue", &web.View{Nav: "applications", Data: (*detail)(nil)})
		}
		id = page.Items[0].ID
		if rank, err = rankOf(ctx, h.DB, p.BrandID, id); err != nil {
			return err
		}
	}
	d, err := h.loadDetail(r, id)
	if err != nil {
		return err
	}
	if d.Next, err = neighbour(ctx, h.DB, p.BrandID, rank, id, true); err != nil {
		return err
	}
	if d.Prev, err = neighbour(ctx, h.DB, p.BrandID, rank, id, false); err != nil {
		return err
	}
	d.Back = queueURL(id)
	return h.Render.Page(w, r, "applications/queue", &web.View{Nav: "applications", Data: d})
}
