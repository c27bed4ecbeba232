// Package portal is the creator portal: one identity per email across
// every brand, passwordless sign-in by emailed magic link, a home page
// with every brand's invitations (and applications), and the profile a
// creator keeps themselves, propagated to each brand's record of them.
package portal

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are the portal's pages.
func Templates() web.TemplateSet {
	return web.Templates("portal", templateFiles, template.FuncMap{"platformLabel": creator.PlatformLabel})
}

type handlers struct {
	*web.Deps
	invites  *invite.Service
	creators *creator.Service
}

// Register adds the portal's routes. They are public to the staff router:
// the portal has its own sign-in, checked by signedIn. Invitation paths
// name their id {invitation}: access to them is the creator's own, tested
// in internal/app/portal_test.go, not by the staff tenant walk.
func Register(rt *web.Router, d *web.Deps) {
	creators := creator.NewService(d.DB, d.Clock)
	h := &handlers{Deps: d, invites: invite.NewService(d, creators), creators: creators}
	rt.Page("GET", "/portal", web.Public, "", h.signInForm)
	rt.Page("POST", "/portal", web.Public, "", h.requestLink)
	rt.Page("GET", "/portal/link/{token}", web.Public, "", h.linkForm)
	rt.Page("POST", "/portal/link/{token}", web.Public, "", h.useLink)
	rt.Page("POST", "/portal/logout", web.Public, "", h.logout)
	rt.Page("GET", "/portal/home", web.Public, "", h.signedIn(h.home))
	rt.Page("GET", "/portal/invitations/{invitation}", web.Public, "", h.signedIn(h.invitation))
	rt.Page("POST", "/portal/invitations/{invitation}/accept", web.Public, "", h.signedIn(h.accept))
	rt.Page("POST", "/portal/invitations/{invitation}/decline", web.Public, "", h.signedIn(h.decline))
	rt.Page("GET", "/portal/profile", web.Public, "", h.signedIn(h.profileForm))
	rt.Page("POST", "/portal/profile", web.Public, "", h.signedIn(h.saveProfile))
}

// localizer speaks the creator's chosen portal language, else the
// browser's.
func localizer(r *http.Request, me *Identity) *i18n.Localizer {
	if me != nil && i18n.IsSupported(me.Locale) {
		return i18n.For(me.Locale)
	}
	return web.Localizer(r)
}

// safeNext keeps redirects inside the portal.
func safeNext(next string) string {
	next = web.SafeNext(next, "/portal/home")
	if next != "/portal" && !strings.HasPrefix(next, "/portal/") && !strings.HasPrefix(next, "/portal?") {
		return "/portal/home"
	}
	return next
}

func prefixed(prefix, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = prefix + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

func isNotFound(err error) bool { return apperr.CodeOf(err) == apperr.NotFound }

func queryEscape(s string) string { return url.QueryEscape(s) }
