package browsertest_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/calendar"
	"github.com/rosterhq/roster/internal/calendar/calendartest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// TestCalendarMoveDueDate: a community manager opens the month (the test
// clock is 10 March 2026), moves a due date a day on with → on the
// focused item, drags it to another day, then moves it through the
// item's form, and finds it on its new day in the week view reached with
// the period keys.
func TestCalendarMoveDueDate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		b := env.Brand("Lumen & Pine Outdoor")
		cm := env.User("cm@example.com", b.ID, auth.CommunityManager)
		camp := calendartest.AddCampaign(t, d, b.ID, calendartest.Campaign{Name: "Spring Trails", Status: "active",
			StartsOn: "2026-03-02", EndsOn: "2026-03-27", OwnerID: cm.ID})
		id := calendartest.AddDeliverable(t, d, b.ID, camp, calendartest.Deliverable{Kind: "reel", Quantity: 2, DueOn: "2026-03-12"})
		key := "deliverable-" + strconv.FormatInt(id, 10)
		item := chromedp.CSS(`[data-cal-key="` + key + `"]`)
		en := i18n.For("en")
		title := calendar.DeliverableTitle(en, "Spring Trails", "instagram", "reel", 2)

		ctx := browsertest.New(t)
		signInBrowser(t, ctx, env, cm.Email)
		loadAfter(t, ctx, "open the calendar", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/calendar"]`)))
		wantPath(t, ctx, "/calendar")
		wantText(t, ctx, chromedp.CSS("main h1"), "March 2026")
		if day := itemDay(t, ctx, key); day != "2026-03-12" {
			t.Fatalf("the due date starts on %q, want 2026-03-12", day)
		}
		browsertest.NoConsoleErrors(t, ctx, "opening the month")
		browsertest.Screenshot(t, ctx, "calendar-month.png")

		// → on the focused item: one day later, the month again, focus kept.
		browsertest.Do(t, ctx, "focus the due date", chromedp.Focus(item))
		loadAfter(t, ctx, "press →", chromedp.KeyEvent(kb.ArrowRight))
		wantPath(t, ctx, "/calendar")
		wantText(t, ctx, chromedp.CSS("main .flash"), en.T("calendar.moved", "title", title, "date", calendar.DayLabel(en, day("2026-03-13"))))
		if got := itemDay(t, ctx, key); got != "2026-03-13" {
			t.Errorf("after → the due date is on %q, want 2026-03-13", got)
		}
		if got := browsertest.Run(t, ctx, "read the focus", chromedp.Evaluate[string](`document.activeElement.getAttribute("data-cal-key") || ""`)); got != key {
			t.Errorf("after the move the focus is on %q, want the moved item", got)
		}
		wantDue(t, env, id, "2026-03-13")

		// Dragging it onto another day (the events a drag fires, sent by
		// script: the DevTools protocol's drag needs a real pointer).
		loadAfter(t, ctx, "drag it to the 17th", chromedp.Evaluate[bool](`(function(){
			var item = document.querySelector('[data-cal-key="`+key+`"]'), day = document.querySelector('[data-cal-day="2026-03-17"]');
			var dt = new DataTransfer();
			item.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
			day.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
			day.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
			return true;
		})()`))
		wantPath(t, ctx, "/calendar")
		if got := itemDay(t, ctx, key); got != "2026-03-17" {
			t.Errorf("after the drag the due date is on %q, want 2026-03-17", got)
		}
		wantDue(t, env, id, "2026-03-17")

		// The item's own form, as without JavaScript.
		loadAfter(t, ctx, "open the move form", chromedp.Click(item))
		wantPath(t, ctx, `/calendar/deliverables/\d+/move`)
		browsertest.Do(t, ctx, "pick the 18th", chromedp.SetValue(chromedp.ID("due_on"), "2026-03-18"))
		loadAfter(t, ctx, "move it", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
		wantPath(t, ctx, "/calendar")
		noFormError(t, ctx)
		wantDue(t, env, id, "2026-03-18")

		// w opens the week of today (9–15 March); → goes on a week.
		loadAfter(t, ctx, "press w", chromedp.KeyEvent("w"))
		wantPath(t, ctx, "/calendar/week")
		if got := itemDay(t, ctx, key); got != "" {
			t.Errorf("the week of 9 March shows the due date on %q", got)
		}
		loadAfter(t, ctx, "press → for the next week", chromedp.KeyEvent(kb.ArrowRight))
		if q := query(t, ctx).Get("date"); q != "2026-03-16" {
			t.Fatalf("the next week starts on %q, want 2026-03-16", q)
		}
		if got := itemDay(t, ctx, key); got != "2026-03-18" {
			t.Errorf("the week view shows the due date on %q, want 2026-03-18", got)
		}
		wantText(t, ctx, chromedp.CSS(`li[data-cal-day="2026-03-18"] h2`), calendar.DayLabel(en, day("2026-03-18")))
		browsertest.NoConsoleErrors(t, ctx, "moving due dates")
		browsertest.Screenshot(t, ctx, "calendar-week.png")

		// On a phone the month is a list of the days where something
		// starts or is due, without sideways scrolling.
		browsertest.Do(t, ctx, "become a phone",
			chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3)),
			chromedp.Navigate(env.Server.URL+"/calendar?month=2026-03"),
			chromedp.WaitVisible(item),
		)
		fitsWidth(t, ctx, "the month on a phone")
		shown := browsertest.Run(t, ctx, "count the days shown", chromedp.Evaluate[int](
			`Array.from(document.querySelectorAll("td[data-cal-day]")).filter(td => td.offsetParent !== null).length`))
		if shown != 2 { // the campaign's start (2 March, with its dates) and the due date (18 March)
			t.Errorf("the phone shows %d days of March, want 2", shown)
		}
		browsertest.Screenshot(t, ctx, "calendar-month-phone.png")
	})
}

func day(s string) time.Time {
	t, _ := calendar.ParseDate(s)
	return t
}

// itemDay returns the day (data-cal-day) of the view holding the item
// with data-cal-key key, or "" when it is not shown.
func itemDay(t *testing.T, ctx context.Context, key string) string {
	t.Helper()
	return browsertest.Run(t, ctx, "find the day of "+key, chromedp.Evaluate[string](
		`(function(){var i=document.querySelector('[data-cal-key="`+key+`"]');var d=i&&i.closest("[data-cal-day]");return d?d.getAttribute("data-cal-day"):""})()`))
}

// wantDue checks the deliverable's stored due date.
func wantDue(t *testing.T, env *apptest.Env, id int64, want string) {
	t.Helper()
	if got := calendartest.DueOn(t, env.DB, id); got != want {
		t.Errorf("stored due date %s, want %s", got, want)
	}
}
