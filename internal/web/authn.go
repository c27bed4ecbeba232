package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "roster_session"

// authenticate attaches the principal: from a bearer token on /api/, from
// the session cookie elsewhere. A bad token is refused at once; a missing
// or stale session just leaves the request anonymous.
func (d *Deps) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p *auth.Principal
		var err error
		if isAPI(r) {
			p, err = d.principalFromToken(r)
			if err != nil {
				api.WriteProblem(w, err)
				return
			}
		} else if c, cerr := r.Cookie(SessionCookie); cerr == nil && c.Value != "" {
			p, err = d.principalFromSession(r.Context(), c.Value)
			if err != nil && apperr.CodeOf(err) == "" {
				d.Log.Error("load session", "err", err, "request_id", RequestID(r.Context()))
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			}
		}
		if p != nil {
			r = r.WithContext(auth.WithPrincipal(r.Context(), p))
		}
		next.ServeHTTP(w, r)
	})
}

func (d *Deps) principalFromToken(r *http.Request) (*auth.Principal, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, nil
	}
	scheme, secret, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
		return nil, apperr.New(apperr.Unauthorized, "Send the API token as: Authorization: Bearer <token>.")
	}
	ctx := r.Context()
	t, err := auth.TokenBySecret(ctx, d.DB, strings.TrimSpace(secret))
	if err != nil {
		return nil, err
	}
	b, err := brand.ByID(ctx, d.DB, t.BrandID)
	if err != nil {
		return nil, err
	}
	if err := auth.MarkTokenUsed(ctx, d.DB, t, d.Clock()); err != nil {
		d.Log.Warn("mark token used", "err", err)
	}
	return auth.NewPrincipal(auth.Principal{TokenID: t.ID, TokenName: t.Name, BrandID: b.ID, BrandSlug: b.Slug, BrandName: b.Name}, t.Scopes), nil
}

// principalFromSession resolves a session to its user and current brand.
// The brand stored on the session is re-checked against the user's
// memberships on every request, so removing someone takes effect at once.
func (d *Deps) principalFromSession(ctx context.Context, secret string) (*auth.Principal, error) {
	now := d.Clock()
	s, err := auth.SessionBySecret(ctx, d.DB, secret, now)
	if err != nil {
		return nil, err
	}
	u, err := auth.UserByID(ctx, d.DB, s.UserID)
	if err != nil {
		return nil, err
	}
	if err := auth.TouchSession(ctx, d.DB, s, now); err != nil {
		d.Log.Warn("touch session", "err", err)
	}
	base := auth.Principal{User: u, SessionID: s.ID}
	var current *brand.Brand
	var role auth.Role
	if u.IsPlatformAdmin {
		role = auth.PlatformAdmin
		if s.BrandID != 0 {
			current, _ = brand.ByID(ctx, d.DB, s.BrandID)
		}
		if current == nil {
			if all, err := brand.All(ctx, d.DB); err == nil && len(all) > 0 {
				current = &all[0]
			}
		}
	} else {
		ms, err := brand.ForUser(ctx, d.DB, u.ID)
		if err != nil {
			return nil, err
		}
		for i, m := range ms {
			if m.Brand.ID == s.BrandID || (current == nil && i == 0) {
				current, role = &ms[i].Brand, m.Role
			}
		}
	}
	if current == nil {
		base.Role = role
		return auth.NewPrincipal(base, auth.PermissionsOf(role)), nil
	}
	base.BrandID, base.BrandSlug, base.BrandName, base.Role = current.ID, current.Slug, current.Name, role
	return auth.NewPrincipal(base, auth.PermissionsOf(role)), nil
}
