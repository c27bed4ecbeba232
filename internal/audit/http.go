package audit

import (
	"embed"
	"io/fs"
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	sub, _ := fs.Sub(templateFiles, "templates")
	return web.TemplateSet{Prefix: "audit", FS: sub}
}

// pageSize is how many events a page of the log shows.
const pageSize = 50

// Register adds the audit log page.
func Register(rt *web.Router, d *web.Deps) {
	rt.Page("GET", "/audit", web.Brand, auth.AuditRead, func(w http.ResponseWriter, r *http.Request) error {
		p := auth.FromContext(r.Context())
		before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
		events, err := List(r.Context(), d.DB, p.BrandID, before, pageSize+1)
		if err != nil {
			return err
		}
		var next int64
		if len(events) > pageSize {
			events = events[:pageSize]
			next = events[pageSize-1].ID
		}
		return d.Render.Page(w, r, "audit/list", &web.View{Nav: "audit", Data: map[string]any{"Events": events, "Next": next}})
	})
}
