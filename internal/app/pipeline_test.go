package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

type stageEvent struct {
	From, To, Actor, Reason string
	ActorUserID             *int64 `json:"actor_user_id"`
}

// stageEvents reads a creator's stage history through the API, oldest first.
func stageEvents(t *testing.T, env *apptest.Env, token string, id int64) []stageEvent {
	t.Helper()
	res := env.API(token, "GET", fmt.Sprintf("/api/v1/creators/%d/stage-events", id), "")
	if res.Status != 200 {
		t.Fatalf("stage-events of %d: %d %s", id, res.Status, res.Body)
	}
	var body struct{ Data []stageEvent }
	if err := json.Unmarshal([]byte(res.Body), &body); err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(body.Data)-1; i < j; i, j = i+1, j-1 {
		body.Data[i], body.Data[j] = body.Data[j], body.Data[i]
	}
	return body.Data
}

func wantEvents(t *testing.T, what string, got []stageEvent, want ...string) {
	t.Helper()
	var s []string
	for _, e := range got {
		s = append(s, e.From+">"+e.To+" by "+e.Actor+" ("+e.Reason+")")
	}
	if strings.Join(s, "; ") != strings.Join(want, "; ") {
		t.Errorf("%s: stage history\n  %s\nwant\n  %s", what, strings.Join(s, "; "), strings.Join(want, "; "))
	}
}

// TestPipelineStagesAndHistory configures a brand's stages, then changes
// creators' stages by every path (API create and PATCH, the form, bulk,
// the board) and checks each left exactly one history event with the
// right actor and reason.
func TestPipelineStagesAndHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Kilo")
		cmUser := w.Users[auth.CommunityManager]
		cm := env.SignIn(cmUser.Email)

		// Settings: add "Shortlist" and move it up to second place.
		if res := cm.PostForm("/settings/stages", url.Values{"label": {""}}); res.Status != 422 || !strings.Contains(res.Body, `id="label-error"`) {
			t.Fatalf("empty label: %d", res.Status)
		}
		if res := cm.PostForm("/settings/stages", url.Values{"label": {"Shortlist"}, "kind": {"open"}}); res.Status != 303 {
			t.Fatalf("add stage: %d %s", res.Status, res.Body)
		}
		for range 6 {
			cm.PostForm("/settings/stages/move", url.Values{"key": {"shortlist"}, "direction": {"up"}})
		}
		res := env.API(w.Token, "GET", "/api/v1/stages", "")
		if res.Status != 200 || !strings.Contains(res.Body, `{"key":"prospect","label":"","kind":"open","position":0},{"key":"shortlist","label":"Shortlist","kind":"open","position":1}`) {
			t.Fatalf("stages: %d %s", res.Status, res.Body)
		}
		if res := cm.PostForm("/settings/stages/rename", url.Values{"key": {"shortlist"}, "label": {"Short list"}, "kind": {"open"}}); res.Status != 303 {
			t.Fatalf("rename: %d", res.Status)
		}
		if page := cm.Get("/settings/stages"); !strings.Contains(page.Body, `value="Short list"`) {
			t.Error("settings page does not show the new name")
		}

		// API: a brand stage works, an unknown one is a 422 on stage.
		res = env.API(w.Token, "POST", "/api/v1/creators", `{"display_name":"Una","stage":"shortlist"}`)
		if res.Status != 201 {
			t.Fatalf("create in shortlist: %d %s", res.Status, res.Body)
		}
		var una creator.Creator
		_ = json.Unmarshal([]byte(res.Body), &una)
		res = env.API(w.Token, "POST", "/api/v1/creators", `{"display_name":"Dos","stage":"famous"}`)
		if res.Status != 422 || !strings.Contains(res.Body, `"field":"stage"`) {
			t.Fatalf("unknown stage: %d %s", res.Status, res.Body)
		}
		if res = env.API(w.Token, "PATCH", fmt.Sprintf("/api/v1/creators/%d", una.ID), `{"stage":"approved"}`); res.Status != 200 {
			t.Fatalf("patch: %d %s", res.Status, res.Body)
		}
		if res = env.API(w.Token, "PATCH", fmt.Sprintf("/api/v1/creators/%d", una.ID), `{"notes":"no stage change"}`); res.Status != 200 {
			t.Fatalf("patch notes: %d", res.Status)
		}

		// Form: unknown stage is a 422 by the field; a brand stage saves.
		form := url.Values{"display_name": {"Tres"}, "stage": {"famous"}, "accounts.0.handle": {""}}
		if res = cm.PostForm("/creators", form); res.Status != 422 || !strings.Contains(res.Body, `id="stage-error"`) {
			t.Fatalf("form unknown stage: %d", res.Status)
		}
		if !strings.Contains(res.Body, `<option value="shortlist" >Short list</option>`) && !strings.Contains(res.Body, `>Short list</option>`) {
			t.Error("the form does not offer the brand's stage")
		}
		form.Set("stage", "shortlist")
		if res = cm.PostForm("/creators", form); res.Status != 303 {
			t.Fatalf("form create: %d %s", res.Status, res.Body)
		}
		tres, _ := strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/creators/"), 10, 64)
		edit := url.Values{"display_name": {"Tres"}, "stage": {"invited"}, "accounts.0.handle": {""}}
		if res = cm.PostForm(fmt.Sprintf("/creators/%d", tres), edit); res.Status != 303 {
			t.Fatalf("form update: %d", res.Status)
		}

		// Bulk set_stage: one event per creator that changed.
		res = cm.PostForm("/creators/bulk", url.Values{"ids": {strconv.FormatInt(una.ID, 10), strconv.FormatInt(tres, 10)}, "action": {"set_stage"}, "stage": {"invited"}})
		if res.Status != 303 {
			t.Fatalf("bulk: %d", res.Status)
		}

		// Board: columns in order with counts; a move with a reason.
		board := cm.Get("/pipeline")
		if board.Status != 200 {
			t.Fatalf("board: %d", board.Status)
		}
		iProspect, iShort, iInvited := strings.Index(board.Body, `id="col-prospect"`), strings.Index(board.Body, `id="col-shortlist"`), strings.Index(board.Body, `id="col-invited"`)
		if iProspect < 0 || !(iProspect < iShort && iShort < iInvited) {
			t.Fatalf("columns out of order: %d %d %d", iProspect, iShort, iInvited)
		}
		if !strings.Contains(board.Body, `Invited <span class="count">2</span>`) || !strings.Contains(board.Body, `Active <span class="count">1</span>`) {
			t.Errorf("board counts wrong:\n%s", board.Body)
		}
		// A card's stage menu lists every stage in order with its own selected.
		card := board.Body[strings.Index(board.Body, fmt.Sprintf(`id="stage-%d"`, una.ID)):]
		card = card[:strings.Index(card, "</select>")]
		if !strings.Contains(card, `<option value="shortlist">Short list</option><option value="invited" selected>Invited</option>`) || strings.Count(card, "selected") != 1 {
			t.Errorf("stage menu of an invited creator: %s", card)
		}
		res = cm.PostForm("/pipeline/move", url.Values{"creator_id": {strconv.FormatInt(una.ID, 10)}, "stage": {"declined"}, "reason": {"  not a fit\n for us "}, "back": {"/pipeline?tag=x"}})
		if res.Status != 303 || res.Header.Get("Location") != fmt.Sprintf("/pipeline?tag=x#card-%d", una.ID) {
			t.Fatalf("move: %d %s", res.Status, res.Header.Get("Location"))
		}
		if res = cm.PostForm("/pipeline/move", url.Values{"creator_id": {strconv.FormatInt(una.ID, 10)}, "stage": {"famous"}}); res.Status != 303 {
			t.Fatalf("move to unknown stage: %d", res.Status)
		}
		if res = cm.PostForm("/pipeline/move", url.Values{"creator_id": {strconv.FormatInt(una.ID, 10)}, "stage": {"declined"}}); res.Status != 303 {
			t.Fatalf("move to the same stage: %d", res.Status)
		}

		tok := "token:fixture"
		wantEvents(t, "una", stageEvents(t, env, w.Token, una.ID),
			">shortlist by "+tok+" ()", "shortlist>approved by "+tok+" ()", "approved>invited by "+cmUser.Email+" ()",
			"invited>declined by "+cmUser.Email+" (not a fit for us)")
		wantEvents(t, "tres", stageEvents(t, env, w.Token, tres),
			">shortlist by "+cmUser.Email+" ()", "shortlist>invited by "+cmUser.Email+" ()")

		show := cm.Get(fmt.Sprintf("/creators/%d", una.ID))
		if !strings.Contains(show.Body, "Stage history") || !strings.Contains(show.Body, "Invited → Declined") || !strings.Contains(show.Body, "not a fit for us") {
			t.Errorf("creator page lacks its stage history:\n%s", show.Body)
		}

		// A stage with creators is removed only by moving them elsewhere.
		if _, err := creator.NewService(d, env.Now).SetStage(context.Background(), auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: w.Brand.ID}, nil), tres, "shortlist", "back"); err != nil {
			t.Fatal(err)
		}
		if res = cm.PostForm("/settings/stages/remove", url.Values{"key": {"shortlist"}}); res.Status != 422 || !strings.Contains(res.Body, `id="move_to:shortlist-error"`) {
			t.Fatalf("remove a stage with creators and nowhere to put them: %d", res.Status)
		}
		if res = cm.PostForm("/settings/stages/remove", url.Values{"key": {"shortlist"}, "move_to": {"prospect"}}); res.Status != 303 {
			t.Fatalf("remove with move: %d", res.Status)
		}
		ev := stageEvents(t, env, w.Token, tres)
		if last := ev[len(ev)-1]; last.From != "shortlist" || last.To != "prospect" || last.Actor != cmUser.Email || !strings.Contains(last.Reason, "Short list") {
			t.Errorf("the move on removal was not recorded: %+v", last)
		}
		events, err := audit.List(context.Background(), d, w.Brand.ID, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range events {
			seen[e.Action+" "+e.Entity] = true
		}
		for _, a := range []string{"set_stage creator", "create stage", "move stage", "update stage", "delete stage"} {
			if !seen[a] {
				t.Errorf("audit log lacks %q", a)
			}
		}
	})
}

// TestPipelineBoardIsolationAndFilters: a move aimed at another brand's
// creator is a 404 and changes nothing; filters narrow counts and cards.
func TestPipelineBoardIsolationAndFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		a := env.NewWorld("Lima")
		b := env.NewWorld("Mike")
		bcm := env.SignIn(b.Users[auth.CommunityManager].Email)
		res := bcm.PostForm("/pipeline/move", url.Values{"creator_id": {strconv.FormatInt(a.Creator.ID, 10)}, "stage": {"declined"}})
		if res.Status != 404 {
			t.Fatalf("move of another brand's creator: %d", res.Status)
		}
		if res := env.API(b.Token, "GET", fmt.Sprintf("/api/v1/creators/%d/stage-events", a.Creator.ID), ""); res.Status != 404 {
			t.Fatalf("history of another brand's creator: %d", res.Status)
		}
		if got := stageEvents(t, env, a.Token, a.Creator.ID); len(got) != 1 || got[0].To != "active" {
			t.Errorf("brand A's creator history changed: %+v", got)
		}
		board := bcm.Get("/pipeline")
		if strings.Contains(board.Body, "Lima") || !strings.Contains(board.Body, "Secret Creator of Mike") {
			t.Error("board shows another brand's creators or misses its own")
		}
		if i := strings.Index(board.Body, `class="owner"`); i < 0 || !strings.Contains(board.Body[i:i+80], ">CM</abbr>") {
			t.Errorf("card lacks the owner's initials")
		}
		owner := b.Users[auth.CommunityManager].ID
		for query, want := range map[string]bool{
			"tag=secret-mike": true, "tag=nothing": false, "q=secret": true, "q=zzz": false,
			"owner=" + strconv.FormatInt(owner, 10): true, "owner=" + strconv.FormatInt(b.Users[auth.Viewer].ID, 10): false,
		} {
			page := bcm.Get("/pipeline?" + query)
			if got := strings.Contains(page.Body, "Secret Creator of Mike"); got != want || page.Status != 200 {
				t.Errorf("/pipeline?%s: status %d, shows the creator %v; want %v", query, page.Status, got, want)
			}
		}
		if page := bcm.Get("/pipeline?owner=abc"); page.Status != 422 {
			t.Errorf("bad owner filter: %d", page.Status)
		}
	})
}
