package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/inbox"
)

// Inbox threads and canned answers, for the tenant, role and scope walks.
// The portal's message routes name their id {thread}: they answer to the
// creator's own portal session and inbox_test.go tests them.
func init() {
	newThread := func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		return askInbox(t, env, w, "Question").ID
	}
	idMakers["/inbox/threads/"] = newThread
	idMakers["/api/v1/threads/"] = newThread
	idMakers["/inbox/canned/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		env.Advance(1)
		c := &inbox.Canned{Locale: "en", Title: fmt.Sprintf("Answer %d", env.Now().UnixNano()), Body: "Hi {creator_first_name}, thanks!"}
		if err := inbox.NewService(env.Deps).SaveCanned(context.Background(), staff(env, w), c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
}

// askInbox starts a thread as world w's creator, from the portal.
func askInbox(t *testing.T, env *apptest.Env, w *apptest.World, subject string) *inbox.Thread {
	t.Helper()
	env.Advance(1)
	c := w.Creator
	th, err := inbox.NewService(env.Deps).Start(context.Background(), w.Brand.ID,
		inbox.CreatorAuthor(c.Email, c.DisplayName, w.Brand.ID, inbox.ChannelPortal),
		inbox.NewThread{CreatorID: c.ID, Subject: subject, Body: "Secret subject of " + w.Brand.Name})
	if err != nil {
		t.Fatal(err)
	}
	return th
}
