package browsertest_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/inbox"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/participant"
)

// TestCampaignLoop walks issue 4's whole loop in one browser: the
// community manager starts a campaign from a template and invites three
// creators with an offer from the creator list; each creator follows the
// invitation email into the portal, where Ana accepts, Ben counter-offers
// and Cy declines; the team accepts Ben's counter-offer; Ana asks a
// question about the campaign, the team answers with a canned reply from
// the keyboard and Ana answers back by email through the signed inbound
// webhook; the board then shows Ana and Ben accepted and Cy declined, and
// Ana's acceptance still records what she accepted.
func TestCampaignLoop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := newLoop(t, d)
		l.startFromTemplate(t)
		l.inviteThree(t)
		l.answerInPortal(t)
		l.acceptCounter(t)
		l.askAndAnswer(t)
		l.checkBoard(t)
	})
}

type loop struct {
	env        *apptest.Env
	d          *db.DB
	ctx        context.Context
	en         *i18n.Localizer
	brand      int64
	cm         *auth.User
	tplID      int64
	campaign   int64
	creators   map[string]int64 // by first name
	pts        map[string]int64 // participant ids by first name
	anaAccepts *participant.Acceptance
}

var loopCreators = []struct{ name, email string }{
	{"Ana Prieto", "ana@example.com"}, {"Ben Okafor", "ben@example.com"}, {"Cy Laurent", "cy@example.com"}}

func newLoop(t *testing.T, d *db.DB) *loop {
	env := apptest.New(t, d)
	env.Deps.Config.InboundDomain = "in.roster.test"
	env.Deps.Config.InboundSigningKey = "loop-key"
	b := env.Brand("Lumen & Pine Outdoor")
	u := env.User("cm@example.com", b.ID, auth.CommunityManager)
	l := &loop{env: env, d: d, en: i18n.For("en"), brand: b.ID, cm: u, creators: map[string]int64{}, pts: map[string]int64{}}
	ctx := context.Background()
	fixture := auth.NewPrincipal(auth.Principal{BrandID: b.ID, TokenName: "fixture"}, nil)
	for _, c := range loopCreators {
		got, err := creator.NewService(d, env.Now).Create(ctx, fixture, creator.Fields{
			DisplayName: c.name, Email: c.email, Languages: []string{"en"}, Stage: "active"})
		if err != nil {
			t.Fatal(err)
		}
		l.creators[firstName(c.name)] = got.ID
	}
	// What the team prepared before: a template and a canned answer.
	staff := auth.NewPrincipal(auth.Principal{User: u, BrandID: b.ID, BrandName: b.Name, Role: auth.CommunityManager},
		auth.PermissionsOf(auth.CommunityManager))
	due, length := 10, 30
	tpl, err := campaign.NewService(d, env.Now).SaveTemplate(ctx, staff, campaign.Template{Name: "Winter gear", Body: campaign.TemplateBody{
		Brief: "## Winter\n\nShow the jacket **in the snow**.", Currency: "EUR", BudgetMinor: 300000, DurationDays: &length,
		Offer:        campaign.Offer{Product: "Ridge Shell", FeeMinor: 40000},
		Deliverables: []campaign.TemplateDeliverable{{Platform: "instagram", Kind: "reel", Quantity: 1, DueDay: &due, Hashtags: []string{"#ad"}}},
		Terms:        &campaign.TermsFields{Channels: []string{"organic_social"}, Territories: []string{"ES", "FR"}, DurationDays: 90},
	}})
	if err != nil {
		t.Fatal(err)
	}
	l.tplID = tpl.ID
	if err := inbox.NewService(env.Deps).SaveCanned(ctx, staff, &inbox.Canned{Locale: "en", Title: "Draft review",
		Body: "Hi {creator_first_name}, send the draft here; we review it within two working days."}); err != nil {
		t.Fatal(err)
	}
	l.ctx = browsertest.New(t)
	return l
}

func firstName(name string) string { return strings.Fields(name)[0] }

// startFromTemplate: the community manager starts "Winter jackets" from
// the template and opens recruiting.
func (l *loop) startFromTemplate(t *testing.T) {
	ctx := l.ctx
	signInBrowser(t, ctx, l.env, l.cm.Email)
	loadAfter(t, ctx, "open campaigns", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/campaigns"]`)))
	loadAfter(t, ctx, "new campaign", chromedp.Click(chromedp.CSS(`a[href="/campaigns/new"]`)))
	loadAfter(t, ctx, "or from a template", chromedp.Click(chromedp.CSS(`main a[href="/campaign-templates"]`)))
	loadAfter(t, ctx, "pick the template", chromedp.Click(chromedp.CSS(`td a[href="/campaign-templates/`+itoa(l.tplID)+`"]`)))
	browsertest.Do(t, ctx, "name it and pick the start", setField("name", "Winter jackets"), setField("starts_on", "2026-12-01"))
	loadAfter(t, ctx, "create the campaign", chromedp.Click(chromedp.CSS(`form[action$="/start"] button[type=submit]`)))
	path := wantPath(t, ctx, `/campaigns/\d+`)
	noFormError(t, ctx)
	wantText(t, ctx, chromedp.CSS("main .flash"), l.en.T("campaign.created", "name", "Winter jackets"))
	l.campaign = mustAtoi(t, strings.TrimPrefix(path, "/campaigns/"))
	loadAfter(t, ctx, "start recruiting", chromedp.Click(chromedp.CSS(`form[action$="/status"] input[value="recruiting"] + button`)))
	if c, err := campaign.Get(context.Background(), l.d, l.brand, l.campaign); err != nil || c.Status != campaign.Recruiting || c.Offer.FeeMinor != 40000 {
		t.Fatalf("the campaign from the template: %+v %v", c, err)
	}
	browsertest.NoConsoleErrors(t, ctx, "starting the campaign")
}

// inviteThree: tick the three creators in the creator list, add them to
// the campaign with its default offer and a message.
func (l *loop) inviteThree(t *testing.T) {
	ctx := l.ctx
	loadAfter(t, ctx, "open creators", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/creators"]`)))
	for _, c := range loopCreators {
		browsertest.Do(t, ctx, "tick "+c.name, chromedp.Click(chromedp.CSS(`input[name=ids][value="`+itoa(l.creators[firstName(c.name)])+`"]`)))
	}
	loadAfter(t, ctx, "add the selected to a campaign", chromedp.Click(chromedp.CSS(`button[formaction="/participants/invite"]`)))
	wantPath(t, ctx, "/participants/invite")
	// Choosing the campaign reloads the form with its offer (SetValue
	// fires change, as picking an option does; the page's script submits).
	loadAfter(t, ctx, "choose the campaign", chromedp.SetValue(chromedp.ID("pick-campaign"), itoa(l.campaign)))
	if got := query(t, ctx).Get("campaign_id"); got != itoa(l.campaign) {
		t.Fatalf("the invitation form is for campaign %q, want %d", got, l.campaign)
	}
	fee := browsertest.Run(t, ctx, "read the prefilled fee", chromedp.Evaluate[string](`document.getElementById("fee").value`))
	if fee != "400.00" {
		t.Errorf("the offer's fee is prefilled with %q, want the campaign's 400", fee)
	}
	browsertest.Do(t, ctx, "write the message", chromedp.SendKeys(chromedp.ID("message"), "We loved your mountain reels."))
	loadAfter(t, ctx, "send the invitations", chromedp.Click(chromedp.CSS(`form[action="/participants/invite"][method=post] button[type=submit]`)))
	wantPath(t, ctx, "/campaigns/"+itoa(l.campaign)+"/participants")
	wantText(t, ctx, chromedp.CSS("main .flash"), l.en.N("participants.invited", 3, "skipped", 0))
	for _, c := range loopCreators {
		pts, err := participant.ForEmail(context.Background(), l.d, c.email)
		if err != nil || len(pts) != 1 || pts[0].CampaignID != l.campaign || pts[0].Stage != participant.StageInvited {
			t.Fatalf("%s's participations: %+v %v", c.name, pts, err)
		}
		l.pts[firstName(c.name)] = pts[0].ID
		if got := cardColumn(t, ctx, "card-"+itoa(pts[0].ID)); got != participant.StageInvited {
			t.Errorf("%s's card is in %q after the invitation", c.name, got)
		}
	}
	browsertest.NoConsoleErrors(t, ctx, "inviting")
}

// invitationLink is the portal link of the creator's invitation email.
var invitationLink = regexp.MustCompile(`https?://\S+/portal\?email=\S+`)

// followInvitation opens the creator's invitation email's link, asks for
// a sign-in link there and follows it to the campaign's portal page.
func (l *loop) followInvitation(t *testing.T, email string) {
	t.Helper()
	ctx := l.ctx
	var body string
	if err := l.d.QueryRowContext(context.Background(), `SELECT body FROM outbox WHERE to_addr = ? AND kind = ?`,
		email, "participants.email.invited").Scan(&body); err != nil {
		t.Fatalf("%s's invitation email: %v", email, err)
	}
	link := invitationLink.FindString(body)
	if link == "" {
		t.Fatalf("no portal link in the invitation:\n%s", body)
	}
	browsertest.Do(t, ctx, "open the invitation's link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("email")))
	if got := browsertest.Run(t, ctx, "read the email field", chromedp.Evaluate[string](`document.getElementById("email").value`)); got != email {
		t.Errorf("the sign-in form holds %q, want %q from the link", got, email)
	}
	loadAfter(t, ctx, "ask for a sign-in link", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if err := l.d.QueryRowContext(context.Background(), `SELECT body FROM outbox WHERE to_addr = ? ORDER BY id DESC LIMIT 1`, email).Scan(&body); err != nil {
		t.Fatal(err)
	}
	magic := magicLinkRE.FindString(body)
	if magic == "" {
		t.Fatalf("no sign-in link in:\n%s", body)
	}
	browsertest.Do(t, ctx, "open the sign-in link", chromedp.Navigate(magic), chromedp.WaitVisible(chromedp.CSS("main form button")))
	loadAfter(t, ctx, "sign in", chromedp.Click(chromedp.CSS("main form button")))
}

// answerInPortal: Ana accepts, Ben counter-offers, Cy declines, each
// signed in from their own invitation.
func (l *loop) answerInPortal(t *testing.T) {
	ctx := l.ctx
	bg := context.Background()
	signOut := func(who string) {
		loadAfter(t, ctx, who+" signs out", chromedp.Click(chromedp.CSS(`form[action="/portal/logout"] button`)))
	}

	l.followInvitation(t, "ana@example.com")
	wantPath(t, ctx, "/portal/campaigns/"+itoa(l.pts["Ana"]))
	wantText(t, ctx, chromedp.CSS("main h1"), "Winter jackets")
	loadAfter(t, ctx, "Ana accepts", chromedp.Click(chromedp.CSS(`form[action$="/accept"] button`)))
	wantText(t, ctx, chromedp.CSS("main .flash"), l.en.T("participants.portal.accepted"))
	wantText(t, ctx, chromedp.CSS("main h2"), l.en.T("participants.portal.you_accepted"))
	a, err := participant.AcceptanceOf(bg, l.d, l.brand, l.pts["Ana"])
	if err != nil || a == nil || a.Offer.Compensation.FeeMinor != 40000 || a.Offer.Message != "We loved your mountain reels." ||
		a.Offer.Terms == nil || a.Offer.Terms.Version != 1 || a.Actor != "token:creator:ana@example.com" || !strings.Contains(a.UserAgent, "Chrome") {
		t.Fatalf("Ana's acceptance: %+v %v", a, err)
	}
	l.anaAccepts = a
	browsertest.NoConsoleErrors(t, ctx, "Ana accepting")
	signOut("Ana")

	l.followInvitation(t, "ben@example.com")
	wantPath(t, ctx, "/portal/campaigns/"+itoa(l.pts["Ben"]))
	browsertest.Do(t, ctx, "open the counter-offer form",
		chromedp.Click(chromedp.CSS("details summary")),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/counter"] #fee`)),
		setField("fee", ""),
		chromedp.SendKeys(chromedp.CSS(`form[action$="/counter"] #fee`), "550"),
		setField("quantity_0", ""),
		chromedp.SendKeys(chromedp.ID("quantity_0"), "2"),
		chromedp.SendKeys(chromedp.CSS(`form[action$="/counter"] #message`), "Two reels, one on the glacier."),
	)
	loadAfter(t, ctx, "Ben sends his counter-offer", chromedp.Click(chromedp.CSS(`form[action$="/counter"] button[type=submit]`)))
	noFormError(t, ctx)
	wantText(t, ctx, chromedp.CSS("main .flash"), l.en.T("participants.portal.countered"))
	wantText(t, ctx, chromedp.CSS("main section > p:last-of-type"), l.en.T("participants.portal.waiting_for_brand", "brand", "Lumen & Pine Outdoor"))
	browsertest.NoConsoleErrors(t, ctx, "Ben countering")
	signOut("Ben")

	l.followInvitation(t, "cy@example.com")
	wantPath(t, ctx, "/portal/campaigns/"+itoa(l.pts["Cy"]))
	browsertest.Do(t, ctx, "give a reason", chromedp.SendKeys(chromedp.ID("reason"), "Travelling all winter"))
	loadAfter(t, ctx, "Cy declines", chromedp.Click(chromedp.CSS(`form[action$="/decline"] button`)))
	wantText(t, ctx, chromedp.CSS("main .flash"), l.en.T("participants.portal.declined"))
	if n := browsertest.Run(t, ctx, "count the answer buttons", chromedp.Evaluate[int](`document.querySelectorAll("form[action$='/accept'], form[action$='/counter']").length`)); n != 0 {
		t.Errorf("a declined offer still shows %d forms to answer it", n)
	}
	browsertest.NoConsoleErrors(t, ctx, "Cy declining")
	signOut("Cy")
}

// acceptCounter: the team opens Ben's card from the board and accepts his
// counter-offer.
func (l *loop) acceptCounter(t *testing.T) {
	ctx := l.ctx
	board := "/campaigns/" + itoa(l.campaign) + "/participants"
	browsertest.Do(t, ctx, "open the board", chromedp.Navigate(l.env.Server.URL+board), chromedp.WaitVisible(chromedp.CSS("[data-board]")))
	card := browsertest.Run(t, ctx, "read Ben's card", chromedp.Text(chromedp.CSS("#card-"+itoa(l.pts["Ben"])+" .muted")))
	if !strings.HasPrefix(card, l.en.T("participants.offer_status.awaiting_brand")) || !strings.Contains(card, "550") {
		t.Errorf("Ben's card says %q, want his counter-offer of 550 to answer", card)
	}
	loadAfter(t, ctx, "open Ben's card", chromedp.Click(chromedp.CSS("#card-"+itoa(l.pts["Ben"])+" a")))
	wantPath(t, ctx, "/participants/"+itoa(l.pts["Ben"]))
	loadAfter(t, ctx, "accept the counter-offer", chromedp.Click(chromedp.CSS(`form[action$="/accept-counter"] button`)))
	noFormError(t, ctx)
	wantText(t, ctx, chromedp.CSS("main .flash"), l.en.T("participants.counter_accepted", "name", "Ben Okafor"))
	wantText(t, ctx, chromedp.CSS("#accepted-title"), l.en.T("participants.accepted_title"))
	a, err := participant.AcceptanceOf(context.Background(), l.d, l.brand, l.pts["Ben"])
	if err != nil || a == nil || a.Offer.MadeBy != participant.ByCreator || a.Offer.Compensation.FeeMinor != 55000 ||
		len(a.Offer.Deliverables) != 1 || a.Offer.Deliverables[0].Quantity != 2 || a.Offer.Message != "Two reels, one on the glacier." ||
		a.Actor != l.cm.Email {
		t.Errorf("Ben's acceptance: %+v %v", a, err)
	}
	browsertest.NoConsoleErrors(t, ctx, "accepting the counter-offer")
}

// askAndAnswer: Ana asks about the campaign in the portal, the team
// answers with canned answer 1 from the keyboard, and Ana answers the
// notification by email through the signed webhook.
func (l *loop) askAndAnswer(t *testing.T) {
	ctx := l.ctx
	bg := context.Background()
	l.followInvitation(t, "ana@example.com")
	loadAfter(t, ctx, "ask about the campaign", chromedp.Click(chromedp.CSS(`main a[href^="/portal/messages/new"]`)))
	if got := browsertest.Run(t, ctx, "read the campaign asked about", chromedp.Evaluate[string](`document.getElementById("campaign").value`)); got != itoa(l.campaign) {
		t.Errorf("the new message is about campaign %q, want %d", got, l.campaign)
	}
	browsertest.Do(t, ctx, "write the question",
		chromedp.SendKeys(chromedp.ID("subject"), "Where do I send the draft?"),
		chromedp.SendKeys(chromedp.ID("body"), "Hi! The first reel is ready. Where should I send the draft?"),
	)
	loadAfter(t, ctx, "send the question", chromedp.Click(chromedp.CSS(`main form[action="/portal/messages"] button[type=submit]`)))
	wantPath(t, ctx, `/portal/messages/\d+`)
	browsertest.NoConsoleErrors(t, ctx, "asking in the portal")

	browsertest.Do(t, ctx, "back to the team's pages", chromedp.Navigate(l.env.Server.URL+"/campaigns/"+itoa(l.campaign)))
	loadAfter(t, ctx, "open the inbox", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/inbox"]`)))
	browsertest.Do(t, ctx, "highlight the first conversation", chromedp.KeyEvent("j"))
	loadAfter(t, ctx, "open it with Enter", chromedp.KeyEvent(kb.Enter))
	threadPath := wantPath(t, ctx, `/inbox/threads/\d+`)
	wantText(t, ctx, chromedp.CSS("main h1"), "Where do I send the draft?")
	browsertest.Do(t, ctx, "insert canned answer 1", chromedp.KeyEvent("c"), chromedp.KeyEvent("1"))
	want := "Hi Ana, send the draft here; we review it within two working days."
	if got := browsertest.Run(t, ctx, "read the reply box", chromedp.Evaluate[string](`document.getElementById("body").value`)); got != want {
		t.Fatalf("the reply box holds %q after c 1", got)
	}
	loadAfter(t, ctx, "send with Ctrl+Enter", chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	wantText(t, ctx, chromedp.CSS("main .flash"), l.en.T("inbox.sent"))
	browsertest.NoConsoleErrors(t, ctx, "answering from the keyboard")

	q := jobs.New(l.d, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Config{Now: l.env.Now})
	inbox.RegisterJobs(q, l.env.Deps)
	l.env.Advance(inbox.DefaultDigestDelay + time.Second)
	for {
		ran, err := q.Work(bg)
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			break
		}
	}
	var replyTo string
	if err := l.d.QueryRowContext(bg, `SELECT reply_to FROM outbox WHERE to_addr = ? AND kind = ?`,
		"ana@example.com", "inbox.email.to_creator_reply").Scan(&replyTo); err != nil {
		t.Fatalf("Ana's notification: %v", err)
	}
	res := postSigned(t, l.env, "loop-key", map[string]string{"recipient": replyTo, "sender": "ana@example.com",
		"from": "Ana Prieto <ana@example.com>", "subject": "Re: Where do I send the draft?",
		"body-plain": "Sent, thanks!\n\nOn Tue, Dec 1, 2026 Lumen & Pine Outdoor <" + replyTo + "> wrote:\n> " + want})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("inbound webhook: %d", res.StatusCode)
	}
	browsertest.Do(t, ctx, "reload the thread", chromedp.Navigate(l.env.Server.URL+threadPath), chromedp.WaitVisible(chromedp.ID("messages")))
	got := browsertest.Run(t, ctx, "read the messages", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#messages .prewrap"), p => p.innerText.trim())`))
	wantMsgs := []string{"Hi! The first reel is ready. Where should I send the draft?", want, "Sent, thanks!"}
	if strings.Join(got, "|") != strings.Join(wantMsgs, "|") {
		t.Errorf("the thread shows %q, want %q", got, wantMsgs)
	}
	var campaignID int64
	if err := l.d.QueryRowContext(bg, `SELECT campaign_id FROM inbox_threads WHERE brand_id = ?`, l.brand).Scan(&campaignID); err != nil || campaignID != l.campaign {
		t.Errorf("the thread is about campaign %d (%v), want %d", campaignID, err, l.campaign)
	}
	browsertest.NoConsoleErrors(t, ctx, "reading the thread")
}

// checkBoard: Ana and Ben in accepted, Cy in declined, and Ana's
// acceptance as it was recorded before Ben's counter-offer was accepted.
func (l *loop) checkBoard(t *testing.T) {
	ctx := l.ctx
	board := "/campaigns/" + itoa(l.campaign) + "/participants"
	browsertest.Do(t, ctx, "open the board", chromedp.Navigate(l.env.Server.URL+board), chromedp.WaitVisible(chromedp.CSS("[data-board]")))
	for name, want := range map[string]string{"Ana": participant.StageAccepted, "Ben": participant.StageAccepted, "Cy": participant.StageDeclined} {
		if got := cardColumn(t, ctx, "card-"+itoa(l.pts[name])); got != want {
			t.Errorf("%s's card is in %q, want %q", name, got, want)
		}
	}
	wantText(t, ctx, chromedp.CSS("#col-accepted .count"), "2")
	wantText(t, ctx, chromedp.CSS("#col-declined .count"), "1")
	wantText(t, ctx, chromedp.CSS("#col-invited .count"), "0")
	browsertest.Screenshot(t, ctx, "campaign-loop-board.png")
	after, err := participant.AcceptanceOf(context.Background(), l.d, l.brand, l.pts["Ana"])
	if err != nil || !reflect.DeepEqual(l.anaAccepts, after) {
		t.Errorf("Ana's acceptance changed:\nbefore %+v\nafter  %+v %v", l.anaAccepts, after, err)
	}
	h, err := participant.History(context.Background(), l.d, l.brand, l.pts["Cy"], 10)
	if err != nil || len(h) == 0 || h[0].To != participant.StageDeclined || h[0].Reason != "offer declined: Travelling all winter" {
		t.Errorf("Cy's history: %+v %v", h, err)
	}
	browsertest.NoConsoleErrors(t, ctx, "reading the board")
}
