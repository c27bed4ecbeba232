package auth

import (
	"context"
	"slices"
)

// User is a person who signs in. One identity across brands.
type User struct {
	ID              int64
	Email           string
	Name            string
	Locale          string
	IsPlatformAdmin bool
}

// Principal is who a request acts as, in which brand, with which
// permissions. It comes from a session or an API token, never from the
// request body.
type Principal struct {
	User      *User // nil for API tokens
	TokenID   int64 // 0 for sessions
	TokenName string
	SessionID int64
	BrandID   int64 // 0 when the user has no brand yet
	BrandSlug string
	BrandName string
	Role      Role // the role in BrandID; PlatformAdmin for admins
	perms     []Permission
}

// NewPrincipal builds a principal with an explicit permission list.
func NewPrincipal(p Principal, perms []Permission) *Principal {
	p.perms = slices.Clone(perms)
	return &p
}

// Can reports whether the principal holds permission perm in its brand.
func (p *Principal) Can(perm Permission) bool {
	return p != nil && slices.Contains(p.perms, perm)
}

// Permissions returns the permissions held.
func (p *Principal) Permissions() []Permission { return slices.Clone(p.perms) }

// ActorLabel names the principal in the audit log.
func (p *Principal) ActorLabel() string {
	switch {
	case p == nil:
		return "system"
	case p.User != nil:
		return p.User.Email
	default:
		return "token:" + p.TokenName
	}
}

// UserID returns the user's id or 0 for a token.
func (p *Principal) UserID() int64 {
	if p == nil || p.User == nil {
		return 0
	}
	return p.User.ID
}

type principalKey struct{}

// WithPrincipal stores p in the context.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the request's principal, or nil.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
