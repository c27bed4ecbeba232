package applications

import (
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// Service holds the rules of applications: submission, scoring and
// decisions. Creator changes go through the creator service.
type Service struct {
	DB       *db.DB
	Creators *creator.Service
	Now      func() time.Time
	// Wake nudges the job workers after a commit that queued email.
	Wake func()
}

// NewService returns a service over d.
func NewService(d *db.DB, now func() time.Time, wake func()) *Service {
	if now == nil {
		now = time.Now
	}
	if wake == nil {
		wake = func() {}
	}
	return &Service{DB: d, Creators: creator.NewService(d, now), Now: now, Wake: wake}
}

// pagePrincipal is who acts for the public application page: no person,
// named in the audit log and stage history as the page.
func pagePrincipal(brandID int64) *auth.Principal {
	return auth.NewPrincipal(auth.Principal{BrandID: brandID, TokenName: "application-page"}, nil)
}

func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
