package kb

import (
	"net/http"
	"time"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/markdown"
)

// articleJSON is one article in the API: the reader's language (or
// English) with its markdown and its rendered, sanitised HTML.
type articleJSON struct {
	ID        int64     `json:"id"`
	Slug      string    `json:"slug"`
	Category  string    `json:"category"`
	Audience  string    `json:"audience"`
	Revision  int       `json:"revision"`
	Locale    string    `json:"locale"`
	Fallback  bool      `json:"fallback"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	HTML      string    `json:"html"`
	Languages []string  `json:"languages"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// apiList searches (q) or lists (optionally one category) the
// brand-facing articles, in ?lang= or English. Results are capped, not
// paged: next_cursor is always empty.
func (h *handlers) apiList(w http.ResponseWriter, r *http.Request) error {
	v, err := indexFor(r, h.Deps, AudienceBrand, ReaderLocale(r, ""), "", "")
	if err != nil {
		return err
	}
	out := api.List[Summary]{Data: v.Articles}
	if out.Data == nil {
		out.Data = []Summary{}
	}
	api.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *handlers) apiGet(w http.ResponseWriter, r *http.Request) error {
	a, err := h.article(r, AudienceBrand)
	if err != nil {
		return err
	}
	wanted := ReaderLocale(r, "")
	v, shown := a.In(wanted)
	api.WriteJSON(w, http.StatusOK, articleJSON{ID: a.ID, Slug: a.Slug, Category: a.Category, Audience: a.Audience, Revision: a.Revision,
		Locale: shown, Fallback: shown != wanted, Title: v.Title, Body: v.Body, HTML: string(markdown.Render(v.Body)),
		Languages: a.Languages(), CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt})
	return nil
}
