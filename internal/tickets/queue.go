package tickets

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/web"
)

// workedBrands are the brands whose tickets p may work from the queue:
// every brand where p is the account manager, or every brand for a
// platform admin. Nothing else, whatever the current brand, so the queue
// never shows a ticket of a brand where p holds no such role.
func (h *handlers) workedBrands(ctx context.Context, p *auth.Principal) ([]brand.Brand, error) {
	if p.User == nil {
		return nil, nil
	}
	if p.User.IsPlatformAdmin {
		return brand.All(ctx, h.DB)
	}
	ms, err := brand.ForUser(ctx, h.DB, p.User.ID)
	if err != nil {
		return nil, err
	}
	var out []brand.Brand
	for _, m := range ms {
		if m.Role == auth.AccountManager {
			out = append(out, m.Brand)
		}
	}
	return out, nil
}

// QueueBrands are the brands of the queue with their medians for the
// last three months.
type queueBrand struct {
	Brand   brand.Brand
	Metrics []MonthStats
}

func (h *handlers) queue(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	var errs apperr.Fields
	f := filterOf(r, &errs)
	if errs.Err() != nil {
		f = Filter{}
	}
	// Without a status filter the queue shows what needs work.
	f.Open = f.Status == "" && r.URL.Query().Get("all") == ""
	brands, err := h.workedBrands(r.Context(), p)
	if err != nil {
		return err
	}
	ids := make([]int64, len(brands))
	names := make([]string, len(brands))
	for i, b := range brands {
		ids[i], names[i] = b.ID, b.Name
	}
	items, err := ListForBrands(r.Context(), h.DB, ids, f, 200)
	if err != nil {
		return err
	}
	now := h.Clock()
	from := time.Date(now.Year(), now.Month()-2, 1, 0, 0, 0, 0, time.UTC)
	var per []queueBrand
	for _, b := range brands {
		m, err := BrandMetrics(r.Context(), h.DB, b.ID, from, now.Add(time.Millisecond))
		if err != nil {
			return err
		}
		per = append(per, queueBrand{Brand: b, Metrics: m.Months})
	}
	return h.Render.Page(w, r, "tickets/queue", &web.View{Nav: "tickets-queue", Data: map[string]any{
		"Tickets": items, "Filter": f, "Statuses": Statuses, "Priorities": Priorities,
		"BrandNames": strings.Join(names, ", "), "Brands": per, "All": r.URL.Query().Get("all") != "",
	}})
}

// queueOpen takes an account manager from the queue to a ticket of one of
// their brands: it switches the session to that brand (as the brand
// switcher does) and opens the ticket there.
func (h *handlers) queueOpen(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	brandID := p.BrandID
	if s := r.PostFormValue("brand_id"); s != "" {
		if brandID, err = strconv.ParseInt(s, 10, 64); err != nil {
			return apperr.New(apperr.NotFound, "ticket not found")
		}
	}
	brands, err := h.workedBrands(r.Context(), p)
	if err != nil {
		return err
	}
	allowed := false
	for _, b := range brands {
		allowed = allowed || b.ID == brandID
	}
	if !allowed {
		return apperr.New(apperr.NotFound, "ticket not found")
	}
	if _, err := Get(r.Context(), h.DB, brandID, id); err != nil {
		return err
	}
	if brandID != p.BrandID && p.SessionID != 0 {
		if err := auth.SetSessionBrand(r.Context(), h.DB, p.SessionID, brandID); err != nil {
			return err
		}
	}
	web.Redirect(w, r, "/tickets/"+strconv.FormatInt(id, 10))
	return nil
}

func (h *handlers) metrics(w http.ResponseWriter, r *http.Request) error {
	now := h.Clock()
	from := time.Date(now.Year(), now.Month()-11, 1, 0, 0, 0, 0, time.UTC)
	m, err := BrandMetrics(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, from, now.Add(time.Millisecond))
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "tickets/metrics", &web.View{Nav: "tickets", Data: m})
}
