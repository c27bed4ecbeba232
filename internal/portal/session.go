package portal

import (
	"context"
	"net/http"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// Portal sessions are separate from staff sessions: their own table, their
// own cookie scoped to /portal, stored as hashes.
const (
	CookieName    = "roster_portal"
	SessionTTL    = 30 * 24 * time.Hour
	sessionPrefix = auth.PortalSessionPrefix
)

func createSession(ctx context.Context, tx *db.Tx, identityID int64, now time.Time) (string, error) {
	secret := auth.NewSecret(sessionPrefix)
	_, err := tx.ExecContext(ctx, `INSERT INTO portal_sessions (token_hash, identity_id, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`, auth.HashSecret(secret), identityID, now.UnixMilli(), now.UnixMilli(), now.Add(SessionTTL).UnixMilli())
	return secret, err
}

func identityBySession(ctx context.Context, q db.Querier, secret string, now time.Time) (*Identity, error) {
	return scanIdentity(q.QueryRowContext(ctx, `SELECT `+prefixed("i.", identityColumns)+` FROM portal_sessions s
		JOIN creator_identities i ON i.id = s.identity_id WHERE s.token_hash = ? AND s.expires_at > ?`,
		auth.HashSecret(secret), now.UnixMilli()))
}

func deleteSession(ctx context.Context, q db.Querier, secret string) error {
	_, err := q.ExecContext(ctx, `DELETE FROM portal_sessions WHERE token_hash = ?`, auth.HashSecret(secret))
	return err
}

func setCookie(w http.ResponseWriter, d *web.Deps, secret string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: secret, Path: "/portal", HttpOnly: true,
		Secure: d.Config.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

// Current returns the signed-in creator of a request, or nil.
func Current(r *http.Request, d *web.Deps) (*Identity, error) {
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	id, err := identityBySession(r.Context(), d.DB, c.Value, d.Clock())
	if err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	return id, nil
}

// signedIn wraps a portal page: without a live portal session it answers
// 303 to /portal (the sign-in form), keeping where the creator wanted to go.
func (h *handlers) signedIn(next func(w http.ResponseWriter, r *http.Request, me *Identity) error) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, err := Current(r, h.Deps)
		if err != nil {
			return err
		}
		if me == nil {
			to := "/portal"
			if r.Method == http.MethodGet {
				to += "?next=" + queryEscape(r.URL.RequestURI())
			}
			web.Redirect(w, r, to)
			return nil
		}
		return next(w, r, me)
	}
}
