// Package admin is the platform admin's corner: the brands of the
// installation.
package admin

import (
	"embed"
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet { return web.Templates("admin", templateFiles, nil) }

// Register adds the admin routes.
func Register(rt *web.Router, d *web.Deps) {
	rt.Page("GET", "/admin/brands", web.Brand, auth.BrandsManage, func(w http.ResponseWriter, r *http.Request) error {
		return renderBrands(w, r, d, http.StatusOK, nil, nil)
	})
	rt.Page("POST", "/admin/brands", web.Brand, auth.BrandsManage, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(w, r); err != nil {
			return err
		}
		p := auth.FromContext(r.Context())
		now := d.Clock()
		var created *brand.Brand
		err := d.DB.InTx(r.Context(), func(tx *db.Tx) error {
			b, err := brand.Create(r.Context(), tx, r.PostFormValue("name"), r.PostFormValue("slug"), now)
			if err != nil {
				return err
			}
			created = b
			return audit.Record(r.Context(), tx, p, b.ID, "create", "brand", strconv.FormatInt(b.ID, 10),
				audit.Created(map[string]any{"name": b.Name, "slug": b.Slug}), now)
		})
		if err != nil {
			return renderBrands(w, r, d, http.StatusUnprocessableEntity, web.FieldErrors(web.Localizer(r), err), web.FormValues(r))
		}
		web.SetFlash(w, web.Localizer(r).T("admin.brand_created", "name", created.Name))
		web.Redirect(w, r, "/admin/brands")
		return nil
	})
}

func renderBrands(w http.ResponseWriter, r *http.Request, d *web.Deps, status int, errs, form map[string]string) error {
	all, err := brand.All(r.Context(), d.DB)
	if err != nil {
		return err
	}
	return d.Render.PageStatus(w, r, status, "admin/brands", &web.View{Nav: "admin", Errors: errs, Form: form, Data: all})
}
