package apptest

import (
	"context"
	"fmt"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/mail"
)

// World is one brand with a person in every role, a creator, an API token
// with every scope and an email in its outbox.
type World struct {
	Brand   *brand.Brand
	Users   map[auth.Role]*auth.User
	Creator *creator.Creator
	Token   string // secret, every token scope
	TokenID int64
	MailID  int64
}

// NewWorld builds a World named name; emails are role@<slug>.test.
func (e *Env) NewWorld(name string) *World {
	e.T.Helper()
	ctx := context.Background()
	w := &World{Brand: e.Brand(name), Users: map[auth.Role]*auth.User{}}
	for _, r := range auth.MembershipRoles {
		w.Users[r] = e.User(fmt.Sprintf("%s@%s.test", r, w.Brand.Slug), w.Brand.ID, r)
	}
	svc := creator.NewService(e.DB, e.Now)
	owner := w.Users[auth.CommunityManager].ID
	c, err := svc.Create(ctx, auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: w.Brand.ID}, nil), creator.Fields{
		DisplayName: "Secret Creator of " + name, Email: "star@" + w.Brand.Slug + ".test", Country: "US", Languages: []string{"en"},
		Tags: []string{"secret-" + w.Brand.Slug}, Stage: "active", OwnerUserID: &owner,
		SocialAccounts: []creator.SocialAccountInput{{Platform: "instagram", Handle: "star_" + w.Brand.Slug, Followers: 12000, EngagementRate: 3.5}},
	})
	if err != nil {
		e.T.Fatal(err)
	}
	w.Creator = c
	secret, tok, err := auth.CreateToken(ctx, e.DB, w.Brand.ID, "fixture", auth.TokenScopes, 0, e.Now())
	if err != nil {
		e.T.Fatal(err)
	}
	w.Token, w.TokenID = secret, tok.ID
	bid := w.Brand.ID
	if w.MailID, err = mail.Enqueue(ctx, e.DB, mail.Message{BrandID: &bid, Kind: "test", To: "someone@" + w.Brand.Slug + ".test",
		Subject: "Secret subject of " + name, Body: "secret body", Locale: "en"}); err != nil {
		e.T.Fatal(err)
	}
	return w
}
