package participant

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/web"
)

type boardView struct {
	*Board
	Campaign *campaign.Campaign
	Base     string // /campaigns/{id}/participants
	// Options are each column's <option> list for its cards' move forms,
	// built once per column rather than once per card (180 cards of nine
	// options each made up most of the page's rendering time).
	Options  map[string]template.HTML
	Statuses map[string]string // offer status → its name
}

// stageOptions renders the stages as <option> elements, selected
// marking the one a column's cards are in.
func stageOptions(cols []Column, selected string) template.HTML {
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(`<option value="`)
		b.WriteString(template.HTMLEscapeString(c.Stage.Key))
		b.WriteString(`"`)
		if c.Stage.Key == selected {
			b.WriteString(" selected")
		}
		b.WriteString(">")
		b.WriteString(template.HTMLEscapeString(c.Name))
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}

func (h *handlers) board(w http.ResponseWriter, r *http.Request) error {
	c, err := h.campaignOf(r)
	if err != nil {
		return err
	}
	b, err := LoadBoard(r.Context(), h.DB, web.Localizer(r), c.BrandID, c.ID)
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	v := boardView{Board: b, Campaign: c, Base: "/campaigns/" + itoa(c.ID) + "/participants",
		Options: map[string]template.HTML{}, Statuses: map[string]string{}}
	for _, col := range b.Columns {
		v.Options[col.Stage.Key] = stageOptions(b.Columns, col.Stage.Key)
	}
	for _, s := range OfferStatuses {
		key := "participants.offer_status." + s // TestRuntimeKeysTranslated checks them
		v.Statuses[s] = l.T(key)
	}
	return h.Render.Page(w, r, "participant/board", &web.View{Nav: "campaigns", Data: v})
}

// move sets one participant's stage from a card's form (or the keyboard)
// and returns to the board, focused on the card.
func (h *handlers) move(w http.ResponseWriter, r *http.Request) error {
	c, err := h.campaignOf(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	base := "/campaigns/" + itoa(c.ID) + "/participants"
	back := web.SafeNext(r.PostFormValue("back"), base)
	id, _ := strconv.ParseInt(r.PostFormValue("participant_id"), 10, 64)
	var pt *Participant
	if pt, err = Get(r.Context(), h.DB, c.BrandID, id); err == nil && pt.CampaignID != c.ID {
		err = apperr.New(apperr.NotFound, "participant not found")
	}
	if isNotFound(err) {
		err = fieldErr("participant_id", "validation.choose_from_list")
	}
	if err == nil {
		pt, err = h.svc.Move(r.Context(), auth.FromContext(r.Context()), id, r.PostFormValue("stage"), r.PostFormValue("reason"))
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		for _, msg := range web.FieldErrors(l, err) {
			web.SetFlash(w, msg)
			break
		}
		web.Redirect(w, r, back)
		return nil
	}
	if err != nil {
		return err
	}
	list, err := Stages(r.Context(), h.DB, c.BrandID)
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("participants.moved", "name", pt.CreatorName, "stage", StageNames(l, list)[pt.Stage]))
	web.Redirect(w, r, back+"#card-"+itoa(pt.ID))
	return nil
}

type listView struct {
	Campaign *campaign.Campaign
	Base     string
	Stage    string
	Stages   []Stage
	Names    map[string]string
	Items    []Participant
	Older    string
	Back     string
}

func (h *handlers) list(w http.ResponseWriter, r *http.Request) error {
	c, err := h.campaignOf(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	stages, err := Stages(ctx, h.DB, c.BrandID)
	if err != nil {
		return err
	}
	v := listView{Campaign: c, Base: "/campaigns/" + itoa(c.ID) + "/participants", Stages: stages, Names: StageNames(web.Localizer(r), stages)}
	if s := r.URL.Query().Get("stage"); findStage(stages, s) >= 0 {
		v.Stage = s
	}
	page := web.PageBefore(r, 100)
	items, err := List(ctx, h.DB, c.BrandID, c.ID, v.Stage, page.Before, page.Fetch())
	if err != nil {
		return err
	}
	var older int64
	v.Items, older = web.Trim(page, items, func(p Participant) int64 { return p.ID })
	v.Back = v.Base + "/list?stage=" + v.Stage
	if older != 0 {
		v.Older = v.Back + "&before=" + strconv.FormatInt(older, 10)
	}
	return h.Render.Page(w, r, "participant/list", &web.View{Nav: "campaigns", Data: v})
}

// bulk applies the list's bulk action to the ticked participants: move
// them to a stage, or remove them from the campaign.
func (h *handlers) bulk(w http.ResponseWriter, r *http.Request) error {
	c, err := h.campaignOf(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	p := auth.FromContext(r.Context())
	ids := web.IDs(r.PostForm["ids"])
	reason := r.PostFormValue("reason")
	var n int
	switch r.PostFormValue("action") {
	case "remove":
		n, err = h.svc.Remove(r.Context(), p, c.ID, ids, reason)
	case "move":
		n, err = h.svc.BulkMove(r.Context(), p, c.ID, ids, r.PostFormValue("stage"), reason)
	default:
		err = fieldErr("action", "validation.choose_from_list")
	}
	return web.AfterBulk(w, r, err, "/campaigns/"+itoa(c.ID)+"/participants/list", l.N("participants.bulk_done", int64(n)))
}
