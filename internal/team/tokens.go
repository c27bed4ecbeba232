package team

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

type tokensView struct {
	Tokens []auth.Token
	Scopes []auth.Permission
	Secret string // the new token, shown once
}

func (h *Handlers) tokens(w http.ResponseWriter, r *http.Request) error {
	return h.renderTokens(w, r, http.StatusOK, "", nil, nil)
}

func (h *Handlers) renderTokens(w http.ResponseWriter, r *http.Request, status int, secret string, errs, form map[string]string) error {
	p := auth.FromContext(r.Context())
	list, err := auth.ListTokens(r.Context(), h.DB, p.BrandID)
	if err != nil {
		return err
	}
	var scopes []auth.Permission
	for _, s := range auth.TokenScopes {
		if p.Can(s) {
			scopes = append(scopes, s)
		}
	}
	return h.Render.PageStatus(w, r, status, "team/tokens", &web.View{Nav: "tokens", Errors: errs, Form: form,
		Data: tokensView{Tokens: list, Scopes: scopes, Secret: secret}})
}

// createToken shows the secret once, on the response to the post; only
// its hash is kept.
func (h *Handlers) createToken(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	name := r.PostFormValue("name")
	var scopes []auth.Permission
	for _, s := range r.PostForm["scopes"] {
		scopes = append(scopes, auth.Permission(s))
	}
	if f := auth.ValidateTokenRequest(name, scopes, p); len(f) > 0 {
		return h.renderTokens(w, r, http.StatusUnprocessableEntity, "", web.FieldErrors(l, f.Err()), web.FormValues(r))
	}
	now := h.Clock()
	var secret string
	err := h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		var t *auth.Token
		var err error
		secret, t, err = auth.CreateToken(r.Context(), tx, p.BrandID, name, scopes, p.UserID(), now)
		if err != nil {
			return err
		}
		return audit.Record(r.Context(), tx, p, p.BrandID, "create", "token", strconv.FormatInt(t.ID, 10),
			map[string]audit.Change{"name": {To: t.Name}, "scopes": {To: t.Scopes}}, now)
	})
	if err != nil {
		return err
	}
	return h.renderTokens(w, r, http.StatusCreated, secret, nil, nil)
}

func (h *Handlers) revokeToken(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	now := h.Clock()
	err = h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		t, err := auth.RevokeToken(r.Context(), tx, p.BrandID, id, now)
		if err != nil {
			return err
		}
		return audit.Record(r.Context(), tx, p, p.BrandID, "revoke", "token", strconv.FormatInt(t.ID, 10),
			map[string]audit.Change{"name": {From: t.Name}}, now)
	})
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("tokens.revoked"))
	web.Redirect(w, r, "/tokens")
	return nil
}
