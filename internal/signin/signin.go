// Package signin is the way in and out: sign-in and sign-out, password
// reset by emailed link, accepting a team invitation, and the language
// and brand switches in the page shell.
package signin

import (
	"embed"
	"net/http"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet { return web.Templates("signin", templateFiles, nil) }

// Handlers serves the sign-in pages.
type Handlers struct{ *web.Deps }

// Register adds the routes.
func Register(rt *web.Router, d *web.Deps) {
	h := &Handlers{d}
	rt.Page("GET", "/login", web.Public, "", h.loginForm)
	rt.Page("POST", "/login", web.Public, "", h.login)
	rt.Page("POST", "/logout", web.Public, "", h.logout)
	rt.Page("GET", "/password/forgot", web.Public, "", h.forgotForm)
	rt.Page("POST", "/password/forgot", web.Public, "", h.forgot)
	rt.Page("GET", "/password/reset/{token}", web.Public, "", h.resetForm)
	rt.Page("POST", "/password/reset/{token}", web.Public, "", h.reset)
	rt.Page("GET", "/invite/{token}", web.Public, "", h.inviteForm)
	rt.Page("POST", "/invite/{token}", web.Public, "", h.acceptInvite)
	rt.Page("POST", "/lang", web.Public, "", h.setLanguage)
	rt.Page("POST", "/brand/switch", web.SignedIn, "", h.switchBrand)
	rt.Page("GET", "/{$}", web.Public, "", h.home)
}

// home sends people to the first page their role can use.
func (h *Handlers) home(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	switch {
	case p == nil:
		web.Redirect(w, r, "/login")
	case p.Can(auth.CreatorsRead):
		web.Redirect(w, r, "/creators")
	case p.User != nil && p.User.IsPlatformAdmin:
		web.Redirect(w, r, "/admin/brands")
	default:
		web.Redirect(w, r, "/account")
	}
	return nil
}
