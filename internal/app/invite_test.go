package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/inbox"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/jobs"
)

// inviteQueue is a job queue on the test clock running only the
// invitation jobs.
func inviteQueue(env *apptest.Env) *jobs.Queue {
	q := jobs.New(env.DB, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Config{Now: env.Now})
	invite.RegisterJobs(q, env.Deps)
	return q
}

// drain runs every due job.
func drain(t *testing.T, q *jobs.Queue) {
	t.Helper()
	for {
		ran, err := q.Work(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return
		}
	}
}

func newCreator(t *testing.T, env *apptest.Env, w *apptest.World, name, email string, langs ...string) *creator.Creator {
	t.Helper()
	p := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: w.Brand.ID}, nil)
	c, err := creator.NewService(env.DB, env.Now).Create(context.Background(), p,
		creator.Fields{DisplayName: name, Email: email, Languages: langs, Stage: "prospect"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestInvitationEmailInCreatorsLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		lucia := newCreator(t, env, w, "Lucía Pérez", "lucia@example.test", "es-MX")
		tpl := newTemplate(t, env, w)
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		// Through the page the Invite button leads to.
		if res := cm.Get("/invitations/new?ids=" + strconv.FormatInt(lucia.ID, 10)); res.Status != 200 || !strings.Contains(res.Body, "Lucía Pérez") {
			t.Fatalf("new: %d", res.Status)
		}
		res := cm.PostForm("/invitations", url.Values{"ids": {strconv.FormatInt(lucia.ID, 10)}, "template_id": {strconv.FormatInt(tpl, 10)}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("send: %d %s", res.Status, res.Body)
		}
		subject, body, locale, _ := lastEmail(t, d, "lucia@example.test")
		if locale != "es" || subject != "A Alpha le encantaría trabajar contigo" {
			t.Errorf("subject %q in %s", subject, locale)
		}
		for _, want := range []string{"Hola, Lucía Pérez:", "de Alpha, te invita", env.Server.URL + "/portal?email=lucia%40example.test&next=%2Fportal%2Finvitations%2F"} {
			if !strings.Contains(body, want) {
				t.Errorf("body lacks %q:\n%s", want, body)
			}
		}
		if strings.Contains(body, "{") {
			t.Errorf("an unfilled merge field:\n%s", body)
		}
		if c, _ := creator.NewStore(d).Get(context.Background(), d, w.Brand.ID, lucia.ID); c.Stage != "invited" {
			t.Errorf("stage %s, want invited", c.Stage)
		}
		// A second invitation while one is open is skipped.
		api := env.API(w.Token, "POST", "/api/v1/invitations", fmt.Sprintf(`{"template_id":%d,"creator_ids":[%d]}`, tpl, lucia.ID))
		if api.Status != http.StatusCreated || !strings.Contains(api.Body, `"already_invited"`) {
			t.Errorf("API resend: %d %s", api.Status, api.Body)
		}
		if res := env.API(w.Token, "POST", "/api/v1/invitations", `{"template_id":999999,"creator_ids":[1]}`); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("unknown template: %d", res.Status)
		}
		list := env.API(w.Token, "GET", "/api/v1/invitations?status=pending", "")
		if list.Status != 200 || !strings.Contains(list.Body, `"creator_name":"Lucía Pérez"`) || !strings.Contains(list.Body, `"locale":"es"`) {
			t.Errorf("list: %d %s", list.Status, list.Body)
		}
		if res := env.API(w.Token, "GET", "/api/v1/invitations?status=nope", ""); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad status filter: %d", res.Status)
		}
	})
}

func TestInvitationFollowupsStopOnAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		q := inviteQueue(env)
		tpl := newTemplate(t, env, w)
		quiet := newCreator(t, env, w, "Quiet One", "quiet@example.test", "en")
		eager := newCreator(t, env, w, "Eager One", "eager@example.test", "en")
		ids := inviteCreators(t, env, w, tpl, quiet.ID, eager.ID)

		env.Advance(3 * 24 * time.Hour)
		drain(t, q)
		if _, _, _, n := lastEmail(t, d, "quiet@example.test"); n != 1 {
			t.Fatalf("%d emails before the fourth day", n)
		}
		// The eager creator accepts in the portal before the follow-up.
		star := portalSignIn(t, env, "eager@example.test")
		if res := star.PostForm("/portal/invitations/"+strconv.FormatInt(ids[1], 10)+"/accept", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("accept: %d", res.Status)
		}
		env.Advance(24*time.Hour + time.Minute)
		drain(t, q)
		subject, body, _, n := lastEmail(t, d, "quiet@example.test")
		if n != 2 || !strings.HasPrefix(subject, "Reminder: ") || !strings.Contains(body, "following up") {
			t.Errorf("follow-up: %d emails, last %q", n, subject)
		}
		if _, _, _, n := lastEmail(t, d, "eager@example.test"); n != 2 { // the invitation and the sign-in link
			t.Errorf("the creator who accepted got %d emails", n)
		}
		// Second follow-up, then expiry after the last.
		env.Advance(4*24*time.Hour + time.Minute)
		drain(t, q)
		if _, _, _, n := lastEmail(t, d, "quiet@example.test"); n != 3 {
			t.Errorf("%d emails after the second follow-up", n)
		}
		env.Advance(4*24*time.Hour + time.Minute)
		drain(t, q)
		if _, _, _, n := lastEmail(t, d, "quiet@example.test"); n != 3 {
			t.Errorf("%d emails: more than two follow-ups", n)
		}
		if s := invitationStatus(t, d, ids[0]); s != invite.Expired {
			t.Errorf("unanswered invitation is %s, want expired", s)
		}
		if s := invitationStatus(t, d, ids[1]); s != invite.Accepted {
			t.Errorf("accepted invitation is %s", s)
		}
	})
}

func TestInvitationMarkRepliedAndStop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		q := inviteQueue(env)
		tpl := newTemplate(t, env, w)
		a := newCreator(t, env, w, "Replier", "replier@example.test")
		b := newCreator(t, env, w, "Stopped", "stopped@example.test")
		ids := inviteCreators(t, env, w, tpl, a.ID, b.ID)
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		if res := cm.PostForm(fmt.Sprintf("/invitations/%d/replied", ids[0]), nil); res.Status != http.StatusSeeOther {
			t.Fatalf("replied: %d", res.Status)
		}
		if res := cm.PostForm(fmt.Sprintf("/invitations/%d/stop", ids[1]), nil); res.Status != http.StatusSeeOther {
			t.Fatalf("stop: %d", res.Status)
		}
		env.Advance(10 * 24 * time.Hour)
		drain(t, q)
		for _, to := range []string{"replier@example.test", "stopped@example.test"} {
			if _, _, _, n := lastEmail(t, d, to); n != 1 {
				t.Errorf("%s got %d emails, want only the invitation", to, n)
			}
		}
		if s := invitationStatus(t, d, ids[0]); s != invite.Pending {
			t.Errorf("replied invitation is %s, want still pending (it can be answered)", s)
		}
		if res := cm.Get("/invitations"); res.Status != 200 || !strings.Contains(res.Body, "Replier") {
			t.Errorf("list: %d", res.Status)
		}
	})
}

// TestInvitationFollowupsStopOnAnInboxMessage: a creator who writes to
// the brand in the inbox, from the portal or by email, has answered, so
// the invitation's follow-ups stop (it stays open to accept or decline),
// in the message's transaction, and the audit log says who; a creator who
// says nothing is followed up.
func TestInvitationFollowupsStopOnAnInboxMessage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := apptest.New(t, d)
		inboundEnv(env)
		w := env.NewWorld("Alpha")
		q := inviteQueue(env)
		tpl := newTemplate(t, env, w)
		byPortal := newCreator(t, env, w, "Portal Writer", "portal@example.test", "en")
		byEmail := newCreator(t, env, w, "Mail Writer", "mail@example.test", "en")
		quiet := newCreator(t, env, w, "Quiet One", "quiet@example.test", "en")
		ids := inviteCreators(t, env, w, tpl, byPortal.ID, byEmail.ID, quiet.ID)

		// From the portal: a conversation of their own.
		c := portalSignIn(t, env, "portal@example.test")
		if res := c.PostForm("/portal/messages", url.Values{"brand": {strconv.FormatInt(w.Brand.ID, 10)}, "subject": {"Rates"},
			"body": {"Happy to talk: what is the fee?"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("portal message: %d %s", res.Status, res.Body)
		}
		// By email: the answer to a team message, through the webhook.
		th, err := inbox.NewService(env.Deps).Start(ctx, w.Brand.ID, inbox.TeamAuthor(staff(env, w), inbox.ChannelWeb),
			inbox.NewThread{CreatorID: byEmail.ID, Subject: "Hello", Body: "Did you see our invitation?"})
		if err != nil {
			t.Fatal(err)
		}
		if res := postInbound(t, env, inboundKey, "tok-invite", env.Now(), map[string]string{"recipient": "reply+" + th.ReplyToken + "@in.roster.test",
			"sender": "mail@example.test", "body-plain": "Yes! Tell me more."}); res.Status != http.StatusOK {
			t.Fatalf("inbound reply: %d %s", res.Status, res.Body)
		}

		for range 2 { // each follow-up books the next four days on
			env.Advance(5 * 24 * time.Hour)
			drain(t, q)
		}
		reminders := func(to string) int {
			return inboxCount(t, d, `SELECT COUNT(*) FROM outbox WHERE to_addr = ? AND subject LIKE 'Reminder: %'`, to)
		}
		if n := reminders("quiet@example.test"); n != 2 {
			t.Errorf("the quiet creator got %d follow-ups, want 2", n)
		}
		for i, who := range []string{"portal@example.test", "mail@example.test"} {
			if n := reminders(who); n != 0 {
				t.Errorf("%s wrote in the inbox and still got %d follow-ups", who, n)
			}
			inv, err := invite.Get(ctx, d, w.Brand.ID, ids[i])
			if err != nil || inv.Status != invite.Pending || inv.RepliedAt == nil || inv.NextFollowupAt != nil {
				t.Errorf("%s's invitation after the message: %+v %v, want pending, replied, no follow-up due", who, inv, err)
			}
			if n := inboxCount(t, d, `SELECT COUNT(*) FROM audit_events WHERE brand_id = ? AND action = 'replied' AND entity = 'invitation'
				AND entity_id = ? AND actor_label LIKE ?`, w.Brand.ID, strconv.FormatInt(ids[i], 10), "%"+who+"%"); n != 1 {
				t.Errorf("%s: %d audit events of the reply, want 1 naming the creator", who, n)
			}
		}
	})
}

func TestInvitationDailyLimitDefers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		q := inviteQueue(env)
		tpl := newTemplate(t, env, w)
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		if res := cm.PostForm("/invitations/settings", url.Values{"daily_limit": {"2"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("limit: %d", res.Status)
		}
		var ids []int64
		for i := range 3 {
			ids = append(ids, newCreator(t, env, w, fmt.Sprintf("Creator %d", i), fmt.Sprintf("c%d@example.test", i)).ID)
		}
		svc := invite.NewService(env.Deps, creator.NewService(d, env.Now))
		res, err := svc.Send(context.Background(), staff(env, w), tpl, ids)
		if err != nil || res.SentNow != 2 || res.Scheduled != 1 {
			t.Fatalf("send: %+v %v", res, err)
		}
		if _, _, _, n := lastEmail(t, d, "c2@example.test"); n != 0 {
			t.Fatal("the third email went out today")
		}
		if page := cm.Get("/invitations"); !strings.Contains(page.Body, "Creator 2") {
			t.Errorf("the queue does not show the deferred invitation")
		}
		drain(t, q)
		if _, _, _, n := lastEmail(t, d, "c2@example.test"); n != 0 {
			t.Fatal("the deferred email went out before its day")
		}
		next := time.UnixMilli((env.Now().UnixMilli()/86400000 + 1) * 86400000)
		env.Advance(next.Sub(env.Now()) + time.Minute)
		drain(t, q)
		if _, _, _, n := lastEmail(t, d, "c2@example.test"); n != 1 {
			t.Errorf("the deferred email: %d sent on the next day", n)
		}
		var sent int
		_ = d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM invitations WHERE sent_at IS NOT NULL`).Scan(&sent)
		if sent != 3 {
			t.Errorf("%d invitations sent, want 3", sent)
		}
	})
}

func TestInvitationTemplatePage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		res := cm.PostForm("/invitation-templates", url.Values{"name": {"First touch"}, "followup_days": {"4"}, "max_followups": {"2"},
			"subject_en": {"Hi {creator_name}"}, "body_en": {"Hello {nickname}"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "{nickname} is not a merge field") ||
			!strings.Contains(res.Body, `aria-describedby="body_en-error"`) {
			t.Fatalf("bad merge field: %d %s", res.Status, res.Body)
		}
		res = cm.PostForm("/invitation-templates", url.Values{"name": {"First touch"}, "followup_days": {"4"}, "max_followups": {"2"},
			"subject_en": {"Hi {creator_name}"}, "body_en": {"Join {brand_name}: {accept_link}"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("save: %d %s", res.Status, res.Body)
		}
		if page := cm.Get("/invitation-templates"); !strings.Contains(page.Body, "First touch") {
			t.Errorf("templates page lacks the new template")
		}
	})
}
