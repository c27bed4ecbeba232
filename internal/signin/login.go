package signin

import (
	"net/http"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

// dummyHash is checked when the email is unknown, so a wrong email takes
// as long as a wrong password and timing doesn't reveal accounts.
var dummyHash, _ = auth.HashPassword("not-a-real-password-for-timing")

func (h *Handlers) loginForm(w http.ResponseWriter, r *http.Request) error {
	if p := auth.FromContext(r.Context()); p != nil && p.User != nil {
		web.Redirect(w, r, web.SafeNext(r.URL.Query().Get("next"), "/"))
		return nil
	}
	return h.Render.Page(w, r, "signin/login", &web.View{Form: map[string]string{"next": r.URL.Query().Get("next")}})
}

func (h *Handlers) login(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx, now := r.Context(), h.Clock()
	email, password := auth.NormalizeEmail(r.PostFormValue("email")), r.PostFormValue("password")
	l := web.Localizer(r)
	form := map[string]string{"email": email, "next": r.PostFormValue("next")}
	ip := web.ClientIP(r)
	// The attempt is counted before the password is checked, so
	// concurrent attempts can't outrun the throttle.
	blocked, err := auth.BeginLogin(ctx, h.DB, email, ip, now)
	if err != nil {
		return err
	}
	if blocked {
		return h.Render.PageStatus(w, r, http.StatusTooManyRequests, "signin/login",
			&web.View{Form: form, Errors: map[string]string{"_": l.T("signin.throttled")}})
	}
	u, hash, err := auth.UserByEmail(ctx, h.DB, email)
	if err != nil {
		hash = dummyHash
	}
	if auth.CheckPassword(hash, password) != nil || u == nil {
		// BeginLogin stored this attempt as a failure already.
		return h.Render.PageStatus(w, r, http.StatusUnauthorized, "signin/login",
			&web.View{Form: form, Errors: map[string]string{"_": l.T("signin.wrong")}})
	}
	if err := auth.LoginSucceeded(ctx, h.DB, email, ip, now); err != nil {
		return err
	}
	if err := h.startSession(w, r, u.ID); err != nil {
		return err
	}
	web.Redirect(w, r, web.SafeNext(r.PostFormValue("next"), "/"))
	return nil
}

// startSession rotates the session: whatever session the browser had is
// ended, and a fresh secret is issued, so a planted cookie is worthless.
func (h *Handlers) startSession(w http.ResponseWriter, r *http.Request, userID int64) error {
	ctx := r.Context()
	if old := auth.FromContext(ctx); old != nil && old.SessionID != 0 {
		if _, err := auth.DeleteSession(ctx, h.DB, old.UserID(), old.SessionID); err != nil {
			return err
		}
	}
	secret, _, err := auth.CreateSession(ctx, h.DB, userID, 0, r.UserAgent(), web.ClientIP(r), h.Clock())
	if err != nil {
		return err
	}
	h.SetSessionCookie(w, secret)
	return nil
}

func (h *Handlers) logout(w http.ResponseWriter, r *http.Request) error {
	if p := auth.FromContext(r.Context()); p != nil && p.SessionID != 0 {
		if _, err := auth.DeleteSession(r.Context(), h.DB, p.UserID(), p.SessionID); err != nil {
			return err
		}
	}
	h.ClearSessionCookie(w)
	web.Redirect(w, r, "/login")
	return nil
}
