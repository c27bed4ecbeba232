// Package demo fills an empty database with a realistic brand, one user
// per role and a network of creators, so a newcomer sees a living product
// at once. It never touches a database that already has data.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// Password is every demo user's password. The demo is for trying Roster
// on one's own machine; it is printed at start and in the README.
const Password = "roster-demo-password"

// CreatorCount is how many creators the demo brand gets.
const CreatorCount = 500

// User is a demo sign-in.
type User struct {
	Email string
	Role  auth.Role
}

// Result says what was created.
type Result struct {
	BrandName  string
	BrandSlug  string
	Creators   int
	Applicants int
	Password   string
	Users      []User
}

var people = []struct {
	email, name string
	role        auth.Role
}{
	{"admin@example.com", "Ada Admin", auth.PlatformAdmin},
	{"am@example.com", "Marco Account", auth.AccountManager},
	{"exec@example.com", "Elena Executive", auth.BrandExecutive},
	{"cm@example.com", "Camila Community", auth.CommunityManager},
	{"viewer@example.com", "Victor Viewer", auth.Viewer},
}

// Seed creates the demo data on an empty database and returns what it
// made; on a database with any brand it does nothing and returns nil.
func Seed(ctx context.Context, d *db.DB, now time.Time) (*Result, error) {
	var brands int
	if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM brands`).Scan(&brands); err != nil {
		return nil, err
	}
	if brands > 0 {
		return nil, nil
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return nil, err
	}
	res := &Result{Password: Password}
	store := creator.NewStore(d)
	actor := auth.NewPrincipal(auth.Principal{TokenName: "demo"}, nil)
	err = d.InTx(ctx, func(tx *db.Tx) error {
		b, err := brand.Create(ctx, tx, "Lumen & Pine Outdoor", "lumen-pine", now)
		if err != nil {
			return err
		}
		other, err := brand.Create(ctx, tx, "Solace Skincare", "solace", now)
		if err != nil {
			return err
		}
		res.BrandName, res.BrandSlug = b.Name, b.Slug
		var cmID int64
		for _, p := range people {
			u, err := auth.CreateUser(ctx, tx, p.email, p.name, hash, "", p.role == auth.PlatformAdmin, now)
			if err != nil {
				return err
			}
			res.Users = append(res.Users, User{Email: u.Email, Role: p.role})
			if p.role == auth.PlatformAdmin {
				continue
			}
			if err := brand.SetMember(ctx, tx, b.ID, u.ID, p.role, now); err != nil {
				return err
			}
			if p.role == auth.AccountManager {
				// Account managers serve several brands: the switcher shows it.
				if err := brand.SetMember(ctx, tx, other.ID, u.ID, p.role, now); err != nil {
					return err
				}
			}
			if p.role == auth.CommunityManager {
				cmID = u.ID
			}
		}
		gen := newGenerator(42)
		for i := 0; i < CreatorCount; i++ {
			f := gen.creator(i, cmID)
			if errs := creator.Validate(&f); len(errs) > 0 {
				return fmt.Errorf("demo creator %d (%s): %v", i, f.DisplayName, errs.Err())
			}
			if _, err := store.Create(ctx, tx, b.ID, f, now.Add(-time.Duration(CreatorCount-i)*37*time.Minute)); err != nil {
				return fmt.Errorf("demo creator %d (%s): %w", i, f.DisplayName, err)
			}
		}
		res.Creators = CreatorCount
		return audit.Record(ctx, tx, actor, b.ID, "seed", "brand", fmt.Sprint(b.ID),
			map[string]audit.Change{"creators": {To: CreatorCount}}, now)
	})
	if err != nil {
		return nil, err
	}
	b, err := brand.BySlug(ctx, d, res.BrandSlug)
	if err != nil {
		return nil, err
	}
	if err := seedRecruiting(ctx, d, b, now); err != nil {
		return nil, err
	}
	if err := seedCampaigns(ctx, d, b, now); err != nil {
		return nil, fmt.Errorf("demo campaigns: %w", err)
	}
	if err := seedInbox(ctx, d, b, now); err != nil {
		return nil, fmt.Errorf("demo inbox: %w", err)
	}
	if err := seedKB(ctx, d, now); err != nil {
		return nil, fmt.Errorf("demo knowledge base: %w", err)
	}
	if err := seedParticipants(ctx, d, b, now); err != nil {
		return nil, fmt.Errorf("demo participants: %w", err)
	}
	if err := seedProgram(ctx, d, b, now); err != nil {
		return nil, fmt.Errorf("demo program: %w", err)
	}
	if err := seedSavedFilters(ctx, d, b, now); err != nil {
		return nil, fmt.Errorf("demo saved filters: %w", err)
	}
	if err := seedTickets(ctx, d, b, now); err != nil {
		return nil, fmt.Errorf("demo tickets: %w", err)
	}
	res.Applicants = ApplicantCount
	return res, nil
}
