package signin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/apperr"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/notify"
	"github.com/rosterhq/roster/internal/web"
)

func (h *Handlers) forgotForm(w http.ResponseWriter, r *http.Request) error {
	return h.Render.Page(w, r, "signin/forgot", &web.View{})
}

// forgot emails a reset link when the account exists, and says the same
// thing either way so the form can't be used to discover accounts.
func (h *Handlers) forgot(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	now := h.Clock()
	l := web.Localizer(r)
	email := auth.NormalizeEmail(r.PostFormValue("email"))
	if email == "" {
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "signin/forgot",
			&web.View{Errors: map[string]string{"email": l.T("validation.required")}})
	}
	sent, err := h.mailReset(r, email, l.Lang(), now)
	if err != nil {
		return err
	}
	if sent {
		h.WakeJobs()
	}
	return h.Render.Page(w, r, "signin/forgot", &web.View{Data: map[string]any{"Sent": true}})
}

// mailReset emails a reset link to the account of email, if there is one
// and it is within the limit of links an email may ask for
// (auth.CreateResetLink). It runs one transaction with the same writes
// whether or not the account exists, so the page takes as long for an
// unknown email as for a known one, and says the same.
func (h *Handlers) mailReset(r *http.Request, email, lang string, now time.Time) (sent bool, err error) {
	ctx := r.Context()
	err = h.DB.InTx(ctx, func(tx *db.Tx) error {
		u, _, err := auth.UserByEmail(ctx, tx, email)
		known := err == nil
		if err != nil && apperr.CodeOf(err) != apperr.NotFound {
			return err
		}
		link := auth.Link{Email: email}
		if known {
			link.Email, link.UserID = u.Email, u.ID
		}
		secret, ok, err := auth.CreateResetLink(ctx, tx, link, known, now)
		if err != nil || !ok {
			return err
		}
		locale := u.Locale
		if locale == "" {
			locale = lang
		}
		sent = true
		return notify.Send(ctx, tx, notify.Email{To: u.Email, Locale: locale, Key: "email.reset",
			Args: []any{"link", h.Link("/password/reset/" + secret)}})
	})
	return sent && err == nil, err
}

func (h *Handlers) resetForm(w http.ResponseWriter, r *http.Request) error {
	if _, err := auth.PeekLink(r.Context(), h.DB, auth.LinkPasswordReset, r.PathValue("token"), h.Clock()); err != nil {
		return h.Render.PageStatus(w, r, http.StatusNotFound, "signin/link_invalid", &web.View{})
	}
	return h.Render.Page(w, r, "signin/reset", &web.View{})
}

// reset sets the new password and ends every session of the account: if
// someone else had got in, they are out now.
func (h *Handlers) reset(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx, now := r.Context(), h.Clock()
	l := web.Localizer(r)
	password := r.PostFormValue("password")
	if key := auth.PasswordProblem(password); key != "" {
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "signin/reset",
			&web.View{Errors: map[string]string{"password": l.T(key, "min", auth.MinPasswordLength)}})
	}
	if password != r.PostFormValue("confirm") {
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "signin/reset",
			&web.View{Errors: map[string]string{"confirm": l.T("validation.password_confirm")}})
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	var userID int64
	err = h.DB.InTx(ctx, func(tx *db.Tx) error {
		link, err := auth.UseLink(ctx, tx, auth.LinkPasswordReset, r.PathValue("token"), now)
		if err != nil {
			return err
		}
		userID = link.UserID
		if err := auth.SetPassword(ctx, tx, userID, hash, now); err != nil {
			return err
		}
		if err := auth.DeleteOtherSessions(ctx, tx, userID, 0); err != nil {
			return err
		}
		u, err := auth.UserByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, auth.NewPrincipal(auth.Principal{User: u}, nil), 0, "password_reset", "user", itoa(userID), nil, now)
	})
	if apperr.CodeOf(err) == apperr.NotFound {
		return h.Render.PageStatus(w, r, http.StatusNotFound, "signin/link_invalid", &web.View{})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("signin.password_reset_done"))
	web.Redirect(w, r, "/login")
	return nil
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
