// Package account is a signed-in person's own settings: name, language,
// password, sessions; and the API's /me.
package account

import (
	"embed"
	"net/http"
	"strings"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet { return web.Templates("account", templateFiles, nil) }

// Handlers serves account settings.
type Handlers struct{ *web.Deps }

// Register adds the routes.
func Register(rt *web.Router, d *web.Deps) {
	h := &Handlers{d}
	rt.Page("GET", "/account", web.SignedIn, "", h.show)
	rt.Page("POST", "/account/profile", web.SignedIn, "", h.saveProfile)
	rt.Page("POST", "/account/password", web.SignedIn, "", h.changePassword)
	rt.Page("POST", "/account/sessions/{id}/revoke", web.SignedIn, "", h.revokeSession)
	rt.API("GET", "/api/v1/me", "", "Who the token acts as: brand and scopes", h.me)
}

type accountView struct {
	Sessions  []auth.Session
	CurrentID int64
}

func (h *Handlers) show(w http.ResponseWriter, r *http.Request) error {
	return h.render(w, r, http.StatusOK, nil, nil)
}

func (h *Handlers) render(w http.ResponseWriter, r *http.Request, status int, errs, form map[string]string) error {
	p := auth.FromContext(r.Context())
	if p.User == nil {
		return apperr.New(apperr.NotFound, "not found")
	}
	sessions, err := auth.ListSessions(r.Context(), h.DB, p.User.ID, h.Clock())
	if err != nil {
		return err
	}
	if form == nil {
		form = map[string]string{"name": p.User.Name, "locale": p.User.Locale}
	}
	return h.Render.PageStatus(w, r, status, "account/show", &web.View{Nav: "account", Errors: errs, Form: form,
		Data: accountView{Sessions: sessions, CurrentID: p.SessionID}})
}

func (h *Handlers) saveProfile(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	name, locale := strings.TrimSpace(r.PostFormValue("name")), r.PostFormValue("locale")
	errs := map[string]string{}
	if len(name) > 100 {
		errs["name"] = l.T("validation.too_long", "max", 100)
	}
	if locale != "" && !i18n.IsSupported(locale) {
		errs["locale"] = l.T("validation.choose_from_list")
	}
	if len(errs) > 0 {
		return h.render(w, r, http.StatusUnprocessableEntity, errs, web.FormValues(r))
	}
	now := h.Clock()
	err := h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		if err := auth.UpdateProfile(r.Context(), tx, p.User.ID, name, locale, now); err != nil {
			return err
		}
		changes := audit.Diff(map[string]any{"name": p.User.Name, "locale": p.User.Locale}, map[string]any{"name": name, "locale": locale})
		return audit.Record(r.Context(), tx, p, 0, "update", "user", itoa(p.User.ID), changes, now)
	})
	if err != nil {
		return err
	}
	if locale != "" {
		l = i18n.For(locale)
	}
	web.SetFlash(w, l.T("account.saved"))
	web.Redirect(w, r, "/account")
	return nil
}

// changePassword needs the current password, and ends the account's
// other sessions.
func (h *Handlers) changePassword(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	ctx, now := r.Context(), h.Clock()
	hash, err := auth.PasswordHash(ctx, h.DB, p.User.ID)
	if err != nil {
		return err
	}
	// The current password is checked like a sign-in, and throttled with
	// it, so a session can't be used to try passwords without limit.
	ip := web.ClientIP(r)
	blocked, err := auth.BeginLogin(ctx, h.DB, p.User.Email, ip, now)
	if err != nil {
		return err
	}
	if blocked {
		return h.render(w, r, http.StatusTooManyRequests, map[string]string{"current": l.T("signin.throttled")}, nil)
	}
	errs := map[string]string{}
	if auth.CheckPassword(hash, r.PostFormValue("current")) != nil {
		errs["current"] = l.T("account.current_wrong")
	} else if err := auth.LoginSucceeded(ctx, h.DB, p.User.Email, ip, now); err != nil {
		return err
	}
	next := r.PostFormValue("password")
	if key := auth.PasswordProblem(next); key != "" {
		errs["password"] = l.T(key, "min", auth.MinPasswordLength)
	}
	if len(errs) > 0 {
		return h.render(w, r, http.StatusUnprocessableEntity, errs, nil)
	}
	newHash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	err = h.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := auth.SetPassword(ctx, tx, p.User.ID, newHash, now); err != nil {
			return err
		}
		if err := auth.DeleteOtherSessions(ctx, tx, p.User.ID, p.SessionID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, 0, "password_change", "user", itoa(p.User.ID), nil, now)
	})
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("account.password_changed"))
	web.Redirect(w, r, "/account")
	return nil
}

func (h *Handlers) revokeSession(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	ok, err := auth.DeleteSession(r.Context(), h.DB, p.User.ID, id)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.New(apperr.NotFound, "session not found")
	}
	if id == p.SessionID {
		h.ClearSessionCookie(w)
		web.Redirect(w, r, "/login")
		return nil
	}
	web.SetFlash(w, web.Localizer(r).T("account.session_revoked"))
	web.Redirect(w, r, "/account")
	return nil
}

// Me is the /api/v1/me response.
type Me struct {
	Brand  MeBrand  `json:"brand"`
	Token  MeToken  `json:"token"`
	Scopes []string `json:"scopes"`
}

// MeBrand names the token's brand.
type MeBrand struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// MeToken names the token.
type MeToken struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func (h *Handlers) me(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	scopes := []string{}
	for _, s := range p.Permissions() {
		scopes = append(scopes, string(s))
	}
	api.WriteJSON(w, http.StatusOK, Me{Brand: MeBrand{ID: p.BrandID, Slug: p.BrandSlug, Name: p.BrandName},
		Token: MeToken{ID: p.TokenID, Name: p.TokenName}, Scopes: scopes})
	return nil
}
