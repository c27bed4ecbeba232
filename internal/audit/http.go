package audit

import (
	"embed"
	"net/http"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet { return web.Templates("audit", templateFiles, nil) }

// pageSize is how many events a page of the log shows.
const pageSize = 50

// Register adds the audit log page.
func Register(rt *web.Router, d *web.Deps) {
	rt.Page("GET", "/audit", web.Brand, auth.AuditRead, func(w http.ResponseWriter, r *http.Request) error {
		p := auth.FromContext(r.Context())
		page := web.PageBefore(r, pageSize)
		events, err := List(r.Context(), d.DB, p.BrandID, page.Before, page.Fetch())
		if err != nil {
			return err
		}
		events, next := web.Trim(page, events, func(e Event) int64 { return e.ID })
		return d.Render.Page(w, r, "audit/list", &web.View{Nav: "audit", Data: map[string]any{"Events": events, "Next": next}})
	})
}
