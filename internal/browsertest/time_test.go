package browsertest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// TestTimerAndStatement: the account manager starts a timer, sees it
// count on screen, and finds it still running after a reload 25 minutes
// later (by the server's clock); stopping it logs 25 minutes. The brand
// executive then reads the month's statement with that entry and
// downloads its PDF.
func TestTimerAndStatement(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		b := env.Brand("Lumen & Pine Outdoor")
		am := env.User("am@example.com", b.ID, auth.AccountManager)
		exec := env.User("exec@example.com", b.ID, auth.BrandExecutive)

		ctx := browsertest.New(t)
		signInBrowser(t, ctx, env, am.Email)
		loadAfter(t, ctx, "open my time", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/time"]`)))
		wantPath(t, ctx, "/time")
		browsertest.Do(t, ctx, "choose the activity and a note",
			chromedp.SetValue(chromedp.ID("timer_category"), "account_strategy"),
			chromedp.SendKeys(chromedp.ID("timer_note"), "QBR deck"))
		loadAfter(t, ctx, "start the timer", chromedp.Click(chromedp.ID("timer-start")))
		noFormError(t, ctx)
		// The script counts on screen from the server's elapsed time.
		counted := browsertest.Run(t, ctx, "see the timer count", chromedp.Poll[string](
			`(function(){ var t = document.querySelector("[data-timer-elapsed]").textContent; return /^0:00:0[1-9]$/.test(t) ? t : null; })()`,
			chromedp.WithPollingTimeout(10*time.Second)))
		if counted == "" {
			t.Fatal("the running timer does not count on screen")
		}

		env.Advance(25 * time.Minute)
		loadAfter(t, ctx, "reload the page", chromedp.Reload())
		elapsed := browsertest.Run(t, ctx, "read the timer", chromedp.Evaluate[string](`document.querySelector("[data-timer-elapsed]").getAttribute("data-timer-elapsed")`))
		if elapsed < "1500" || len(elapsed) != 4 {
			t.Fatalf("after the reload the timer shows %s s, want 25 minutes", elapsed)
		}
		loadAfter(t, ctx, "stop the timer", chromedp.Click(chromedp.ID("timer-stop")))
		wantText(t, ctx, chromedp.CSS("main .flash"), "Timer stopped: 0.42 h logged.")
		var minutes int
		if err := d.QueryRowContext(context.Background(), `SELECT minutes FROM time_entries WHERE user_id = ? AND source = 'timer'`, am.ID).Scan(&minutes); err != nil || minutes != 25 {
			t.Fatalf("the timer logged %d minutes (%v), want 25", minutes, err)
		}
		browsertest.NoConsoleErrors(t, ctx, "running the timer")

		ctx = browsertest.New(t)
		signInBrowser(t, ctx, env, exec.Email)
		loadAfter(t, ctx, "open utilization", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/utilization"]`)))
		loadAfter(t, ctx, "open the statement", chromedp.Click(chromedp.CSS(`main a[href^="/utilization/statement?"]`)))
		wantPath(t, ctx, "/utilization/statement")
		body := browsertest.Run(t, ctx, "read the statement", chromedp.Evaluate[string](`document.querySelector("main").innerText`))
		if !strings.Contains(body, "QBR deck") || !strings.Contains(body, "Account management & strategy") {
			t.Errorf("the statement lacks the timer's entry:\n%s", body)
		}
		// The PDF link, fetched by the page as a download would be.
		got := browsertest.Run(t, ctx, "download the PDF", chromedp.Evaluate[string](`fetch(document.querySelector('a[href^="/utilization/statement.pdf"]').href)
			.then(function(r){ return r.arrayBuffer().then(function(b){
				return r.status + " " + r.headers.get("content-type") + " " + r.headers.get("content-disposition").indexOf("attachment") + " " +
					String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5))) + " " + b.byteLength; }); })`, chromedp.EvalAwaitPromise))
		parts := strings.Fields(got)
		if len(parts) != 5 || parts[0] != "200" || parts[1] != "application/pdf" || parts[2] != "0" || parts[3] != "%PDF-" || len(parts[4]) < 4 {
			t.Errorf("statement PDF download: %q", got)
		}
		browsertest.NoConsoleErrors(t, ctx, "reading the statement")
		browsertest.Screenshot(t, ctx, "statement.png")
	})
}
