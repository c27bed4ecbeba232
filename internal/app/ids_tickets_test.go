package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/tickets"
)

// Tickets, and attachments on them, for the tenant, role and scope walks.
func init() {
	newTicket := func(t *testing.T, env *apptest.Env, w *apptest.World, files ...tickets.Upload) *tickets.Ticket {
		env.Advance(1)
		u := w.Users[auth.CommunityManager]
		p := auth.NewPrincipal(auth.Principal{User: u, BrandID: w.Brand.ID, BrandName: w.Brand.Name, Role: auth.CommunityManager},
			auth.PermissionsOf(auth.CommunityManager))
		svc := &tickets.Service{DB: env.DB, Now: env.Now, Link: env.Deps.Link}
		tk, err := svc.Open(context.Background(), p, tickets.NewTicket{
			Subject: fmt.Sprintf("Secret subject of %s %d", w.Brand.Name, env.Now().UnixNano()), Description: "Secret ticket body",
			Priority: "normal", Attachments: files})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	}
	ticketID := func(t *testing.T, env *apptest.Env, w *apptest.World) int64 { return newTicket(t, env, w).ID }
	idMakers["/tickets/"] = ticketID
	idMakers["/tickets/queue/"] = ticketID
	idMakers["/api/v1/tickets/"] = ticketID
	idMakers["/tickets/attachments/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		tk := newTicket(t, env, w, tickets.Upload{Filename: "secret.txt", Data: []byte("Secret subject of " + w.Brand.Name)})
		th, err := tickets.GetThread(context.Background(), env.DB, w.Brand.ID, tk.ID)
		if err != nil || len(th.Attachments) != 1 {
			t.Fatalf("attachment fixture: %+v %v", th, err)
		}
		return th.Attachments[0].ID
	}
}
