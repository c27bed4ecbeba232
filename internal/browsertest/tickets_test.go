package browsertest_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/mail"
)

// TestTicketJourney: a community manager (who reads Roster in Spanish)
// opens a ticket with a screenshot; the account manager's email arrives
// at the test's SMTP server; the account manager takes the ticket from
// the queue of all their brands and answers; the community manager's
// email arrives in Spanish, and the thread shows the answer.
func TestTicketJourney(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx0 := context.Background()
		env := apptest.New(t, d)
		b := env.Brand("Lumen & Pine Outdoor")
		other := env.Brand("Northwind Coffee")
		cm := env.User("cm@example.com", b.ID, auth.CommunityManager)
		am := env.User("am@staff.example.com", other.ID, auth.AccountManager)
		env.User(am.Email, b.ID, auth.AccountManager)
		if _, err := d.ExecContext(ctx0, `UPDATE users SET locale = 'es' WHERE id = ?`, cm.ID); err != nil {
			t.Fatal(err)
		}
		sink := startMailSink(t)
		sender, err := mail.NewSMTPSender("smtp://"+sink.Addr, "Roster <roster@test>")
		if err != nil {
			t.Fatal(err)
		}
		queue := jobs.New(d, slog.New(slog.DiscardHandler), jobs.Config{})
		mail.RegisterDelivery(queue, d, sender)
		env.Deps.Wake = queue.Notify
		runCtx, stop := context.WithCancel(ctx0)
		stopped := make(chan struct{})
		go func() { _ = queue.Run(runCtx); close(stopped) }()
		t.Cleanup(func() { stop(); <-stopped })

		shot := filepath.Join(t.TempDir(), "export-error.png")
		if err := os.WriteFile(shot, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"), 0o644); err != nil {
			t.Fatal(err)
		}
		es, en := i18n.For("es"), i18n.For("en")

		// The community manager opens a ticket.
		ctx := browsertest.New(t)
		signInBrowser(t, ctx, env, cm.Email)
		loadAfter(t, ctx, "open Support", chromedp.Click(chromedp.CSS(`header a.support-link`)))
		loadAfter(t, ctx, "open the new ticket form", chromedp.Click(chromedp.CSS(`main a[href="/tickets/new"]`)))
		browsertest.Do(t, ctx, "fill the ticket",
			chromedp.WaitVisible(chromedp.ID("subject")),
			chromedp.SendKeys(chromedp.ID("subject"), "Export button does nothing"),
			chromedp.SetValue(chromedp.ID("priority"), "high"),
			chromedp.SendKeys(chromedp.ID("description"), "Clicking Export on the creators list shows nothing.\nScreenshot attached."),
			chromedp.SetUploadFiles(chromedp.ID("attachments"), []string{shot}),
		)
		loadAfter(t, ctx, "open the ticket", chromedp.Click(chromedp.CSS(`form[action="/tickets"] button[type=submit]`)))
		ticketPath := wantPath(t, ctx, `/tickets/\d+`)
		id := strings.TrimPrefix(ticketPath, "/tickets/")
		noFormError(t, ctx)
		wantText(t, ctx, chromedp.CSS("#ticket-status"), es.T("tickets.status.new"))
		wantText(t, ctx, chromedp.CSS(`main ul.attachments a`), "export-error.png")
		browsertest.NoConsoleErrors(t, ctx, "opening a ticket")

		// The account manager is told, in English, through SMTP.
		toAM := sink.waitFor(t, "the new ticket email", am.Email, func(m sunkMail) bool { return strings.Contains(m.Subject, "#"+id) })
		if toAM.Subject != "[Lumen & Pine Outdoor] New High ticket #"+id+": Export button does nothing" ||
			!strings.Contains(toAM.Body, env.Server.URL+"/tickets/queue#ticket-"+id) {
			t.Errorf("account manager's email: %q\n%s", toAM.Subject, toAM.Body)
		}

		// From the queue of all their brands, the account manager answers.
		amCtx := browsertest.New(t)
		signInBrowser(t, amCtx, env, am.Email)
		browsertest.Do(t, amCtx, "open the queue", chromedp.Navigate(env.Server.URL+"/tickets/queue"), chromedp.WaitVisible(chromedp.ID("ticket-"+id)))
		wantText(t, amCtx, chromedp.CSS("#ticket-"+id+" td:first-child"), "Lumen & Pine Outdoor")
		loadAfter(t, amCtx, "work the ticket", chromedp.Click(chromedp.CSS("#ticket-"+id+" button[type=submit]")))
		wantPath(t, amCtx, ticketPath)
		browsertest.Do(t, amCtx, "write the answer",
			chromedp.WaitVisible(chromedp.ID("body")),
			chromedp.SendKeys(chromedp.ID("body"), "Fixed: the export had stalled. Please try again."),
		)
		loadAfter(t, amCtx, "send the answer", chromedp.Click(chromedp.CSS(`form[action$="/replies"] button[type=submit]`)))
		wantPath(t, amCtx, ticketPath)
		wantText(t, amCtx, chromedp.CSS("main .flash"), en.T("tickets.replied"))
		wantText(t, amCtx, chromedp.CSS("#ticket-status"), en.T("tickets.status.waiting"))
		browsertest.NoConsoleErrors(t, amCtx, "answering a ticket")

		// The community manager is told in Spanish and reads the answer.
		toCM := sink.waitFor(t, "the answer email", cm.Email, func(m sunkMail) bool { return strings.Contains(m.Subject, "#"+id) })
		if toCM.Subject != "Tu equipo de cuenta ha respondido al ticket #"+id+": Export button does nothing" ||
			!strings.Contains(toCM.Body, "Fixed: the export had stalled.") || !strings.Contains(toCM.Body, env.Server.URL+ticketPath) {
			t.Errorf("community manager's email: %q\n%s", toCM.Subject, toCM.Body)
		}
		browsertest.Do(t, ctx, "reload the ticket", chromedp.Navigate(env.Server.URL+ticketPath), chromedp.WaitVisible(chromedp.ID("ticket-status")))
		got := browsertest.Run(t, ctx, "read the thread", chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("article.message .prewrap"), p => p.innerText.trim())`))
		if len(got) != 2 || got[1] != "Fixed: the export had stalled. Please try again." {
			t.Errorf("the thread shows %q", got)
		}
		wantText(t, ctx, chromedp.CSS("#ticket-status"), es.T("tickets.status.waiting"))
		browsertest.Screenshot(t, ctx, "ticket-thread.png")
		browsertest.NoConsoleErrors(t, ctx, "reading the answer")
	})
}
