package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/invite"
)

// Invitations and their templates, for the tenant and role walks. The
// portal's routes name their id {invitation}: they answer to the
// creator's own portal session, and portal_test.go tests them.
func init() {
	idMakers["/invitations/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		env.Advance(1)
		p := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: w.Brand.ID, BrandName: w.Brand.Name}, nil)
		c, err := creator.NewService(env.DB, env.Now).Create(context.Background(), p, creator.Fields{
			DisplayName: fmt.Sprintf("Invitee %d", env.Now().UnixNano()), Email: fmt.Sprintf("invitee%d@example.test", env.Now().UnixNano())})
		if err != nil {
			t.Fatal(err)
		}
		return inviteCreators(t, env, w, newTemplate(t, env, w), c.ID)[0]
	}
	idMakers["/invitation-templates/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		return newTemplate(t, env, w)
	}
}

// newTemplate makes a template of world w with English and Spanish texts.
func newTemplate(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
	t.Helper()
	env.Advance(1)
	tpl := &invite.Template{Name: fmt.Sprintf("Template %d", env.Now().UnixNano()), FollowupDays: 4, MaxFollowups: 2,
		Texts: map[string]invite.Text{
			"en": {Locale: "en", Subject: "{brand_name} would love to work with you", Body: "Hi {creator_name},\n\n{sender_name} of {brand_name} invites you. Answer here: {accept_link}\nYour portal: {portal_link}"},
			"es": {Locale: "es", Subject: "A {brand_name} le encantaría trabajar contigo", Body: "Hola, {creator_name}:\n\n{sender_name}, de {brand_name}, te invita. Responde aquí: {accept_link}\nTu portal: {portal_link}"},
		}}
	svc := invite.NewService(env.Deps, creator.NewService(env.DB, env.Now))
	if err := svc.SaveTemplate(context.Background(), staff(env, w), tpl, "en"); err != nil {
		t.Fatal(err)
	}
	return tpl.ID
}

// inviteCreators sends invitations as world w's community manager.
func inviteCreators(t *testing.T, env *apptest.Env, w *apptest.World, templateID int64, ids ...int64) []int64 {
	t.Helper()
	svc := invite.NewService(env.Deps, creator.NewService(env.DB, env.Now))
	res, err := svc.Send(context.Background(), staff(env, w), templateID, ids)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, inv := range res.Invitations {
		out = append(out, inv.ID)
	}
	if len(out) == 0 {
		t.Fatalf("no invitation made: %+v", res.Skipped)
	}
	return out
}

// staff is world w's community manager as a principal.
func staff(env *apptest.Env, w *apptest.World) *auth.Principal {
	u := w.Users[auth.CommunityManager]
	return auth.NewPrincipal(auth.Principal{User: u, BrandID: w.Brand.ID, BrandName: w.Brand.Name, Role: auth.CommunityManager},
		auth.PermissionsOf(auth.CommunityManager))
}
