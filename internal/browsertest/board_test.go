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
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/stages"
)

// TestPipelineBoardKeyboard: a community manager opens the board, focuses
// a card and moves the creator one stage on with →, then back with ←;
// each move reloads the board with the card in its new column and still
// focused, and is stored with a stage event naming the manager.
func TestPipelineBoardKeyboard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		start := time.Now()
		env := apptest.New(t, d)
		b := env.Brand("Lumen & Pine Outdoor")
		cm := env.User("cm@example.com", b.ID, auth.CommunityManager)
		svc := creator.NewService(d, env.Now)
		fixture := auth.NewPrincipal(auth.Principal{BrandID: b.ID, TokenName: "fixture"}, nil)
		var mover *creator.Creator
		for _, f := range []creator.Fields{
			{DisplayName: "Ada Trailwalker", Stage: "prospect"},
			{DisplayName: "Bruno Summit", Stage: "invited"},
			{DisplayName: "Chiara Riverbend", Stage: "approved"},
		} {
			c, err := svc.Create(context.Background(), fixture, f)
			if err != nil {
				t.Fatal(err)
			}
			if mover == nil {
				mover = c
			}
		}
		card := "card-" + strconv.FormatInt(mover.ID, 10)
		ctx := browsertest.New(t)
		signInBrowser(t, ctx, env, cm.Email)
		loadAfter(t, ctx, "open the board", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/pipeline"]`)))
		wantPath(t, ctx, "/pipeline")
		if col := cardColumn(t, ctx, card); col != "prospect" {
			t.Fatalf("%s starts in column %q, want prospect", mover.DisplayName, col)
		}
		browsertest.NoConsoleErrors(t, ctx, "opening the board")

		en := i18n.For("en")
		for _, step := range []struct {
			key, keyName string
			focus        bool
			from, to     string
		}{
			{kb.ArrowRight, "→", true, "prospect", "invited"},
			{kb.ArrowLeft, "←", false, "invited", "prospect"}, // the card is still focused after the reload
		} {
			if step.focus {
				browsertest.Do(t, ctx, "focus the card", chromedp.Focus(chromedp.ID(card)))
			}
			if got := activeID(t, ctx); got != card {
				t.Fatalf("before pressing %s the focus is on %q, want %s", step.keyName, got, card)
			}
			loadAfter(t, ctx, "press "+step.keyName, chromedp.KeyEvent(step.key))
			wantPath(t, ctx, "/pipeline")
			if col := cardColumn(t, ctx, card); col != step.to {
				t.Errorf("after %s the card is in column %q, want %q", step.keyName, col, step.to)
			}
			if got := activeID(t, ctx); got != card {
				t.Errorf("after %s the focus is on %q, want the moved card", step.keyName, got)
			}
			stageName := stages.Names(en, stages.Defaults())[step.to]
			wantText(t, ctx, chromedp.CSS("main .flash"), en.T("pipeline.moved", "name", mover.DisplayName, "stage", stageName))
			wantStageChange(t, env, mover.ID, cm.ID, step.from, step.to)
			browsertest.NoConsoleErrors(t, ctx, "pressing "+step.keyName)
		}
		browsertest.Screenshot(t, ctx, "pipeline-board.png")
		t.Logf("board test took %s", time.Since(start).Round(time.Millisecond))
	})
}

// signInBrowser signs email in through the login form of env's server.
func signInBrowser(t *testing.T, ctx context.Context, env *apptest.Env, email string) {
	t.Helper()
	browsertest.Do(t, ctx, "open the sign-in page",
		chromedp.Navigate(env.Server.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), apptest.Password),
	)
	loadAfter(t, ctx, "sign in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	noFormError(t, ctx)
}

// cardColumn returns the stage key of the board column holding the card
// with id, or "" when the card is not on the board.
func cardColumn(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	return browsertest.Run(t, ctx, "find the column of "+id, chromedp.Evaluate[string](
		`(function(){var c=document.getElementById(`+strconv.Quote(id)+`);var h=c&&c.closest("section.board-column").querySelector("h2");return h?h.id.replace(/^col-/,""):""})()`))
}

// activeID returns the id of the focused element.
func activeID(t *testing.T, ctx context.Context) string {
	t.Helper()
	return browsertest.Run(t, ctx, "read the focused element", chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
}

// wantStageChange checks the creator's stored stage and that its latest
// stage event is from → to by the user actorID.
func wantStageChange(t *testing.T, env *apptest.Env, creatorID, actorID int64, from, to string) {
	t.Helper()
	brandID := brandOfCreator(t, env, creatorID)
	c, err := creator.NewService(env.DB, env.Now).Store.Get(context.Background(), env.DB, brandID, creatorID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Stage != to {
		t.Errorf("stored stage %q, want %q", c.Stage, to)
	}
	events, err := stages.History(context.Background(), env.DB, brandID, creatorID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].From != from || events[0].To != to || events[0].ActorUserID == nil || *events[0].ActorUserID != actorID {
		t.Errorf("latest stage event %+v, want %s → %s by user %d", events, from, to, actorID)
	}
}

func brandOfCreator(t *testing.T, env *apptest.Env, creatorID int64) int64 {
	t.Helper()
	var id int64
	if err := env.DB.QueryRowContext(context.Background(), `SELECT brand_id FROM creators WHERE id = ?`, creatorID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
