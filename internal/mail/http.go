package mail

import (
	"embed"
	"net/http"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are the outbox pages.
func Templates() web.TemplateSet { return web.Templates("mail", templateFiles, nil) }

const outboxPage = 50

// RegisterPages adds the outbox pages: a brand's emails for its team,
// and every email (password resets included) for platform admins, so an
// installation without SMTP still lets people read what Roster sent.
func RegisterPages(rt *web.Router, d *web.Deps) {
	rt.Page("GET", "/outbox", web.Brand, auth.OutboxRead, func(w http.ResponseWriter, r *http.Request) error {
		page := web.PageBefore(r, outboxPage)
		msgs, err := List(r.Context(), d.DB, auth.FromContext(r.Context()).BrandID, page.Fetch(), page.Before)
		if err != nil {
			return err
		}
		return renderList(w, r, d, "/outbox", page, msgs)
	})
	rt.Page("GET", "/outbox/{id}", web.Brand, auth.OutboxRead, func(w http.ResponseWriter, r *http.Request) error {
		id, err := web.PathID(r, "id")
		if err != nil {
			return err
		}
		m, err := Get(r.Context(), d.DB, auth.FromContext(r.Context()).BrandID, id)
		if err != nil {
			return err
		}
		m.Body = RedactSecrets(m.Body)
		return d.Render.Page(w, r, "mail/show", &web.View{Nav: "outbox", Data: m})
	})
	rt.Page("GET", "/admin/outbox", web.Brand, auth.BrandsManage, func(w http.ResponseWriter, r *http.Request) error {
		page := web.PageBefore(r, outboxPage)
		msgs, err := ListAll(r.Context(), d.DB, page.Fetch(), page.Before)
		if err != nil {
			return err
		}
		return renderList(w, r, d, "/admin/outbox", page, msgs)
	})
}

func renderList(w http.ResponseWriter, r *http.Request, d *web.Deps, base string, page web.NewestFirst, msgs []Outboxed) error {
	msgs, next := web.Trim(page, msgs, func(m Outboxed) int64 { return m.ID })
	return d.Render.Page(w, r, "mail/list", &web.View{Nav: "outbox",
		Data: map[string]any{"Messages": msgs, "Next": next, "Base": base, "All": base == "/admin/outbox"}})
}
