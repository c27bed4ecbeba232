package signin

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

// setLanguage remembers a language in a cookie, and in the user's
// settings when signed in.
func (h *Handlers) setLanguage(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	code := r.PostFormValue("lang")
	if !i18n.IsSupported(code) {
		return apperr.New(apperr.Invalid, "Unknown language.")
	}
	http.SetCookie(w, &http.Cookie{Name: web.LangCookie, Value: code, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: h.Config.SecureCookies})
	if p := auth.FromContext(r.Context()); p != nil && p.User != nil {
		if err := auth.UpdateProfile(r.Context(), h.DB, p.User.ID, p.User.Name, code, h.Clock()); err != nil {
			return err
		}
	}
	web.Redirect(w, r, web.SafeNext(r.PostFormValue("next"), "/"))
	return nil
}

// switchBrand moves the session to another brand the user belongs to.
func (h *Handlers) switchBrand(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	id, err := strconv.ParseInt(r.PostFormValue("brand_id"), 10, 64)
	if err != nil || p.SessionID == 0 {
		return apperr.New(apperr.NotFound, "brand not found")
	}
	if p.User.IsPlatformAdmin {
		_, err = brand.ByID(r.Context(), h.DB, id)
	} else {
		_, err = brand.RoleOf(r.Context(), h.DB, id, p.User.ID)
	}
	if err != nil {
		return apperr.New(apperr.NotFound, "brand not found")
	}
	if err := auth.SetSessionBrand(r.Context(), h.DB, p.SessionID, id); err != nil {
		return err
	}
	web.Redirect(w, r, "/")
	return nil
}
