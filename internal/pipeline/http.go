package pipeline

import (
	"embed"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/stages"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("pipeline", templateFiles, template.FuncMap{"platformLabel": creator.PlatformLabel})
}

// Register adds the board, moves from it and the stage history API.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{d, creator.NewService(d.DB, d.Clock)}
	rt.Page("GET", "/pipeline", web.Brand, auth.CreatorsRead, h.board)
	rt.Page("POST", "/pipeline/move", web.Brand, auth.CreatorsWrite, h.move)
	rt.API("GET", "/api/v1/creators/{id}/stage-events", auth.CreatorsRead, "List a creator's stage changes, newest first", h.history)
}

type handlers struct {
	*web.Deps
	svc *creator.Service
}

type boardView struct {
	*Board
	Filter  Filter
	Members []brand.Member
	Tags    []string
	Back    string // this page with its filters, for the move forms
	Query   string // the filters as a query string, for links
	// MoveOptions is each column's stage menu with that column selected,
	// rendered once per page rather than once per card (140 cards × 7
	// options was most of the page's template time).
	MoveOptions map[string]template.HTML
}

// moveOptions renders the stage menu for a card of each column.
func moveOptions(cols []Column) map[string]template.HTML {
	out := make(map[string]template.HTML, len(cols))
	for _, selected := range cols {
		var b strings.Builder
		for _, c := range cols {
			b.WriteString(`<option value="`)
			b.WriteString(html.EscapeString(c.Stage.Key))
			b.WriteString(`"`)
			if c.Stage.Key == selected.Stage.Key {
				b.WriteString(" selected")
			}
			b.WriteString(">")
			b.WriteString(html.EscapeString(c.Name))
			b.WriteString("</option>")
		}
		out[selected.Stage.Key] = template.HTML(b.String())
	}
	return out
}

func (h *handlers) board(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := auth.FromContext(ctx)
	l := web.Localizer(r)
	f, errs := ParseFilter(r.URL.Query())
	status := http.StatusOK
	if len(errs) > 0 {
		status, f = http.StatusUnprocessableEntity, Filter{}
	}
	members, err := brand.Members(ctx, h.DB, p.BrandID)
	if err != nil {
		return err
	}
	b, err := Load(ctx, h.DB, h.svc.Store, l, p.BrandID, f, members)
	if err != nil {
		return err
	}
	v := boardView{Board: b, Filter: f, Members: members, Query: f.Values().Encode(), MoveOptions: moveOptions(b.Columns)}
	if v.Tags, err = h.svc.Store.Tags(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	v.Back = "/pipeline"
	if v.Query != "" {
		v.Back += "?" + v.Query
	}
	form := map[string]string{}
	for k, vals := range r.URL.Query() {
		form[k] = vals[0]
	}
	return h.Render.PageStatus(w, r, status, "pipeline/board", &web.View{Nav: "pipeline", Data: v, Form: form,
		Errors: web.FieldErrors(l, errs.Err())})
}

// move sets one creator's stage from a card's form (or the keyboard) and
// returns to the board, focused on the card.
func (h *handlers) move(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	back := web.SafeNext(r.PostFormValue("back"), "/pipeline")
	id, perr := strconv.ParseInt(r.PostFormValue("creator_id"), 10, 64)
	var c *creator.Creator
	err := perr
	if perr != nil || id <= 0 {
		var f apperr.Fields
		f.Add("creator_id", "validation.choose_from_list", "Choose one of the options in the list.")
		err = f.Err()
	} else {
		c, err = h.svc.SetStage(r.Context(), auth.FromContext(r.Context()), id, r.PostFormValue("stage"), r.PostFormValue("reason"))
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
	list, err := stages.List(r.Context(), h.DB, c.BrandID)
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("pipeline.moved", "name", c.DisplayName, "stage", stages.Names(l, list)[c.Stage]))
	web.Redirect(w, r, back+"#card-"+strconv.FormatInt(c.ID, 10))
	return nil
}

func (h *handlers) history(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := h.svc.Store.Get(r.Context(), h.DB, p.BrandID, id); err != nil {
		return err
	}
	events, err := stages.History(r.Context(), h.DB, p.BrandID, id, 200)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, api.List[stages.Event]{Data: events})
	return nil
}

// ListURL is the creator list of a stage with the board's filters (the
// list has no owner filter).
func (v boardView) ListURL(stage string) string {
	q := url.Values{"stage": {stage}}
	if v.Filter.Q != "" {
		q.Set("q", v.Filter.Q)
	}
	if v.Filter.Tag != "" {
		q.Set("tag", v.Filter.Tag)
	}
	return "/creators?" + q.Encode()
}
