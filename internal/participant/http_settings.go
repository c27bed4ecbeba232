package participant

import (
	"net/http"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

const settingsPath = "/settings/participant-stages"

type settingsRow struct {
	Stage
	Name        string
	Count       int64
	First, Last bool
}

type settingsView struct {
	Rows  []settingsRow
	Kinds []string
}

// renderSettings shows the stage settings; errs are keyed "<field>" for
// the add form and "<field>:<key>" for a stage's row.
func (h *handlers) renderSettings(w http.ResponseWriter, r *http.Request, status int, form, errs map[string]string) error {
	brandID := auth.FromContext(r.Context()).BrandID
	list, err := Stages(r.Context(), h.DB, brandID)
	if err != nil {
		return err
	}
	counts, err := stageCounts(r.Context(), h.DB, brandID)
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	v := settingsView{Kinds: Kinds}
	for i, s := range list {
		v.Rows = append(v.Rows, settingsRow{Stage: s, Name: s.Name(l), Count: counts[s.Key], First: i == 0, Last: i == len(list)-1})
	}
	return h.Render.PageStatus(w, r, status, "participant/settings", &web.View{Nav: "campaigns", Data: v, Form: form, Errors: errs})
}

func (h *handlers) settings(w http.ResponseWriter, r *http.Request) error {
	return h.renderSettings(w, r, http.StatusOK, nil, nil)
}

// settingsDone redirects with a flash, or shows the page again with the
// messages by the fields (of the row rowKey when not empty).
func (h *handlers) settingsDone(w http.ResponseWriter, r *http.Request, err error, rowKey, flashKey string, args ...any) error {
	l := web.Localizer(r)
	if apperr.CodeOf(err) == apperr.Invalid {
		errs, form := web.FieldErrors(l, err), web.FormValues(r)
		if msg, ok := errs["key"]; ok {
			errs["_"] = msg
		}
		if rowKey != "" {
			errs, form = rowFields(errs, rowKey), rowFields(form, rowKey)
		}
		return h.renderSettings(w, r, http.StatusUnprocessableEntity, form, errs)
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T(flashKey, args...))
	web.Redirect(w, r, settingsPath)
	return nil
}

func rowFields(m map[string]string, key string) map[string]string {
	out := make(map[string]string, len(m))
	for field, v := range m {
		if field == "_" {
			out[field] = v
		} else {
			out[field+":"+key] = v
		}
	}
	return out
}

func (h *handlers) addStage(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	s, err := h.cfg.Add(r.Context(), auth.FromContext(r.Context()), r.PostFormValue("label"), r.PostFormValue("kind"))
	name := ""
	if s != nil {
		name = s.Label
	}
	return h.settingsDone(w, r, err, "", "participants.stages.added", "name", name)
}

func (h *handlers) renameStage(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	key := r.PostFormValue("key")
	err := h.cfg.Rename(r.Context(), auth.FromContext(r.Context()), key, r.PostFormValue("label"), r.PostFormValue("kind"))
	return h.settingsDone(w, r, err, key, "participants.stages.saved")
}

func (h *handlers) reorderStage(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	delta := 1
	if r.PostFormValue("direction") == "up" {
		delta = -1
	}
	key := r.PostFormValue("key")
	err := h.cfg.Reorder(r.Context(), auth.FromContext(r.Context()), key, delta)
	return h.settingsDone(w, r, err, key, "participants.stages.saved")
}

func (h *handlers) removeStage(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	key := r.PostFormValue("key")
	name := key
	if list, err := Stages(r.Context(), h.DB, p.BrandID); err == nil {
		if i := findStage(list, key); i >= 0 {
			name = list[i].Name(l)
		}
	}
	_, err := h.cfg.Remove(r.Context(), p, key, r.PostFormValue("move_to"), "stage "+key+" removed")
	return h.settingsDone(w, r, err, key, "participants.stages.removed", "name", name)
}
