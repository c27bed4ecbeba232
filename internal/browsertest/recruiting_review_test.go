package browsertest_test

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/applications"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/stages"
)

// reviewWithKeyboard: the community manager signs in on the desktop,
// opens the queue and, from the keyboard only, scores each criterion
// with a number key and approves with "a". The decision, the creator's
// stage and its history name them; the applicant is told in Spanish.
func (r *recruiting) reviewWithKeyboard(t *testing.T) {
	en, es, ctx := i18n.For("en"), i18n.For("es"), r.desk
	browsertest.Do(t, ctx, "open the sign-in page",
		chromedp.Navigate(r.env.Server.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), r.cm.Email),
		chromedp.SendKeys(chromedp.ID("password"), apptest.Password),
	)
	loadAfter(t, ctx, "sign in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	loadAfter(t, ctx, "open Applications", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/applications"]`)))
	loadAfter(t, ctx, "open the review queue", chromedp.Click(chromedp.CSS(`main a[href="/applications/review"]`)))
	wantPath(t, ctx, "/applications/review")
	wantLang(t, ctx, "en")
	wantText(t, ctx, chromedp.CSS("main .queue h2 a"), applicantName)

	// 4, 5 and 3 tick the first three criteria, moving the highlight; the
	// fourth key ticks the last one and saves.
	keys := []string{"4", "5", "3", "4"}
	for i, k := range keys[:len(keys)-1] {
		browsertest.Do(t, ctx, "press "+k, chromedp.KeyEvent(k))
		if cur := currentCriterion(t, ctx); cur != i+1 {
			t.Fatalf("after pressing %s the highlighted criterion is #%d, want #%d", k, cur, i+1)
		}
	}
	loadAfter(t, ctx, "press "+keys[3], chromedp.KeyEvent(keys[3]))
	wantPath(t, ctx, "/applications/review")
	wantText(t, ctx, chromedp.CSS("main .flash"), en.T("applications.review.saved"))
	checked := browsertest.Run(t, ctx, "read the ticked scores", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("[data-queue-score] input[type=radio]:checked"), e => e.value)`))
	if strings.Join(checked, " ") != strings.Join(keys, " ") {
		t.Errorf("after saving, the ticked scores are %q, want %q", checked, keys)
	}

	loadAfter(t, ctx, "press a", chromedp.KeyEvent("a"))
	wantPath(t, ctx, "/applications/review")
	wantText(t, ctx, chromedp.CSS("main .flash"), en.T("applications.approved_flash", "name", applicantName))
	wantText(t, ctx, chromedp.CSS("main h1 + p"), en.T("applications.queue.empty"))
	browsertest.NoConsoleErrors(t, ctx, "working the queue")

	r.checkApproved(t)
	got := r.mail.waitFor(t, "the approval", applicantEmail, func(m sunkMail) bool {
		return m.Subject == es.T("applications.email.approved.subject", "brand", r.brand.Name)
	})
	if want := es.T("applications.email.approved.body", "name", applicantName, "brand", r.brand.Name); !strings.Contains(got.Body, want) {
		t.Errorf("approval body:\n%s\nwant it to contain:\n%s", got.Body, want)
	}
}

// currentCriterion is the index of the highlighted rubric row (-1: none).
func currentCriterion(t *testing.T, ctx context.Context) int {
	t.Helper()
	return browsertest.Run(t, ctx, "find the highlighted criterion", chromedp.Evaluate[int](
		`Array.from(document.querySelectorAll("[data-criterion]")).findIndex(e => e.classList.contains("current"))`))
}

// checkApproved reads the database: the application approved by the
// community manager with their scores, the creator approved, and the
// stage change recorded with who made it and why.
func (r *recruiting) checkApproved(t *testing.T) {
	ctx, d, bid := context.Background(), r.env.DB, r.brand.ID
	list, err := applications.List(ctx, d, bid, applications.ListQuery{})
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("applications: %+v, %v; want one", list.Items, err)
	}
	a := list.Items[0]
	if a.Status != applications.StatusApproved || a.DecidedBy == nil || *a.DecidedBy != r.cm.ID || a.Locale != "es" || a.CreatorID == nil {
		t.Fatalf("application after approval: %+v; want approved by user %d, in es", a, r.cm.ID)
	}
	// What was typed the Spanish way (48,2k followers, 3,1 %) is stored
	// as numbers, with the answer to the brand's question.
	wantAccount := applications.Account{Platform: "instagram", Handle: "valeria.cumbres", Followers: 48200, EngagementRate: 3.1}
	if len(a.Accounts) != 1 || a.Accounts[0] != wantAccount || a.Answers["q1"].Text != "Senderismo en la sierra" {
		t.Errorf("application accounts %+v, answers %+v; want [%+v] and the answer to q1", a.Accounts, a.Answers, wantAccount)
	}
	reviews, err := applications.Reviews(ctx, d, bid, a.ID)
	want := map[string]int{"audience_fit": 4, "content_quality": 5, "engagement": 3, "brand_safety": 4}
	if err != nil || len(reviews) != 1 || reviews[0].UserID != r.cm.ID || !maps.Equal(reviews[0].Scores, want) {
		t.Errorf("reviews: %+v, %v; want the community manager's %v", reviews, err, want)
	}
	c, err := creator.NewStore(d).Get(ctx, d, bid, *a.CreatorID)
	if err != nil || c.Stage != "approved" || c.Email != applicantEmail {
		t.Fatalf("creator: %+v, %v; want %s approved", c, err, applicantEmail)
	}
	events, err := stages.History(ctx, d, bid, c.ID, 10)
	if err != nil || len(events) == 0 {
		t.Fatalf("stage history: %+v, %v", events, err)
	}
	e := events[0]
	if e.From != "applied" || e.To != "approved" || e.ActorUserID == nil || *e.ActorUserID != r.cm.ID || e.Actor != r.cm.Email {
		t.Errorf("last stage change: %+v; want applied → approved by %s", e, r.cm.Email)
	}
	if e.Reason == "" || e.Reason != a.DecisionReason {
		t.Errorf("stage change reason %q, decision reason %q: want the same, not empty", e.Reason, a.DecisionReason)
	}
}

// magicLinkRE finds the portal sign-in link in an email.
var magicLinkRE = regexp.MustCompile(`https?://\S+/portal/link/\S+`)

// seeApprovalInPortal: on the phone, the creator asks for a sign-in link,
// opens the one the SMTP server received, presses the button and finds
// the application approved, in Spanish.
func (r *recruiting) seeApprovalInPortal(t *testing.T) {
	es, ctx := i18n.For("es"), r.phone
	browsertest.Do(t, ctx, "open the portal",
		chromedp.Navigate(r.env.Server.URL+"/portal"),
		chromedp.WaitVisible(chromedp.ID("email")),
	)
	wantLang(t, ctx, "es")
	wantText(t, ctx, chromedp.CSS("main h1"), es.T("portal.signin_title"))
	fitsWidth(t, ctx, "the portal sign-in")
	browsertest.Do(t, ctx, "type the email", chromedp.SendKeys(chromedp.ID("email"), applicantEmail))
	loadAfter(t, ctx, "ask for a link", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	wantText(t, ctx, chromedp.CSS("main h1"), es.T("portal.sent_title"))

	msg := r.mail.waitFor(t, "the sign-in link", applicantEmail, func(m sunkMail) bool {
		return m.Subject == es.T("portal.email.link.subject")
	})
	link := magicLinkRE.FindString(msg.Body)
	if !strings.HasPrefix(link, r.env.Server.URL+"/portal/link/") {
		t.Fatalf("no sign-in link to %s in the email:\n%s", r.env.Server.URL, msg.Body)
	}
	browsertest.Do(t, ctx, "open the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("main form button")))
	wantText(t, ctx, chromedp.CSS("main h1"), es.T("portal.link_title"))
	wantText(t, ctx, chromedp.CSS("main form button"), es.T("portal.link_continue"))
	loadAfter(t, ctx, "sign in", chromedp.Click(chromedp.CSS("main form button")))
	wantPath(t, ctx, "/portal/home")
	wantLang(t, ctx, "es")
	cards := browsertest.Run(t, ctx, "read the applications", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("main .portal-cards li"), li => li.querySelector(".portal-brand").innerText.trim() + " | " + li.querySelector(".stage").innerText.trim())`))
	want := fmt.Sprintf("%s | %s", r.brand.Name, es.T("applications.status.approved"))
	if len(cards) != 1 || cards[0] != want {
		t.Errorf("portal home lists %q, want [%q]", cards, want)
	}
	fitsWidth(t, ctx, "the portal home")
	browsertest.Screenshot(t, ctx, "portal-home-es-phone.png")
	browsertest.NoConsoleErrors(t, ctx, "signing in to the portal")
}
