package calendar

import (
	"net/http"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

// movePage is the form that moves one deliverable's due date; it works
// without JavaScript, and calendar.js posts the same form when an item
// is dragged to another day or moved with the arrow keys.
type movePage struct {
	Deliverable *Deliverable
	Title       string
	Back        string
	Cancel      string
}

// backTo keeps a return address only when it is one of the calendar's
// own pages.
func backTo(v string) string {
	v = web.SafeNext(v, "")
	if v != "/calendar" && !strings.HasPrefix(v, "/calendar?") && !strings.HasPrefix(v, "/calendar/week") {
		return ""
	}
	return v
}

func (h *handlers) showMove(w http.ResponseWriter, r *http.Request, status int, d *Deliverable, back string, form, errs map[string]string) error {
	l := web.Localizer(r)
	v := &movePage{Deliverable: d, Back: back, Cancel: back,
		Title: DeliverableTitle(l, d.Campaign, d.Platform, d.Kind, d.Quantity)}
	if v.Cancel == "" {
		if due, ok := ParseDate(d.DueOn); ok {
			v.Cancel = WeekLink(due, Filter{})
		} else {
			v.Cancel = "/calendar"
		}
	}
	if form == nil {
		form = map[string]string{"due_on": d.DueOn}
	}
	return h.Render.PageStatus(w, r, status, "calendar/move", &web.View{Nav: "calendar", Data: v, Form: form, Errors: errs})
}

func (h *handlers) moveForm(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	d, err := GetDeliverable(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
	if err != nil {
		return err
	}
	return h.showMove(w, r, http.StatusOK, d, backTo(r.URL.Query().Get("back")), nil, nil)
}

func (h *handlers) move(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx, p, l := r.Context(), auth.FromContext(r.Context()), web.Localizer(r)
	back := backTo(r.PostFormValue("back"))
	moved, err := MoveDue(ctx, h.DB, p, id, strings.TrimSpace(r.PostFormValue("due_on")), h.Clock)
	if apperr.CodeOf(err) == apperr.Invalid {
		d, gerr := GetDeliverable(ctx, h.DB, p.BrandID, id)
		if gerr != nil {
			return gerr // another brand's id: 404 before any message
		}
		return h.showMove(w, r, http.StatusUnprocessableEntity, d, back, web.FormValues(r), web.FieldErrors(l, err))
	}
	if err != nil {
		return err
	}
	due, _ := ParseDate(moved.DueOn)
	web.SetFlash(w, l.T("calendar.moved", "title", DeliverableTitle(l, moved.Campaign, moved.Platform, moved.Kind, moved.Quantity),
		"date", DayLabel(l, due)))
	if back == "" {
		back = WeekLink(due, Filter{})
	}
	web.Redirect(w, r, back)
	return nil
}
