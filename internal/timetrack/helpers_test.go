package timetrack

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
)

// fixture is a brand with people in given roles and a settable clock.
type fixture struct {
	t      *testing.T
	d      *db.DB
	brand  *brand.Brand
	now    time.Time
	svc    *Service
	people map[string]*auth.Principal // by email local part
}

func newFixture(t *testing.T, d *db.DB, now time.Time) *fixture {
	t.Helper()
	f := &fixture{t: t, d: d, now: now, people: map[string]*auth.Principal{}}
	b, err := brand.Create(context.Background(), d, "Acme", fmt.Sprintf("acme-%d", now.UnixNano()%100000), now)
	if err != nil {
		t.Fatal(err)
	}
	f.brand = b
	f.svc = &Service{DB: d, Now: func() time.Time { return f.now }}
	f.svc.Alerts = func(ctx context.Context, brandID int64, month string) error {
		return CheckAlerts(ctx, d, f.svc.Now, brandID, month)
	}
	return f
}

// person adds a member of the brand in role and returns their principal.
func (f *fixture) person(name string, role auth.Role) *auth.Principal {
	f.t.Helper()
	ctx := context.Background()
	u, err := auth.CreateUser(ctx, f.d, name+"@acme.test", name, "x", "en", false, f.now)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := brand.SetMember(ctx, f.d, f.brand.ID, u.ID, role, f.now); err != nil {
		f.t.Fatal(err)
	}
	p := auth.NewPrincipal(auth.Principal{User: u, BrandID: f.brand.ID, Role: role}, auth.PermissionsOf(role))
	f.people[name] = p
	return p
}
