// Package browsertest drives Roster's pages in a real headless Chromium
// through the DevTools protocol (chromedp), so tests can check what a
// person actually sees: forms, messages next to fields, languages, and a
// console free of script errors and Content-Security-Policy violations.
//
// The browser is the system's Chromium: $ROSTER_TEST_CHROMIUM, else
// chromium, chromium-browser or google-chrome on PATH. Without one the
// tests skip, except in CI (CI set), where they fail: CI must run them; a
// $ROSTER_TEST_CHROMIUM that is not an executable fails too.
// See docs/adr/0006-browser-tests.md.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// EnvChromium names the variable that points at the browser binary.
const EnvChromium = "ROSTER_TEST_CHROMIUM"

// Timeout bounds one step of a test (see Do and Run) and the start of the
// browser, so a hung browser fails the test instead of hanging CI.
const Timeout = 60 * time.Second

// candidates are the browser names looked up on PATH, in order, when
// $ROSTER_TEST_CHROMIUM is not set.
var candidates = []string{"chromium", "chromium-browser", "google-chrome"}

// FindChromium returns the browser to use, or "" when there is none.
func FindChromium() string {
	if p := os.Getenv(EnvChromium); p != "" {
		if found, err := exec.LookPath(p); err == nil {
			return found
		}
		return ""
	}
	for _, name := range candidates {
		if found, err := exec.LookPath(name); err == nil {
			return found
		}
	}
	return ""
}

// New starts a headless Chromium for t and returns the context of its
// first tab; the browser closes at the end of the test. When no browser
// is found, the test skips, or fails when the variable CI is set or
// $ROSTER_TEST_CHROMIUM names a file that is not an executable.
//
// From then on, every error the pages write to the console is recorded: an
// uncaught exception, console.error, or a browser log entry at level
// error (a CSP violation, a failed script, style or icon, a 5xx page). A
// page's own 4xx status is not one: a form sent back with its errors is
// a normal answer, whose content the test checks. The test fails at its
// end if there was any; ConsoleErrors and NoConsoleErrors read them
// earlier.
func New(t testing.TB) context.Context {
	t.Helper()
	path := FindChromium()
	if path == "" {
		if v := os.Getenv(EnvChromium); v != "" {
			// Asked for a browser that isn't there: a broken setup, not a
			// machine without Chromium.
			t.Fatalf("Chromium not found: %s=%q is not an executable", EnvChromium, v)
		}
		if os.Getenv("CI") != "" {
			t.Fatal("Chromium not found: CI must run the browser tests; install the chromium package")
		}
		t.Skip("browser tests skipped: install Chromium (apt-get install chromium) or set " + EnvChromium)
	}

	// chromedp's defaults (Puppeteer's: no background throttling, no
	// popups blocked, …), then ours. The network may be closed: turn off
	// everything that phones home, or Chromium stalls waiting for it.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // tests may run as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), // small /dev/shm in containers
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("lang", "en-US"), // pages start in English whatever the machine's locale
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	con := &console{}
	ctx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(con.listen))
	t.Cleanup(func() {
		// Close the browser gracefully, but never wait for ever.
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		_ = chromedp.Cancel(cctx)
		cancel()
		cancelTab()
		cancelAlloc() // waits for the process to exit, before TempDir is removed
	})

	// The first action starts the browser and ties its life to the context
	// it runs with, so it runs on ctx itself; the timeout is kept here.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start Chromium (%s): %v", path, err)
		}
	case <-time.After(Timeout):
		cancelAlloc()
		t.Fatalf("start Chromium (%s): no answer in %s", path, Timeout)
	}

	t.Cleanup(func() {
		for _, e := range con.take() {
			t.Errorf("browser console: %s", e)
		}
	})
	return context.WithValue(ctx, consoleKey{}, con)
}

// Do runs steps on the tab of ctx within Timeout and fails the test,
// naming what, when one fails.
func Do(t testing.TB, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Run runs one action on the tab of ctx within Timeout and returns its
// value; it fails the test, naming what, when the action fails.
func Run[T any](t testing.TB, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	v, err := chromedp.Run(tctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// WaitPath waits until the page at path (a URL path) has loaded, for a
// form whose answer is a redirect. A navigation that happens while the
// condition runs destroys the JavaScript context it ran in ("Cannot find
// context"): the page is still on its way, so the wait goes on until
// Timeout.
func WaitPath(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	deadline := time.Now().Add(Timeout)
	cond := `location.pathname === ` + strconv.Quote(path) + ` && document.readyState === "complete"`
	for {
		tctx, cancel := context.WithDeadline(ctx, deadline)
		_, err := chromedp.Run(tctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(time.Until(deadline))))
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) || !strings.Contains(err.Error(), "Cannot find context") {
			t.Fatalf("reach %s: %v", path, err)
		}
	}
}

// EnvScreenshots names the variable of a directory that keeps the
// screenshots of Screenshot after the test; without it they go to the
// test's temporary directory and are removed with it.
const EnvScreenshots = "ROSTER_TEST_SCREENSHOTS"

// Screenshot saves a PNG of the whole page of the tab of ctx as name (a
// file name such as "creators.png") and returns its path.
func Screenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	png := Run(t, ctx, "screenshot "+name, chromedp.FullScreenshot(100))
	dir := os.Getenv(EnvScreenshots)
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return path
}

// ConsoleErrors returns the console errors recorded on the tab of ctx
// since the last call (or since New), and marks them seen so the end of
// the test does not report them again.
func ConsoleErrors(ctx context.Context) []string {
	con, _ := ctx.Value(consoleKey{}).(*console)
	if con == nil {
		return nil
	}
	return con.take()
}

// NoConsoleErrors fails the test if any console error was recorded on
// the tab of ctx since the last check; after says where in the test.
func NoConsoleErrors(t testing.TB, ctx context.Context, after string) {
	t.Helper()
	for _, e := range ConsoleErrors(ctx) {
		t.Errorf("browser console after %s: %s", after, e)
	}
}

type consoleKey struct{}

// console collects error-level messages of one tab. listen runs in the
// tab's event loop, so it only formats and appends.
type console struct {
	mu     sync.Mutex
	errors []string
	// pages4xx holds the requests of documents answered with a 4xx status.
	// Chromium logs "Failed to load resource" for them, but a page such as
	// a form sent back with its errors (422) or a not-found page is a
	// normal answer whose content the test checks; a 5xx page, a missing
	// script, style or icon stay errors.
	pages4xx map[network.RequestID]bool
}

func (c *console) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *network.EventResponseReceived:
		if ev.Type == network.ResourceTypeDocument && ev.Response != nil && ev.Response.Status >= 400 && ev.Response.Status < 500 {
			c.mu.Lock()
			if c.pages4xx == nil {
				c.pages4xx = map[network.RequestID]bool{}
			}
			c.pages4xx[ev.RequestID] = true
			c.mu.Unlock()
		}
		return
	case *runtime.EventExceptionThrown:
		msg = "uncaught exception: " + exceptionText(ev.ExceptionDetails)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			parts = append(parts, remoteText(a))
		}
		msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
	case *log.EventEntryAdded:
		if ev.Entry == nil || ev.Entry.Level != log.EntryLevelError {
			return
		}
		if ev.Entry.Source == log.EntrySourceNetwork && ev.Entry.NetworkRequestID != "" {
			c.mu.Lock()
			page := c.pages4xx[ev.Entry.NetworkRequestID]
			c.mu.Unlock()
			if page {
				return
			}
		}
		msg = fmt.Sprintf("%s error: %s", ev.Entry.Source, ev.Entry.Text)
		if ev.Entry.URL != "" {
			msg += " (" + ev.Entry.URL + ")"
		}
	default:
		return
	}
	c.mu.Lock()
	c.errors = append(c.errors, msg)
	c.mu.Unlock()
}

func (c *console) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.errors
	c.errors = nil
	return out
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	text := d.Text
	if d.Exception != nil {
		text += " " + remoteText(d.Exception)
	}
	if d.URL != "" {
		text += fmt.Sprintf(" at %s:%d:%d", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	}
	return text
}

// remoteText renders a console argument the way DevTools shows it, well
// enough for a failure message.
func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if o.Description != "" {
		return o.Description
	}
	if len(o.Value) > 0 {
		return strings.Trim(string(o.Value), `"`)
	}
	return string(o.Type)
}
