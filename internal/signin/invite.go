package signin

import (
	"net/http"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

type inviteView struct {
	Email     string
	BrandName string
	Role      auth.Role
	Existing  bool // the email already has an account: no password to set
}

func (h *Handlers) invite(r *http.Request) (*inviteView, error) {
	link, err := auth.PeekLink(r.Context(), h.DB, auth.LinkInvite, r.PathValue("token"), h.Clock())
	if err != nil {
		return nil, err
	}
	b, err := brand.ByID(r.Context(), h.DB, link.BrandID)
	if err != nil {
		return nil, err
	}
	_, _, uerr := auth.UserByEmail(r.Context(), h.DB, link.Email)
	return &inviteView{Email: link.Email, BrandName: b.Name, Role: link.Role, Existing: uerr == nil}, nil
}

func (h *Handlers) inviteForm(w http.ResponseWriter, r *http.Request) error {
	iv, err := h.invite(r)
	if err != nil {
		return h.Render.PageStatus(w, r, http.StatusNotFound, "signin/link_invalid", &web.View{})
	}
	return h.Render.Page(w, r, "signin/invite", &web.View{Data: iv})
}

// acceptInvite joins the invited brand. A new person sets their name and
// password here (the emailed link proves the address); someone with an
// account already just joins and signs in as usual.
func (h *Handlers) acceptInvite(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	iv, err := h.invite(r)
	if err != nil {
		return h.Render.PageStatus(w, r, http.StatusNotFound, "signin/link_invalid", &web.View{})
	}
	ctx, now := r.Context(), h.Clock()
	l := web.Localizer(r)
	name, password := strings.TrimSpace(r.PostFormValue("name")), r.PostFormValue("password")
	if !iv.Existing {
		errs := map[string]string{}
		if name == "" {
			errs["name"] = l.T("validation.required")
		}
		if key := auth.PasswordProblem(password); key != "" {
			errs["password"] = l.T(key, "min", auth.MinPasswordLength)
		}
		if len(errs) > 0 {
			return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "signin/invite",
				&web.View{Data: iv, Errors: errs, Form: map[string]string{"name": name}})
		}
	}
	var userID int64
	err = h.DB.InTx(ctx, func(tx *db.Tx) error {
		link, err := auth.UseLink(ctx, tx, auth.LinkInvite, r.PathValue("token"), now)
		if err != nil {
			return err
		}
		u, _, err := auth.UserByEmail(ctx, tx, link.Email)
		if apperr.CodeOf(err) == apperr.NotFound {
			hash, herr := auth.HashPassword(password)
			if herr != nil {
				return herr
			}
			u, err = auth.CreateUser(ctx, tx, link.Email, name, hash, l.Lang(), false, now)
		}
		if err != nil {
			return err
		}
		userID = u.ID
		if err := brand.SetMember(ctx, tx, link.BrandID, u.ID, link.Role, now); err != nil {
			return err
		}
		actor := auth.NewPrincipal(auth.Principal{User: u}, nil)
		return audit.Record(ctx, tx, actor, link.BrandID, "join", "member", itoa(u.ID),
			map[string]audit.Change{"role": {To: string(link.Role)}, "email": {To: u.Email}}, now)
	})
	if apperr.CodeOf(err) == apperr.NotFound {
		return h.Render.PageStatus(w, r, http.StatusNotFound, "signin/link_invalid", &web.View{})
	}
	if err != nil {
		return err
	}
	if iv.Existing {
		web.SetFlash(w, l.T("signin.invite_joined", "brand", iv.BrandName))
		web.Redirect(w, r, "/login")
		return nil
	}
	if err := h.startSession(w, r, userID); err != nil {
		return err
	}
	web.Redirect(w, r, "/")
	return nil
}
