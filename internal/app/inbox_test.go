package app_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/inbox"
)

const inboundKey = "test-signing-key"

// inboundEnv configures reply by email on env.
func inboundEnv(env *apptest.Env) {
	env.Deps.Config.InboundDomain = "in.roster.test"
	env.Deps.Config.InboundSigningKey = inboundKey
}

// postInbound posts a message to the webhook the way Mailgun's forward
// does (multipart form), signed with key at the test clock's time.
func postInbound(t *testing.T, env *apptest.Env, key, token string, at time.Time, fields map[string]string) *apptest.Response {
	t.Helper()
	ts := strconv.FormatInt(at.Unix(), 10)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	all := map[string]string{"timestamp": ts, "token": token, "signature": inbox.Sign(key, ts, token)}
	for k, v := range fields {
		all[k] = v
	}
	for k, v := range all {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return env.Anonymous().Do("POST", "/inbound/email", &buf, http.Header{"Content-Type": {mw.FormDataContentType()}})
}

func inboxCount(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestInboundEmailWebhook(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		inboundEnv(env)
		w := env.NewWorld("Acme")
		th := askInbox(t, env, w, "Parcel")
		to := "Acme <reply+" + th.ReplyToken + "@in.roster.test>"
		creator := "Star <" + w.Creator.Email + ">"
		messages := func() int { return inboxCount(t, d, `SELECT COUNT(*) FROM inbox_messages WHERE thread_id = ?`, th.ID) }
		rejects := func(reason string) int {
			return inboxCount(t, d, `SELECT COUNT(*) FROM inbox_inbound_rejects WHERE reason = ?`, reason)
		}

		// Happy path: the creator's reply, quoted text stripped.
		res := postInbound(t, env, inboundKey, "tok-1", env.Now(), map[string]string{"recipient": to, "sender": w.Creator.Email, "from": creator,
			"subject": "Re: Parcel", "body-plain": "It arrived, thanks!\n\nOn Tue, Mar 10, 2026 Acme wrote:\n> Tomorrow."})
		if res.Status != http.StatusOK || messages() != 2 {
			t.Fatalf("happy path: %d %s, %d messages", res.Status, res.Body, messages())
		}
		msgs, _ := inbox.Messages(context.Background(), d, w.Brand.ID, th.ID, 0, 10)
		if last := msgs[len(msgs)-1]; last.Body != "It arrived, thanks!" || last.Channel != inbox.ChannelEmail || last.Author != inbox.ByCreator {
			t.Errorf("stored message: %+v", last)
		}
		// stripped-text, when the provider sends it, wins; a team member
		// who may answer can reply by email too, and the thread waits.
		res = postInbound(t, env, inboundKey, "tok-2", env.Now(), map[string]string{"recipient": to,
			"sender": w.Users[auth.CommunityManager].Email, "body-plain": "Great\n> quoted", "stripped-text": "Great to hear."})
		got, _ := inbox.Get(context.Background(), d, w.Brand.ID, 0, th.ID)
		if res.Status != http.StatusOK || got.Status != inbox.Waiting || got.LastAuthor != inbox.ByTeam {
			t.Fatalf("team reply by email: %d %s, %+v", res.Status, res.Body, got)
		}

		for _, tc := range []struct {
			name, key, token string
			at               time.Time
			fields           map[string]string
			status           int
			reason           string
		}{
			{"bad signature", "wrong-key", "tok-3", env.Now(), map[string]string{"recipient": to, "sender": w.Creator.Email, "body-plain": "x"}, 401, inbox.RejectSignature},
			{"stale", inboundKey, "tok-4", env.Now().Add(-10 * time.Minute), map[string]string{"recipient": to, "sender": w.Creator.Email, "body-plain": "x"}, 401, inbox.RejectStale},
			{"from the future", inboundKey, "tok-5", env.Now().Add(10 * time.Minute), map[string]string{"recipient": to, "sender": w.Creator.Email, "body-plain": "x"}, 401, inbox.RejectStale},
			{"replay", inboundKey, "tok-1", env.Now(), map[string]string{"recipient": to, "sender": w.Creator.Email, "body-plain": "again"}, 409, inbox.RejectReplay},
			{"unknown address", inboundKey, "tok-6", env.Now(), map[string]string{"recipient": "reply+nope@in.roster.test", "sender": w.Creator.Email, "body-plain": "x"}, 406, inbox.RejectAddress},
			{"other domain", inboundKey, "tok-7", env.Now(), map[string]string{"recipient": "reply+" + th.ReplyToken + "@evil.test", "sender": w.Creator.Email, "body-plain": "x"}, 406, inbox.RejectAddress},
			{"wrong sender", inboundKey, "tok-8", env.Now(), map[string]string{"recipient": to, "sender": "mallory@evil.test", "body-plain": "x"}, 406, inbox.RejectSender},
			{"viewer cannot reply", inboundKey, "tok-9", env.Now(), map[string]string{"recipient": to, "sender": w.Users[auth.Viewer].Email, "body-plain": "x"}, 406, inbox.RejectSender},
			{"only a quote", inboundKey, "tok-10", env.Now(), map[string]string{"recipient": to, "sender": w.Creator.Email, "body-plain": "> old"}, 406, inbox.RejectEmpty},
		} {
			before := messages()
			res := postInbound(t, env, tc.key, tc.token, tc.at, tc.fields)
			if res.Status != tc.status || !strings.Contains(res.Body, tc.reason) {
				t.Errorf("%s: %d %q, want %d %s", tc.name, res.Status, res.Body, tc.status, tc.reason)
			}
			if messages() != before {
				t.Errorf("%s: a message was added", tc.name)
			}
		}
		if rejects(inbox.RejectSender) != 2 || rejects(inbox.RejectAddress) != 2 {
			t.Errorf("recorded rejections: sender %d, address %d", rejects(inbox.RejectSender), rejects(inbox.RejectAddress))
		}
		if n := inboxCount(t, d, `SELECT COUNT(*) FROM audit_events WHERE action = 'inbound_rejected' AND brand_id = ?`, w.Brand.ID); n != 3 {
			t.Errorf("rejections in the brand's audit log: %d, want 3 (two senders, one empty)", n)
		}
		// Without a signing key configured, nothing is accepted.
		env.Deps.Config.InboundSigningKey = ""
		if res := postInbound(t, env, "", "tok-11", env.Now(), map[string]string{"recipient": to, "sender": w.Creator.Email, "body-plain": "x"}); res.Status != 401 {
			t.Errorf("no key configured: %d", res.Status)
		}
	})
}

func TestInboxPagesAndPortal(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		inboundEnv(env)
		w := env.NewWorld("Acme")
		creator := portalSignIn(t, env, w.Creator.Email)

		// The creator writes from the portal.
		res := creator.Get("/portal/messages/new")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Acme") {
			t.Fatalf("portal new: %d", res.Status)
		}
		res = creator.PostForm("/portal/messages", map[string][]string{"brand": {fmt.Sprint(w.Brand.ID)}, "subject": {""}, "body": {"x"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="subject-error"`) {
			t.Errorf("portal without subject: %d", res.Status)
		}
		res = creator.PostForm("/portal/messages", map[string][]string{"brand": {fmt.Sprint(w.Brand.ID)}, "subject": {"Sizes"}, "body": {"Which size <b>fits</b>?\nThanks"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("portal start: %d %s", res.Status, res.Body)
		}
		threadPath := res.Header.Get("Location")
		id, _ := strconv.ParseInt(strings.TrimPrefix(threadPath, "/portal/messages/"), 10, 64)

		// The team sees it unread, opens it (read for that person only),
		// inserts a canned answer without script and replies.
		cm, exec := env.SignIn(w.Users[auth.CommunityManager].Email), env.SignIn(w.Users[auth.BrandExecutive].Email)
		if res := cm.Get("/inbox?unread=1"); !strings.Contains(res.Body, "Sizes") || !strings.Contains(res.Body, `class="unread"`) {
			t.Errorf("unread list: %d", res.Status)
		}
		c := &inbox.Canned{Locale: "en", Title: "Sizes", Body: "Hi {creator_first_name}, our size guide is on the site."}
		if err := inbox.NewService(env.Deps).SaveCanned(context.Background(), staff(env, w), c); err != nil {
			t.Fatal(err)
		}
		page := cm.Get(fmt.Sprintf("/inbox/threads/%d?canned=%d", id, c.ID))
		if page.Status != 200 || !strings.Contains(page.Body, "Hi Secret, our size guide is on the site.</textarea>") ||
			!strings.Contains(page.Body, "Which size &lt;b&gt;fits&lt;/b&gt;?\nThanks") || !strings.Contains(page.Body, "@in.roster.test") {
			t.Fatalf("thread page: %d\n%s", page.Status, page.Body)
		}
		if res := cm.Get("/inbox?unread=1"); strings.Contains(res.Body, "Sizes") {
			t.Error("still unread for the community manager after opening it")
		}
		if res := exec.Get("/inbox?unread=1"); !strings.Contains(res.Body, "Sizes") {
			t.Error("opening it read it for the brand executive too")
		}
		if res := exec.PostForm(fmt.Sprintf("/inbox/threads/%d/reply", id), map[string][]string{"body": {"hi"}}); res.Status != http.StatusForbidden {
			t.Errorf("brand executive replying: %d", res.Status)
		}
		if res := cm.PostForm(fmt.Sprintf("/inbox/threads/%d/reply", id), map[string][]string{"body": {"  "}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="body-error"`) {
			t.Errorf("empty reply: %d", res.Status)
		}
		if res := cm.PostForm(fmt.Sprintf("/inbox/threads/%d/reply", id), map[string][]string{"body": {"Hi Secret, our size guide is on the site."}}); res.Status != http.StatusSeeOther {
			t.Fatalf("reply: %d", res.Status)
		}
		if res := cm.PostForm(fmt.Sprintf("/inbox/threads/%d/assign", id), map[string][]string{"to": {"me"}}); res.Status != http.StatusSeeOther {
			t.Errorf("assign: %d", res.Status)
		}
		if res := cm.Get("/inbox?assignee=me&status=waiting"); !strings.Contains(res.Body, "Sizes") {
			t.Error("mine and waiting does not list it")
		}

		// The creator sees the answer in the portal and answers back.
		if res := creator.Get(threadPath); !strings.Contains(res.Body, "our size guide") {
			t.Errorf("portal thread: %d", res.Status)
		}
		if res := creator.PostForm(threadPath+"/reply", map[string][]string{"body": {"Thanks!"}}); res.Status != http.StatusSeeOther {
			t.Errorf("portal reply: %d", res.Status)
		}
		if res := creator.Get("/portal/messages"); !strings.Contains(res.Body, "Sizes") {
			t.Errorf("portal list: %d", res.Status)
		}
		got, _ := inbox.Get(context.Background(), d, w.Brand.ID, 0, id)
		if got.Status != inbox.Open || got.MessageCount != 3 {
			t.Errorf("after the creator's answer: %+v", got)
		}

		// A creator asks about a campaign they take part in; one they are
		// not in is refused.
		var inCampaign, otherCampaign int64
		for _, name := range []string{"Autumn trail", "Not yours"} {
			var id int64
			if err := d.QueryRowContext(context.Background(), `INSERT INTO campaigns (brand_id, name, status, created_at, updated_at)
				VALUES (?, ?, 'active', 0, 0) RETURNING id`, w.Brand.ID, name).Scan(&id); err != nil {
				t.Fatal(err)
			}
			if inCampaign == 0 {
				inCampaign = id
			} else {
				otherCampaign = id
			}
		}
		if _, err := d.ExecContext(context.Background(), `INSERT INTO campaign_participants (brand_id, campaign_id, creator_id, stage, offer_status,
			locale, created_at, updated_at) VALUES (?, ?, ?, 'invited', 'awaiting_creator', 'en', 0, 0)`, w.Brand.ID, inCampaign, w.Creator.ID); err != nil {
			t.Fatal(err)
		}
		if res := creator.Get("/portal/messages/new"); !strings.Contains(res.Body, "Autumn trail (Acme)") || strings.Contains(res.Body, "Not yours") {
			t.Errorf("portal form's campaigns: %d", res.Status)
		}
		if res := creator.PostForm("/portal/messages", map[string][]string{"campaign": {fmt.Sprint(otherCampaign)}, "subject": {"Hi"}, "body": {"x"}}); res.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.Body, `id="campaign-error"`) {
			t.Errorf("a campaign the creator is not in: %d", res.Status)
		}
		if res := creator.PostForm("/portal/messages", map[string][]string{"campaign": {fmt.Sprint(inCampaign)}, "subject": {"Trail dates"}, "body": {"When?"}}); res.Status != http.StatusSeeOther {
			t.Errorf("a campaign thread: %d %s", res.Status, res.Body)
		}
		if res := cm.Get(fmt.Sprintf("/inbox?campaign=%d", inCampaign)); !strings.Contains(res.Body, "Trail dates") || strings.Contains(res.Body, "Sizes") {
			t.Errorf("the inbox filtered by campaign: %d", res.Status)
		}

		// Another creator cannot see or answer it; nobody signed out can.
		other := env.NewWorld("Other")
		stranger := portalSignIn(t, env, other.Creator.Email)
		for _, r := range []*apptest.Response{stranger.Get(threadPath), stranger.PostForm(threadPath+"/reply", map[string][]string{"body": {"hi"}})} {
			if r.Status != http.StatusNotFound {
				t.Errorf("another creator: %d", r.Status)
			}
		}
		if res := env.Anonymous().Get(threadPath); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/portal?next=") {
			t.Errorf("signed out: %d %s", res.Status, res.Header.Get("Location"))
		}
		if res := stranger.PostForm("/portal/messages", map[string][]string{"brand": {fmt.Sprint(w.Brand.ID)}, "subject": {"Hi"}, "body": {"x"}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("another creator starting a thread with Acme: %d", res.Status)
		}
		if n := inboxCount(t, d, `SELECT COUNT(*) FROM inbox_threads WHERE brand_id = ?`, w.Brand.ID); n != 2 {
			t.Errorf("a creator of another brand started a thread in Acme (%d threads)", n)
		}
	})
}

func TestThreadsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Acme")
		res := env.API(w.Token, "POST", "/api/v1/threads", fmt.Sprintf(`{"creator_id":%d,"subject":"Your shipping address","body":"Where should we ship?"}`, w.Creator.ID))
		if res.Status != http.StatusCreated || res.Header.Get("Location") == "" {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		path := res.Header.Get("Location")
		if res := env.API(w.Token, "POST", "/api/v1/threads", `{"creator_id":0,"subject":"","body":""}`); res.Status != 422 ||
			!strings.Contains(res.Body, "creator_id") || !strings.Contains(res.Body, "subject") {
			t.Errorf("invalid create: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "POST", path+"/messages", `{"body":"Any news?"}`); res.Status != http.StatusCreated || !strings.Contains(res.Body, `"channel":"api"`) {
			t.Errorf("post: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "GET", path+"/messages?limit=1", ""); res.Status != 200 || !strings.Contains(res.Body, `"next_cursor":"`) ||
			strings.Contains(res.Body, `"next_cursor":""`) {
			t.Errorf("messages page: %d %s", res.Status, res.Body)
		}
		cm := w.Users[auth.CommunityManager].ID
		if res := env.API(w.Token, "PATCH", path, fmt.Sprintf(`{"status":"closed","assignee_user_id":%d}`, cm)); res.Status != 200 ||
			!strings.Contains(res.Body, `"status":"closed"`) || !strings.Contains(res.Body, fmt.Sprintf(`"assignee_user_id":%d`, cm)) {
			t.Errorf("patch: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "PATCH", path, `{"assignee_user_id":null}`); res.Status != 200 || !strings.Contains(res.Body, `"assignee_user_id":null`) ||
			!strings.Contains(res.Body, `"status":"closed"`) {
			t.Errorf("unassign: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "PATCH", path, fmt.Sprintf(`{"assignee_user_id":%d}`, w.Users[auth.Viewer].ID)); res.Status != 422 {
			t.Errorf("assign a viewer: %d %s", res.Status, res.Body)
		}
		// A refused part refuses the whole PATCH: nothing else changes.
		if res := env.API(w.Token, "PATCH", path, fmt.Sprintf(`{"status":"snoozed","assignee_user_id":%d}`, cm)); res.Status != 422 {
			t.Errorf("patch with a bad status: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "PATCH", path, fmt.Sprintf(`{"status":"open","assignee_user_id":%d}`, w.Users[auth.Viewer].ID)); res.Status != 422 {
			t.Errorf("patch with a bad assignee: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "GET", path, ""); res.Status != 200 || !strings.Contains(res.Body, `"assignee_user_id":null`) ||
			!strings.Contains(res.Body, `"status":"closed"`) {
			t.Errorf("a refused patch changed the thread: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "GET", "/api/v1/threads?status=closed", ""); res.Status != 200 || !strings.Contains(res.Body, "Your shipping address") {
			t.Errorf("list closed: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "GET", "/api/v1/threads?status=snoozed&limit=0&cursor=x&unread=maybe", ""); res.Status != 422 ||
			!strings.Contains(res.Body, "status") || !strings.Contains(res.Body, "limit") || !strings.Contains(res.Body, "cursor") || !strings.Contains(res.Body, "unread") {
			t.Errorf("bad filters: %d %s", res.Status, res.Body)
		}
		for i := range 3 {
			askInbox(t, env, w, fmt.Sprintf("Q%d", i))
		}
		res = env.API(w.Token, "GET", "/api/v1/threads?limit=2", "")
		next := between(res.Body, `"next_cursor":"`, `"`)
		if res.Status != 200 || next == "" {
			t.Fatalf("first page: %d %s", res.Status, res.Body)
		}
		if res := env.API(w.Token, "GET", "/api/v1/threads?limit=2&cursor="+next, ""); res.Status != 200 || !strings.Contains(res.Body, `"next_cursor":""`) ||
			strings.Count(res.Body, `"subject"`) != 2 {
			t.Errorf("second page: %d %s", res.Status, res.Body)
		}

		// Another brand's lists never show these threads.
		other := env.NewWorld("Bravo")
		askInbox(t, env, other, "Bravo's own")
		if res := env.API(other.Token, "GET", "/api/v1/threads?q=q", ""); res.Status != 200 || strings.Contains(res.Body, "Acme") || strings.Contains(res.Body, "Your shipping") {
			t.Errorf("Bravo's API list: %d %s", res.Status, res.Body)
		}
		page := env.SignIn(other.Users[auth.CommunityManager].Email).Get("/inbox")
		if page.Status != 200 || !strings.Contains(page.Body, "Bravo&#39;s own") || strings.Contains(page.Body, "Acme") || strings.Contains(page.Body, "Your shipping") {
			t.Errorf("Bravo's inbox page: %d", page.Status)
		}
	})
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}
