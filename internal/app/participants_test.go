package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/participant"
)

// newCreators makes n creators of world w with emails, speaking lang.
func newCreators(t *testing.T, env *apptest.Env, w *apptest.World, n int, lang string) []int64 {
	t.Helper()
	var ids []int64
	for i := range n {
		env.Advance(1)
		c, err := creator.NewService(env.DB, env.Now).Create(context.Background(), staff(env, w), creator.Fields{
			DisplayName: fmt.Sprintf("Creator %s %d", lang, i), Email: fmt.Sprintf("c%d.%d@%s.example", i, env.Now().UnixNano(), lang),
			Languages: []string{lang}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

func participantsOf(t *testing.T, d *db.DB, campaignID int64) map[int64]participant.Participant {
	t.Helper()
	var brandID int64
	if err := d.QueryRowContext(context.Background(), `SELECT brand_id FROM campaigns WHERE id = ?`, campaignID).Scan(&brandID); err != nil {
		t.Fatal(err)
	}
	list, err := participant.List(context.Background(), d, brandID, campaignID, "", 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]participant.Participant{}
	for _, p := range list {
		out[p.CreatorID] = p
	}
	return out
}

func itoa64(n int64) string { return fmt.Sprint(n) }

func TestParticipantPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		campaignID := newOfferCampaign(t, env, w, 50000) // 500.00 USD
		ids := newCreators(t, env, w, 2, "es")
		sel := "/participants/invite?ids=" + itoa64(ids[0]) + "&ids=" + itoa64(ids[1]) + "&campaign_id=" + itoa64(campaignID)
		res := cm.Get(sel)
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Creator es 1") || !strings.Contains(res.Body, `value="200.00"`) {
			t.Fatalf("invite form: %d %s", res.Status, res.Body)
		}
		form := url.Values{"ids": {itoa64(ids[0]), itoa64(ids[1])}, "campaign_id": {itoa64(campaignID)}, "fee": {"300"}, "product": {"Trail shoe"}}
		res = cm.PostForm("/participants/invite", form)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "600.00 USD") || !strings.Contains(res.Body, `name="confirm_over_budget"`) {
			t.Fatalf("over budget: %d %s", res.Status, res.Body)
		}
		form.Set("fee", "3x")
		if res = cm.PostForm("/participants/invite", form); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="fee-error"`) {
			t.Errorf("bad fee: %d", res.Status)
		}
		form.Set("fee", "300")
		form.Set("confirm_over_budget", "1")
		res = cm.PostForm("/participants/invite", form)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/campaigns/"+itoa64(campaignID)+"/participants" {
			t.Fatalf("invite: %d %s", res.Status, res.Body)
		}
		pts := participantsOf(t, d, campaignID)
		p0 := pts[ids[0]]
		if len(pts) != 2 || p0.Stage != "invited" || p0.Locale != "es" {
			t.Fatalf("participants %+v", pts)
		}
		if subject, _, locale, n := lastEmail(t, d, p0.Email); n != 1 || locale != "es" || !strings.Contains(subject, "te invita") {
			t.Errorf("email %q %s %d", subject, locale, n)
		}
		board := "/campaigns/" + itoa64(campaignID) + "/participants"
		res = cm.Get(board)
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `id="card-`+itoa64(p0.ID)+`"`) || !strings.Contains(res.Body, "300.00 USD") {
			t.Fatalf("board: %d %s", res.Status, res.Body)
		}
		res = cm.PostForm(board+"/move", url.Values{"participant_id": {itoa64(p0.ID)}, "stage": {"product_shipped"}, "back": {board}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != board+"#card-"+itoa64(p0.ID) {
			t.Fatalf("move: %d %s", res.Status, res.Header.Get("Location"))
		}
		if got := participantsOf(t, d, campaignID)[ids[0]]; got.Stage != "product_shipped" {
			t.Errorf("after move: %s", got.Stage)
		}
		if res = cm.Get(board + "/list?stage=product_shipped"); res.Status != http.StatusOK || !strings.Contains(res.Body, p0.CreatorName) ||
			strings.Contains(res.Body, "Creator es 1") {
			t.Errorf("list: %d", res.Status)
		}
		res = cm.PostForm(board+"/bulk", url.Values{"action": {"remove"}, "ids": {itoa64(pts[ids[1]].ID)}, "back": {board + "/list"}})
		if res.Status != http.StatusSeeOther || participantsOf(t, d, campaignID)[ids[1]].Stage != "removed" {
			t.Errorf("bulk remove: %d", res.Status)
		}
		res = cm.Get("/participants/" + itoa64(p0.ID))
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Revision 1") || !strings.Contains(res.Body, "#ad") {
			t.Errorf("detail: %d %s", res.Status, res.Body)
		}
		// A viewer sees the board but cannot move.
		viewer := env.SignIn(w.Users[auth.Viewer].Email)
		if res = viewer.Get(board); res.Status != http.StatusOK || strings.Contains(res.Body, `class="move"`) {
			t.Errorf("viewer's board: %d", res.Status)
		}
		// Stage settings: rename a default stage; the board shows the new name.
		if res = cm.PostForm("/settings/participant-stages/rename", url.Values{"key": {"product_shipped"}, "label": {"Box sent"}, "kind": {"open"}}); res.Status != http.StatusSeeOther {
			t.Errorf("rename: %d %s", res.Status, res.Body)
		}
		if res = cm.Get(board); !strings.Contains(res.Body, "Box sent") {
			t.Error("renamed stage not on the board")
		}
		if res = cm.PostForm("/settings/participant-stages", url.Values{"label": {""}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="label-error"`) {
			t.Errorf("empty label: %d", res.Status)
		}
	})
}

func TestParticipantAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Alpha")
		campaignID := newOfferCampaign(t, env, w, 0)
		ids := newCreators(t, env, w, 2, "en")
		base := "/api/v1/campaigns/" + itoa64(campaignID) + "/participants"
		res := env.API(w.Token, "POST", base, fmt.Sprintf(`{"creator_ids":[%d,%d,%d],"offer":{"product":"Shoe","commission_bp":1250}}`, ids[0], ids[1], w.Creator.ID))
		if res.Status != http.StatusCreated {
			t.Fatalf("invite: %d %s", res.Status, res.Body)
		}
		var inv struct {
			Data []participant.Participant `json:"data"`
		}
		if err := json.Unmarshal([]byte(res.Body), &inv); err != nil || len(inv.Data) != 3 {
			t.Fatalf("invite result %s", res.Body)
		}
		// The world's creator last, the two posted ones first.
		for i, p := range inv.Data {
			if p.CreatorID == w.Creator.ID {
				inv.Data[i], inv.Data[2] = inv.Data[2], inv.Data[i]
			}
		}
		if res = env.API(w.Token, "POST", base, `{"creator_ids":[1],"offer":{}}`); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "fee_minor") {
			t.Errorf("empty offer: %d %s", res.Status, res.Body)
		}
		res = env.API(w.Token, "POST", base+"/moves", fmt.Sprintf(`{"participant_ids":[%d,%d],"stage":"posted","reason":"live"}`, inv.Data[0].ID, inv.Data[1].ID))
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `"moved":2`) {
			t.Errorf("moves: %d %s", res.Status, res.Body)
		}
		if res = env.API(w.Token, "POST", base+"/moves", fmt.Sprintf(`{"participant_ids":[%d],"stage":"limbo"}`, inv.Data[0].ID)); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("unknown stage: %d", res.Status)
		}
		res = env.API(w.Token, "GET", base+"?stage=posted&limit=1", "")
		var page struct {
			Data       []participant.Participant `json:"data"`
			NextCursor string                    `json:"next_cursor"`
		}
		if err := json.Unmarshal([]byte(res.Body), &page); err != nil || len(page.Data) != 1 || page.NextCursor == "" {
			t.Fatalf("list: %d %s", res.Status, res.Body)
		}
		res = env.API(w.Token, "GET", base+"?stage=posted&limit=1&cursor="+page.NextCursor, "")
		if strings.Contains(res.Body, fmt.Sprintf(`"id":%d,`, page.Data[0].ID)) || !strings.Contains(res.Body, `"stage":"posted"`) ||
			!strings.Contains(res.Body, `"next_cursor":""`) {
			t.Errorf("second page: %s", res.Body)
		}
		if res = env.API(w.Token, "GET", base+"?stage=nowhere", ""); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad stage filter: %d", res.Status)
		}
		pid := itoa64(inv.Data[2].ID)
		res = env.API(w.Token, "GET", "/api/v1/participants/"+pid, "")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `"commission_bp":1250`) || !strings.Contains(res.Body, `"acceptance":null`) {
			t.Errorf("get: %d %s", res.Status, res.Body)
		}
		if res = env.API(w.Token, "POST", "/api/v1/participants/"+pid+"/counter-offer", `{"action":"accept"}`); res.Status != http.StatusConflict {
			t.Errorf("no counter-offer to accept: %d %s", res.Status, res.Body)
		}
		if _, err := participant.NewService(env.Deps).Counter(context.Background(), w.Creator.Email, inv.Data[2].ID,
			participant.CounterInput{FeeMinor: 45000, Message: "Plus a fee, please"}); err != nil {
			t.Fatal(err)
		}
		if res = env.API(w.Token, "POST", "/api/v1/participants/"+pid+"/counter-offer", `{"action":"maybe"}`); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad action: %d", res.Status)
		}
		res = env.API(w.Token, "POST", "/api/v1/participants/"+pid+"/counter-offer", `{"action":"revise","offer":{"product":"Shoe","fee_minor":30000}}`)
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `"offer_status":"awaiting_creator"`) || !strings.Contains(res.Body, `"revision":3`) {
			t.Errorf("revise: %d %s", res.Status, res.Body)
		}
		if res = env.API(w.Token, "GET", "/api/v1/participant-stages", ""); res.Status != http.StatusOK || !strings.Contains(res.Body, `"key":"content_submitted"`) {
			t.Errorf("stages: %d %s", res.Status, res.Body)
		}
	})
}
