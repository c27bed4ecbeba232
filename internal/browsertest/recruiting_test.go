package browsertest_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/applications"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/mail"
)

// recruiting is one run of the recruiting journey: the application, the
// people and the browsers.
type recruiting struct {
	env   *apptest.Env
	brand *brand.Brand
	cm    *auth.User
	mail  *mailSink
	phone context.Context // the applicant's phone, in Spanish
	desk  context.Context // the community manager's desktop, in English
}

// The applicant of the journey.
const (
	applicantName  = "Valeria Cumbres"
	applicantEmail = "valeria@example.com"
)

// TestRecruitingJourney is the acceptance journey, in a real
// browser on each database: a creator applies in Spanish on a phone, the
// community manager scores and approves from the keyboard, the creator
// gets the emails through a real SMTP server and signs in to the portal
// with the magic link to see the approval.
func TestRecruitingJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		start := time.Now()
		r := newRecruiting(t, d)
		r.applyOnPhone(t)
		r.reviewWithKeyboard(t)
		r.seeApprovalInPortal(t)
		t.Logf("journey took %s", time.Since(start).Round(time.Millisecond))
	})
}

// newRecruiting opens a brand's application page with one custom
// question, adds its community manager, and delivers email through a job
// queue to a real SMTP server, as the server binary does.
func newRecruiting(t *testing.T, d *db.DB) *recruiting {
	t.Helper()
	ctx := context.Background()
	env := apptest.New(t, d)
	r := &recruiting{env: env, brand: env.Brand("Lumen & Pine Outdoor"), mail: startMailSink(t)}
	r.cm = env.User("cm@example.com", r.brand.ID, auth.CommunityManager)

	cfg := applications.DefaultConfig()
	cfg.Enabled = true
	cfg.Intro = applications.Text{"en": "Create outdoor stories with us.", "es": "Crea historias al aire libre con nosotros."}
	cfg.Questions = []applications.Question{{ID: "q1", Kind: applications.KindShortText, Required: true,
		Label: applications.Text{"en": "What do you love to film?", "es": "¿Qué te encanta filmar?"}}}
	svc := applications.NewService(d, env.Now, nil)
	fixture := auth.NewPrincipal(auth.Principal{BrandID: r.brand.ID, TokenName: "fixture"}, nil)
	if _, err := svc.SaveConfig(ctx, fixture, cfg); err != nil {
		t.Fatal(err)
	}

	sender, err := mail.NewSMTPSender("smtp://"+r.mail.Addr, "Roster <roster@test>")
	if err != nil {
		t.Fatal(err)
	}
	queue := jobs.New(d, slog.New(slog.DiscardHandler), jobs.Config{})
	mail.RegisterDelivery(queue, d, sender)
	env.Deps.Wake = queue.Notify
	runCtx, stop := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { _ = queue.Run(runCtx); close(stopped) }()
	t.Cleanup(func() { stop(); <-stopped })

	r.phone = browsertest.New(t)
	browsertest.Do(t, r.phone, "become a phone that prefers Spanish",
		chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3)),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders,
				network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "es-MX,es;q=0.9"}})
			return err
		}),
	)
	r.desk = browsertest.New(t)
	return r
}

// applyOnPhone: the page comes in Spanish and fits the phone; a missing
// email is reported by its field, in Spanish; once fixed, the applicant
// sees the thanks and the confirmation email arrives in Spanish.
func (r *recruiting) applyOnPhone(t *testing.T) {
	es, ctx, name := i18n.For("es"), r.phone, r.brand.Name
	browsertest.Do(t, ctx, "open the application page",
		chromedp.Navigate(r.env.Server.URL+"/apply/"+r.brand.Slug),
		chromedp.WaitVisible(chromedp.ID("display_name")),
	)
	wantLang(t, ctx, "es")
	wantText(t, ctx, chromedp.CSS("main h1"), es.T("applications.apply.title", "brand", name))
	wantText(t, ctx, chromedp.CSS(`label[for="q.q1"]`), "¿Qué te encanta filmar?")
	fitsWidth(t, ctx, "the application page")

	browsertest.Do(t, ctx, "fill the form without an email",
		chromedp.SendKeys(chromedp.ID("display_name"), applicantName),
		chromedp.SendKeys(chromedp.ID("country"), "MX"),
		chromedp.SetValue(chromedp.ID("acc-0-platform"), "instagram"),
		chromedp.SendKeys(chromedp.ID("acc-0-handle"), "@valeria.cumbres"),
		chromedp.SendKeys(chromedp.ID("acc-0-followers"), "48,2k"),
		chromedp.SendKeys(chromedp.ID("acc-0-er"), "3,1"),
		chromedp.SendKeys(chromedp.CSS(`[id="q.q1"]`), "Senderismo en la sierra"),
	)
	loadAfter(t, ctx, "send the application", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	wantLang(t, ctx, "es")
	wantText(t, ctx, chromedp.CSS("main .form-error"), es.T("form.fix_errors"))
	wantFieldError(t, ctx, "email", "email", es.T("validation.required"))
	if v := browsertest.Run(t, ctx, "read the handle", chromedp.Value(chromedp.ID("acc-0-handle"))); v != "@valeria.cumbres" {
		t.Errorf("after the error the handle reads %q, want what was typed", v)
	}
	fitsWidth(t, ctx, "the form with its error")
	browsertest.Screenshot(t, ctx, "apply-es-phone-error.png")

	browsertest.Do(t, ctx, "add the email", chromedp.SendKeys(chromedp.ID("email"), applicantEmail))
	loadAfter(t, ctx, "send the application again", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	wantPath(t, ctx, "/apply/"+r.brand.Slug)
	wantLang(t, ctx, "es")
	wantText(t, ctx, chromedp.CSS("main .flash"), es.T("applications.apply.thanks", "brand", name))
	noFormError(t, ctx)
	fitsWidth(t, ctx, "the confirmation")
	browsertest.NoConsoleErrors(t, ctx, "applying")

	got := r.mail.waitFor(t, "the confirmation", applicantEmail, func(m sunkMail) bool {
		return m.Subject == es.T("applications.email.received.subject", "brand", name)
	})
	if want := es.T("applications.email.received.body", "name", applicantName, "brand", name); !strings.Contains(got.Body, want) {
		t.Errorf("confirmation body:\n%s\nwant it to contain:\n%s", got.Body, want)
	}
	if got.From != "roster@test" {
		t.Errorf("confirmation sent from %q, want roster@test", got.From)
	}
}

// wantLang checks the language the page declares.
func wantLang(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	if lang := browsertest.Run(t, ctx, "read html lang", chromedp.Evaluate[string](`document.documentElement.lang`)); lang != want {
		t.Errorf("%s: html lang=%q, want %q", location(t, ctx).Path, lang, want)
	}
}

// phoneWidth is the width of the phone the applicant uses, in CSS pixels.
const phoneWidth = 390

// fitsWidth checks that the page is laid out for the phone's width (it
// has the viewport meta tag) and needs no sideways scrolling.
func fitsWidth(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	w := browsertest.Run(t, ctx, "measure "+what, chromedp.Evaluate[[]int](
		`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if w[1] != phoneWidth {
		t.Errorf("%s is laid out %dpx wide on a %dpx phone", what, w[1], phoneWidth)
	}
	if w[0] > w[1] {
		t.Errorf("%s is %dpx wide on a %dpx screen: it scrolls sideways", what, w[0], w[1])
	}
}
