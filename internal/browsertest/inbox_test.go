package browsertest_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/inbox"
	"github.com/rosterhq/roster/internal/jobs"
)

// TestInboxJourney: a creator asks a question in the portal; the community
// manager opens it from the inbox with the keyboard, inserts a canned
// answer (c, 1) filled with the creator's first name and sends it with
// Ctrl+Enter; the creator's notification email carries the thread's reply
// address, and the creator's answer by email comes in through the signed
// inbound webhook; the thread then shows all three messages.
func TestInboxJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		env.Deps.Config.InboundDomain = "in.roster.test"
		env.Deps.Config.InboundSigningKey = "journey-key"
		b := env.Brand("Lumen & Pine Outdoor")
		cm := env.User("cm@example.com", b.ID, auth.CommunityManager)
		fixture := auth.NewPrincipal(auth.Principal{BrandID: b.ID, TokenName: "fixture"}, nil)
		if _, err := creator.NewService(d, env.Now).Create(context.Background(), fixture, creator.Fields{
			DisplayName: "Noa Lindqvist", Email: "noa@example.com", Languages: []string{"en"}, Stage: "active"}); err != nil {
			t.Fatal(err)
		}
		staff := auth.NewPrincipal(auth.Principal{User: cm, BrandID: b.ID, BrandName: b.Name, Role: auth.CommunityManager},
			auth.PermissionsOf(auth.CommunityManager))
		if err := inbox.NewService(env.Deps).SaveCanned(context.Background(), staff, &inbox.Canned{Locale: "en", Title: "Shipping times",
			Body: "Hi {creator_first_name}, parcels leave our warehouse within two working days."}); err != nil {
			t.Fatal(err)
		}
		en := i18n.For("en")
		ctx := browsertest.New(t)

		// The creator signs in to the portal and asks.
		portalSignInBrowser(t, ctx, env, "noa@example.com")
		browsertest.Do(t, ctx, "open the new message form",
			chromedp.Navigate(env.Server.URL+"/portal/messages/new"),
			chromedp.WaitVisible(chromedp.ID("subject")),
			chromedp.SendKeys(chromedp.ID("subject"), "When does my parcel ship?"),
			chromedp.SendKeys(chromedp.ID("body"), "Hello! I ordered the tent for the shoot.\nWhen will it ship?"),
		)
		loadAfter(t, ctx, "send the question", chromedp.Click(chromedp.CSS(`main form[action="/portal/messages"] button[type=submit]`)))
		wantPath(t, ctx, `/portal/messages/\d+`)
		browsertest.NoConsoleErrors(t, ctx, "asking in the portal")

		// The community manager works the inbox from the keyboard.
		signInBrowser(t, ctx, env, cm.Email)
		loadAfter(t, ctx, "open the inbox", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/inbox"]`)))
		wantPath(t, ctx, "/inbox")
		browsertest.Do(t, ctx, "highlight the first conversation", chromedp.KeyEvent("j"))
		loadAfter(t, ctx, "open it with Enter", chromedp.KeyEvent(kb.Enter))
		threadPath := wantPath(t, ctx, `/inbox/threads/\d+`)
		wantText(t, ctx, chromedp.CSS("main h1"), "When does my parcel ship?")
		browsertest.Do(t, ctx, "insert canned answer 1", chromedp.KeyEvent("c"), chromedp.KeyEvent("1"))
		draft := browsertest.Run(t, ctx, "read the reply box", chromedp.Evaluate[string](`document.getElementById("body").value`))
		if draft != "Hi Noa, parcels leave our warehouse within two working days." {
			t.Fatalf("the reply box holds %q after c 1", draft)
		}
		if got := activeID(t, ctx); got != "body" {
			t.Errorf("after inserting, the focus is on %q, want the reply box", got)
		}
		loadAfter(t, ctx, "send with Ctrl+Enter", chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		wantPath(t, ctx, threadPath)
		wantText(t, ctx, chromedp.CSS("main .flash"), en.T("inbox.sent"))
		wantText(t, ctx, chromedp.CSS("#thread-status"), en.T("inbox.status.waiting"))
		browsertest.NoConsoleErrors(t, ctx, "answering from the keyboard")

		// The creator's digest goes out after the window, with the reply
		// address; they answer by email through the provider's webhook.
		q := jobs.New(d, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Config{Now: env.Now})
		inbox.RegisterJobs(q, env.Deps)
		env.Advance(inbox.DefaultDigestDelay + time.Second)
		for {
			ran, err := q.Work(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !ran {
				break
			}
		}
		var replyTo, body string
		if err := d.QueryRowContext(context.Background(), `SELECT reply_to, body FROM outbox WHERE to_addr = ? AND kind = ?`,
			"noa@example.com", "inbox.email.to_creator_reply").Scan(&replyTo, &body); err != nil {
			t.Fatalf("the creator's notification: %v", err)
		}
		if !regexp.MustCompile(`^reply\+[a-z2-7]+@in\.roster\.test$`).MatchString(replyTo) || !strings.Contains(body, "within two working days") {
			t.Fatalf("notification reply-to %q, body:\n%s", replyTo, body)
		}
		res := postSigned(t, env, "journey-key", map[string]string{"recipient": replyTo, "sender": "noa@example.com",
			"from": "Noa Lindqvist <noa@example.com>", "subject": "Re: When does my parcel ship?",
			"body-plain": "Perfect, thank you!\n\nOn Tue, Mar 10, 2026 Lumen & Pine Outdoor <" + replyTo + "> wrote:\n> Hi Noa, parcels leave our warehouse within two working days."})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("inbound webhook: %d", res.StatusCode)
		}

		// The thread shows all three, in order, and is open again.
		browsertest.Do(t, ctx, "reload the thread", chromedp.Navigate(env.Server.URL+threadPath), chromedp.WaitVisible(chromedp.ID("messages")))
		got := browsertest.Run(t, ctx, "read the messages", chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("#messages .prewrap"), p => p.innerText.trim())`))
		want := []string{"Hello! I ordered the tent for the shoot.\nWhen will it ship?",
			"Hi Noa, parcels leave our warehouse within two working days.", "Perfect, thank you!"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("the thread shows %q, want %q", got, want)
		}
		wantText(t, ctx, chromedp.CSS("#thread-status"), en.T("inbox.status.open"))
		browsertest.Screenshot(t, ctx, "inbox-thread.png")
		browsertest.NoConsoleErrors(t, ctx, "reading the thread")
	})
}

// portalSignInBrowser signs a creator in to the portal with the magic link
// Roster put in the outbox.
func portalSignInBrowser(t *testing.T, ctx context.Context, env *apptest.Env, email string) {
	t.Helper()
	browsertest.Do(t, ctx, "open the portal",
		chromedp.Navigate(env.Server.URL+"/portal"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
	)
	loadAfter(t, ctx, "ask for a link", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	var body string
	if err := env.DB.QueryRowContext(context.Background(), `SELECT body FROM outbox WHERE to_addr = ? ORDER BY id DESC LIMIT 1`, email).Scan(&body); err != nil {
		t.Fatal(err)
	}
	link := magicLinkRE.FindString(body)
	if link == "" {
		t.Fatalf("no sign-in link in:\n%s", body)
	}
	browsertest.Do(t, ctx, "open the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("main form button")))
	loadAfter(t, ctx, "sign in", chromedp.Click(chromedp.CSS("main form button")))
	wantPath(t, ctx, "/portal/home")
}

// postSigned posts to the inbound webhook as a provider would: a
// multipart form signed with key at the test clock's time.
func postSigned(t *testing.T, env *apptest.Env, key string, fields map[string]string) *http.Response {
	t.Helper()
	ts := strconv.FormatInt(env.Now().Unix(), 10)
	token := "journey-" + ts
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fields["timestamp"], fields["token"], fields["signature"] = ts, token, inbox.Sign(key, ts, token)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	res, err := http.Post(env.Server.URL+"/inbound/email", mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}
