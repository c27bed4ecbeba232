package team

import (
	"net/http"
	"net/mail"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/notify"
	"github.com/rosterhq/roster/internal/web"
)

// invite emails a one-time link that lets the person join the brand with
// the chosen role (creating their account if they have none).
func (h *Handlers) invite(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	ctx, now := r.Context(), h.Clock()
	email := auth.NormalizeEmail(r.PostFormValue("email"))
	role := auth.Role(r.PostFormValue("role"))
	errs := map[string]string{}
	if email == "" {
		errs["email"] = l.T("validation.required")
	} else if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		errs["email"] = l.T("validation.invalid_email")
	}
	if !canAssign(p, role) {
		errs["role"] = l.T("validation.choose_from_list")
	}
	if len(errs) == 0 {
		if u, _, err := auth.UserByEmail(ctx, h.DB, email); err == nil {
			if _, err := brand.RoleOf(ctx, h.DB, p.BrandID, u.ID); err == nil {
				errs["email"] = l.T("team.already_member")
			}
		}
	}
	if len(errs) > 0 {
		return h.renderList(w, r, http.StatusUnprocessableEntity, errs, web.FormValues(r))
	}
	locale := l.Lang()
	if u, _, err := auth.UserByEmail(ctx, h.DB, email); err == nil && u.Locale != "" {
		locale = u.Locale
	}
	inviter := p.User.Name
	if inviter == "" {
		inviter = p.User.Email
	}
	err := h.DB.InTx(ctx, func(tx *db.Tx) error {
		secret, err := auth.CreateLink(ctx, tx, auth.Link{Kind: auth.LinkInvite, Email: email, BrandID: p.BrandID, Role: role, CreatedBy: p.UserID()}, auth.InviteTTL, now)
		if err != nil {
			return err
		}
		if err := notify.Send(ctx, tx, notify.Email{BrandID: p.BrandID, To: email, Locale: locale, Key: "email.invite",
			Args: []any{"inviter", inviter, "brand", p.BrandName, "link", h.Link("/invite/" + secret)}}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "invite", "member", email, map[string]audit.Change{"role": {To: string(role)}}, now)
	})
	if err != nil {
		return err
	}
	h.WakeJobs()
	web.SetFlash(w, l.T("team.invited", "email", email))
	web.Redirect(w, r, "/team")
	return nil
}
