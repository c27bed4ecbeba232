package kb

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/portal"
	"github.com/rosterhq/roster/internal/web"
)

// registerPortal adds the creator-facing help pages to the portal. Like
// the portal's own pages they are public to the staff router and check
// the portal session themselves; the path names its id {article}, as the
// staff tenant walk (which looks for {id}) does not apply to articles
// shared by every brand.
func registerPortal(rt *web.Router, d *web.Deps) {
	rt.Page("GET", "/portal/help", web.Public, "", portalPage(d, func(w http.ResponseWriter, r *http.Request, me *portal.Identity, l *i18n.Localizer) error {
		v, err := indexFor(r, d, AudienceCreator, ReaderLocale(r, me.Locale), "/portal/help", "/portal/help/")
		if err != nil {
			return err
		}
		return d.Render.Page(w, r, "kb/portal_index", &web.View{L: l, Data: v})
	}))
	rt.Page("GET", "/portal/help/{article}", web.Public, "", portalPage(d, func(w http.ResponseWriter, r *http.Request, me *portal.Identity, l *i18n.Localizer) error {
		id, err := web.PathID(r, "article")
		if err != nil {
			return err
		}
		a, err := GetFor(r.Context(), d.DB, AudienceCreator, id)
		if err != nil {
			return err
		}
		path := "/portal/help/" + strconv.FormatInt(a.ID, 10)
		return d.Render.Page(w, r, "kb/portal_article", &web.View{L: l, Data: viewOf(a, ReaderLocale(r, me.Locale), "/portal/help", path)})
	}))
}

// portalPage runs next for a signed-in creator, in their portal language;
// without a portal session it sends them to sign in and come back.
func portalPage(d *web.Deps, next func(w http.ResponseWriter, r *http.Request, me *portal.Identity, l *i18n.Localizer) error) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, err := portal.Current(r, d)
		if err != nil {
			return err
		}
		if me == nil {
			web.Redirect(w, r, "/portal?next="+urlEscape(r.URL.RequestURI()))
			return nil
		}
		l := web.Localizer(r)
		if i18n.IsSupported(me.Locale) {
			l = i18n.For(me.Locale)
		}
		return next(w, r, me, l)
	}
}
