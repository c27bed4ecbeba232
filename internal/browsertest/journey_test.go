package browsertest_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/browsertest"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// TestCreatorJourney is what a community manager does on a first day:
// sign in, add a creator with a mistake in the form, read the message by
// the field, fix it, find the creator in the list, and switch the
// interface to Spanish — in a real browser, with app.js and the strict
// CSP, and without a single console error.
func TestCreatorJourney(t *testing.T) {
	start := time.Now()
	ctx := browsertest.New(t)
	env := apptest.New(t, dbtest.SQLite(t))
	b := env.Brand("Lumen & Pine Outdoor")
	env.User("cm@example.com", b.ID, auth.CommunityManager)
	// Two other creators, so the search has something to leave out.
	token := env.Token(b.ID, auth.CreatorsWrite)
	for _, body := range []string{
		`{"display_name":"Bruno Summit","social_accounts":[{"platform":"tiktok","handle":"brunosummit","followers":8000}]}`,
		`{"display_name":"Chiara Riverbend","social_accounts":[{"platform":"youtube","handle":"@chiarariver","followers":42000}]}`,
	} {
		if res := env.API(token, "POST", "/api/v1/creators", body); res.Status != 201 {
			t.Fatalf("seed creator: %d %s", res.Status, res.Body)
		}
	}
	en, es := i18n.For("en"), i18n.For("es")
	base := env.Server.URL

	// Sign in.
	browsertest.Do(t, ctx, "open the sign-in page",
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "cm@example.com"),
		chromedp.SendKeys(chromedp.ID("password"), apptest.Password),
	)
	loadAfter(t, ctx, "sign in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	wantPath(t, ctx, "/creators")
	noFormError(t, ctx)
	browsertest.NoConsoleErrors(t, ctx, "signing in")

	// Open the form from the list's "New creator" link, found by its text.
	newLink := chromedp.Search(fmt.Sprintf(`//main//a[normalize-space()=%q]`, en.T("creators.new")))
	loadAfter(t, ctx, "click "+en.T("creators.new"), chromedp.Click(newLink))
	wantPath(t, ctx, "/creators/new")

	// Fill it with two mistakes: a TikTok link as the Instagram handle of
	// the first account row, and an email without a domain.
	const name = "Ada Trailwalker"
	browsertest.Do(t, ctx, "fill the new-creator form",
		chromedp.WaitVisible(chromedp.ID("display_name")),
		chromedp.SendKeys(chromedp.ID("display_name"), name),
		chromedp.SendKeys(chromedp.ID("email"), "ada@"),
		chromedp.SendKeys(chromedp.ID("country"), "GB"),
		chromedp.SendKeys(chromedp.ID("tags"), "hiking, gear"),
		chromedp.SetValue(chromedp.ID("acc-0-platform"), "instagram"),
		chromedp.SendKeys(chromedp.ID("acc-0-handle"), "https://www.tiktok.com/@adatrail"),
		chromedp.SendKeys(chromedp.ID("acc-0-followers"), "12500"),
	)
	loadAfter(t, ctx, "save the form with mistakes", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	wantPath(t, ctx, "/creators")

	wantText(t, ctx, chromedp.CSS("main .form-error"), en.T("form.fix_errors"))
	wantFieldError(t, ctx, "acc-0-handle", "social_accounts[0].handle",
		en.T("validation.handle_wrong_platform", "got", creator.PlatformLabel("tiktok"), "want", creator.PlatformLabel("instagram")))
	wantFieldError(t, ctx, "email", "email", en.T("validation.invalid_email"))
	// Everything typed is still there, the mistakes included.
	for id, want := range map[string]string{
		"display_name": name, "email": "ada@", "country": "GB", "tags": "hiking, gear",
		"acc-0-platform": "instagram", "acc-0-handle": "https://www.tiktok.com/@adatrail", "acc-0-followers": "12500",
	} {
		if got := browsertest.Run(t, ctx, "read "+id, chromedp.Value(chromedp.ID(id))); got != want {
			t.Errorf("after the errors, #%s = %q, want %q (what was typed)", id, got, want)
		}
	}
	// Only the two wrong fields are marked.
	invalid := browsertest.Run(t, ctx, "list invalid fields", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("[aria-invalid=true]"), e => e.id)`))
	if strings.Join(invalid, " ") != "email acc-0-handle" {
		t.Errorf("fields marked invalid: %q, want [email acc-0-handle]", invalid)
	}
	browsertest.Screenshot(t, ctx, "creator-form-errors.png")
	browsertest.NoConsoleErrors(t, ctx, "the form came back with errors")

	// Fix both and save.
	browsertest.Do(t, ctx, "fix the form",
		chromedp.Clear(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "ada@example.com"),
		chromedp.Clear(chromedp.ID("acc-0-handle")),
		chromedp.SendKeys(chromedp.ID("acc-0-handle"), "@ada.trailwalker"),
	)
	loadAfter(t, ctx, "save the fixed form", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	showPath := wantPath(t, ctx, `/creators/\d+`)
	wantText(t, ctx, chromedp.CSS("main h1"), name)
	noFormError(t, ctx)
	wantText(t, ctx, chromedp.CSS("main .flash"), en.T("creators.created", "name", name))
	wantText(t, ctx, chromedp.CSS(`main a[href="mailto:ada@example.com"]`), "ada@example.com")
	wantText(t, ctx, chromedp.CSS(`main a[href="https://www.instagram.com/ada.trailwalker/"]`), "ada.trailwalker")
	browsertest.NoConsoleErrors(t, ctx, "saving the creator")

	// Back to the list through the main navigation: the creator is there.
	loadAfter(t, ctx, "open Creators", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/creators"]`)))
	wantPath(t, ctx, "/creators")
	wantText(t, ctx, chromedp.CSS("main .muted"), en.N("creators.total", 3))
	noFormError(t, ctx)
	if rows := listedNames(t, ctx); !slices.Contains(rows, name) || len(rows) != 3 {
		t.Errorf("creators listed: %q, want %s among 3", rows, name)
	}

	// Search for it with the search box.
	browsertest.Do(t, ctx, "type a search",
		chromedp.SendKeys(chromedp.ID("q"), "trailwalker"),
	)
	loadAfter(t, ctx, "search", chromedp.Click(chromedp.Search(fmt.Sprintf(`//form[@role="search"]//button[normalize-space()=%q]`, en.T("action.filter")))))
	wantPath(t, ctx, "/creators")
	if q := query(t, ctx).Get("q"); q != "trailwalker" {
		t.Errorf("search URL has q=%q, want trailwalker", q)
	}
	if rows := listedNames(t, ctx); len(rows) != 1 || rows[0] != name {
		t.Errorf("search for trailwalker lists %q, want only %s", rows, name)
	}
	if href := browsertest.Run(t, ctx, "read the row link", chromedp.AttributeValue(chromedp.CSS("main tbody td a"), "href")); href.Value != showPath {
		t.Errorf("row links to %q, want %q", href.Value, showPath)
	}
	noFormError(t, ctx)
	browsertest.NoConsoleErrors(t, ctx, "searching")

	// Switch the interface to Spanish with the footer's language picker;
	// app.js submits it when the choice changes.
	loadAfter(t, ctx, "choose Español", chromedp.Evaluate[bool](`(() => {
		const s = document.getElementById("lang-pick");
		s.value = "es";
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`))
	wantPath(t, ctx, "/creators")
	if q := query(t, ctx).Get("q"); q != "trailwalker" {
		t.Errorf("after the language switch, q=%q: the page should stay where it was", q)
	}
	if lang := browsertest.Run(t, ctx, "read html lang", chromedp.Evaluate[string](`document.documentElement.lang`)); lang != "es" {
		t.Errorf(`html lang=%q, want "es"`, lang)
	}
	wantText(t, ctx, chromedp.CSS(`nav.main-nav a[href="/creators"]`), es.T("nav.creators"))
	wantText(t, ctx, chromedp.CSS("main h1"), es.T("creators.title"))
	wantText(t, ctx, chromedp.CSS(`main a[href="/creators/new"]`), es.T("creators.new"))
	wantText(t, ctx, chromedp.CSS(`footer button[type=submit]`), es.T("nav.change_language"))
	if v := browsertest.Run(t, ctx, "read the language picker", chromedp.Value(chromedp.ID("lang-pick"))); v != "es" {
		t.Errorf("language picker shows %q, want es", v)
	}

	// The whole list, in Spanish, for a look.
	browsertest.Do(t, ctx, "open the full list", chromedp.Navigate(base+"/creators"), chromedp.WaitVisible(chromedp.CSS("main tbody")))
	wantText(t, ctx, chromedp.CSS("main .muted"), es.N("creators.total", 3))
	noFormError(t, ctx)
	browsertest.Screenshot(t, ctx, "creators-es.png")
	browsertest.NoConsoleErrors(t, ctx, "switching to Spanish")
	t.Logf("journey took %s", time.Since(start).Round(time.Millisecond))
}

// loadAfter runs trigger (a click, a script that submits a form) and
// waits until the page it leads to has loaded.
func loadAfter[T any](t *testing.T, ctx context.Context, what string, trigger chromedp.Action[T]) {
	t.Helper()
	browsertest.Run(t, ctx, what, chromedp.WaitEvent(page.LoadEventFired, nil, trigger))
}

// wantPath checks the path of the current page against the regular
// expression pattern (anchored) and returns the path.
func wantPath(t *testing.T, ctx context.Context, pattern string) string {
	t.Helper()
	u := location(t, ctx)
	if !regexp.MustCompile(`^` + pattern + `$`).MatchString(u.Path) {
		t.Fatalf("on %s, want a page at %s", u, pattern)
	}
	return u.Path
}

func query(t *testing.T, ctx context.Context) url.Values {
	t.Helper()
	return location(t, ctx).Query()
}

func location(t *testing.T, ctx context.Context) *url.URL {
	t.Helper()
	loc := browsertest.Run(t, ctx, "read the location", chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// wantText waits for sel to be visible and checks its text.
func wantText(t *testing.T, ctx context.Context, sel chromedp.CSS, want string) {
	t.Helper()
	browsertest.Do(t, ctx, "wait for "+string(sel), chromedp.WaitVisible(sel))
	if got := strings.TrimSpace(browsertest.Run(t, ctx, "read "+string(sel), chromedp.Text(sel))); got != want {
		t.Errorf("%s says %q, want %q", sel, got, want)
	}
}

// noFormError checks that the page shows no message at the top of a form
// (such as "Something went wrong on our side") where none is due.
func noFormError(t *testing.T, ctx context.Context) {
	t.Helper()
	msgs := browsertest.Run(t, ctx, "look for form errors", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(".form-error, .field-error"), e => e.innerText.trim())`))
	if len(msgs) > 0 {
		t.Errorf("%s shows error messages: %q", location(t, ctx).Path, msgs)
	}
}

// fieldError is where a field's message sits relative to its input.
type fieldError struct {
	Found       bool    `json:"found"`
	Text        string  `json:"text"`
	Visible     bool    `json:"visible"`
	AfterInput  bool    `json:"afterInput"`  // the next element after the input
	Gap         float64 `json:"gap"`         // from the input's bottom to the message's top, in px
	Overlap     float64 `json:"overlap"`     // horizontal overlap of input and message, in px
	Invalid     string  `json:"invalid"`     // the input's aria-invalid
	DescribedBy string  `json:"describedBy"` // the input's aria-describedby
}

// wantFieldError checks that the message for field is shown right under
// the input with id inputID, says want, and is tied to it for screen
// readers.
func wantFieldError(t *testing.T, ctx context.Context, inputID, field, want string) {
	t.Helper()
	errID := field + "-error"
	got := browsertest.Run(t, ctx, "inspect "+errID, chromedp.Evaluate[fieldError](fmt.Sprintf(`(() => {
		const input = document.getElementById(%q), msg = document.getElementById(%q);
		if (!input || !msg) return {found: false};
		const a = input.getBoundingClientRect(), b = msg.getBoundingClientRect();
		return {
			found: true,
			text: msg.innerText.trim(),
			visible: b.width > 0 && b.height > 0 && getComputedStyle(msg).visibility !== "hidden",
			afterInput: input.nextElementSibling === msg,
			gap: b.top - a.bottom,
			overlap: Math.min(a.right, b.right) - Math.max(a.left, b.left),
			invalid: input.getAttribute("aria-invalid") || "",
			describedBy: input.getAttribute("aria-describedby") || "",
		};
	})()`, inputID, errID)))
	switch {
	case !got.Found:
		t.Errorf("no #%s message or no #%s input on the page", errID, inputID)
		return
	case !got.Visible:
		t.Errorf("#%s is not visible", errID)
	case got.Text != want:
		t.Errorf("#%s says %q, want %q", errID, got.Text, want)
	}
	if !got.AfterInput || got.Gap < 0 || got.Gap > 24 || got.Overlap <= 0 {
		t.Errorf("#%s is not right under #%s (next sibling %v, %.0fpx below, %.0fpx overlap)", errID, inputID, got.AfterInput, got.Gap, got.Overlap)
	}
	if got.Invalid != "true" || got.DescribedBy != errID {
		t.Errorf("#%s has aria-invalid=%q aria-describedby=%q, want true and %q", inputID, got.Invalid, got.DescribedBy, errID)
	}
}

// listedNames returns the creator names in the list's rows.
func listedNames(t *testing.T, ctx context.Context) []string {
	t.Helper()
	browsertest.Do(t, ctx, "wait for the list", chromedp.WaitVisible(chromedp.CSS("main tbody")))
	return browsertest.Run(t, ctx, "read the list", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("main tbody td a[href^='/creators/']"), a => a.textContent.trim())`))
}
