package portal

import (
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/notify"
	"github.com/rosterhq/roster/internal/web"
)

func (h *handlers) signInForm(w http.ResponseWriter, r *http.Request) error {
	me, err := Current(r, h.Deps)
	if err != nil {
		return err
	}
	next := r.URL.Query().Get("next")
	if me != nil {
		web.Redirect(w, r, safeNext(next))
		return nil
	}
	form := map[string]string{"email": r.URL.Query().Get("email"), "next": next}
	return h.Render.Page(w, r, "portal/signin", &web.View{Form: form})
}

// requestLink emails a sign-in link when the email belongs to a creator,
// and answers the same either way, so the form can't be used to find out
// who is a creator of which brand.
func (h *handlers) requestLink(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx, now, l := r.Context(), h.Clock(), web.Localizer(r)
	email := auth.NormalizeEmail(r.PostFormValue("email"))
	next := safeNext(r.PostFormValue("next"))
	form := web.FormValues(r)
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || !strings.Contains(email, "@") {
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "portal/signin",
			&web.View{Form: form, Errors: map[string]string{"email": l.T("portal.email_invalid")}})
	}
	allowed, err := linkRequestAllowed(ctx, h.DB, email, web.ClientIP(r), now)
	if err != nil {
		return err
	}
	if allowed {
		err = h.DB.InTx(ctx, h.sendLink(r, email, next, now))
	}
	if err != nil {
		return err
	}
	if !allowed {
		return h.Render.PageStatus(w, r, http.StatusTooManyRequests, "portal/signin",
			&web.View{Form: form, Errors: map[string]string{"_": l.T("portal.too_many_links")}})
	}
	h.WakeJobs()
	return h.Render.Page(w, r, "portal/sent", &web.View{Data: map[string]any{"Email": email}})
}

// sendLink mails a sign-in link when the email belongs to a creator. It
// writes a link either way and, for anyone else, removes it again in the
// same transaction, so the request takes as long for a stranger's email
// as for a creator's and its time does not tell who is a creator.
func (h *handlers) sendLink(r *http.Request, email, next string, now time.Time) func(tx *db.Tx) error {
	ctx := r.Context()
	return func(tx *db.Tx) error {
		known, err := KnownEmail(ctx, tx, email)
		if err != nil {
			return err
		}
		secret, err := createLink(ctx, tx, email, next, now)
		if err != nil {
			return err
		}
		locale := h.emailLocale(r, tx, email)
		if !known {
			_, err := tx.ExecContext(ctx, `DELETE FROM portal_links WHERE token_hash = ?`, auth.HashSecret(secret))
			return err
		}
		return notify.Send(ctx, tx, notify.Email{To: email, Locale: locale, Key: "portal.email.link",
			Args: []any{"link", h.Link("/portal/link/" + secret), "minutes", int64(LinkTTL.Minutes())}})
	}
}

// emailLocale is the language of the sign-in email: the identity's
// setting, else the person's first creator-record language we speak, else
// the language of the page they asked from.
func (h *handlers) emailLocale(r *http.Request, q db.Querier, email string) string {
	if id, err := IdentityByEmail(r.Context(), q, email); err == nil && id.Locale != "" {
		return id.Locale
	}
	var langs string
	if err := q.QueryRowContext(r.Context(), `SELECT languages FROM creators WHERE email = ? ORDER BY id LIMIT 1`, email).Scan(&langs); err == nil {
		for _, lang := range strings.Split(langs, ",") {
			if code := i18n.Match(lang); code != "" {
				return code
			}
		}
	}
	return web.Localizer(r).Lang()
}

// linkForm shows a button that signs in: a GET never uses the link, so
// mail scanners that open links don't spend it.
func (h *handlers) linkForm(w http.ResponseWriter, r *http.Request) error {
	live, err := linkLive(r.Context(), h.DB, r.PathValue("token"), h.Clock())
	if err != nil {
		return err
	}
	if !live {
		return h.Render.PageStatus(w, r, http.StatusNotFound, "portal/link_invalid", &web.View{})
	}
	return h.Render.Page(w, r, "portal/link", &web.View{Data: map[string]any{"Token": r.PathValue("token")}})
}

func (h *handlers) useLink(w http.ResponseWriter, r *http.Request) error {
	ctx, now := r.Context(), h.Clock()
	var secret, next string
	err := h.DB.InTx(ctx, func(tx *db.Tx) error {
		link, err := useLink(ctx, tx, r.PathValue("token"), now)
		if err != nil {
			return err
		}
		me, err := ensureIdentity(ctx, tx, link.Email, now)
		if err != nil {
			return err
		}
		next = link.Next
		secret, err = createSession(ctx, tx, me.ID, now)
		return err
	})
	if isNotFound(err) {
		return h.Render.PageStatus(w, r, http.StatusNotFound, "portal/link_invalid", &web.View{})
	}
	if err != nil {
		return err
	}
	setCookie(w, h.Deps, secret, int(SessionTTL.Seconds()))
	web.Redirect(w, r, safeNext(next))
	return nil
}

func (h *handlers) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(CookieName); err == nil && c.Value != "" {
		if err := deleteSession(r.Context(), h.DB, c.Value); err != nil {
			return err
		}
	}
	setCookie(w, h.Deps, "", -1)
	web.SetFlash(w, web.Localizer(r).T("portal.signed_out"))
	web.Redirect(w, r, "/portal")
	return nil
}
