package web

import (
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
)

// checkAccess applies a route's access rule to the request's principal.
// Unauthenticated requests are Unauthorized (pages redirect to sign-in);
// authenticated ones without the permission are Forbidden.
func checkAccess(route Route, p *auth.Principal) error {
	switch route.Access {
	case Public:
		return nil
	case SignedIn:
		if p == nil {
			return apperr.New(apperr.Unauthorized, "Sign in to continue.")
		}
		return nil
	}
	if p == nil {
		return apperr.New(apperr.Unauthorized, "Sign in to continue.")
	}
	// Platform-wide permissions work with no brand yet.
	needsBrand := route.Perm != auth.BrandsManage && route.Perm != auth.KBWrite
	if (needsBrand && p.BrandID == 0) || !p.Can(route.Perm) {
		if p.TokenID != 0 {
			return apperr.New(apperr.Forbidden, "This token lacks the scope %s.", route.Perm)
		}
		return apperr.New(apperr.Forbidden, "Your role does not allow this (it needs %s).", route.Perm)
	}
	return nil
}
