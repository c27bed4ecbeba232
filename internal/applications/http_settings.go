package applications

import (
	"net/http"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

type settingsView struct {
	Config    Config
	Questions []Question // the saved ones plus blank rows
	Rubric    []Criterion
	Kinds     []string
	Platforms []string
	PageURL   string
}

func (h *teamPages) renderSettings(w http.ResponseWriter, r *http.Request, status int, c Config, errs map[string]string) error {
	p := auth.FromContext(r.Context())
	v := settingsView{Config: c, Kinds: QuestionKinds, Platforms: creator.Platforms, PageURL: h.Link("/apply/" + p.BrandSlug)}
	v.Questions = append(append([]Question{}, c.Questions...), make([]Question, blankFormRows)...)
	v.Rubric = append(append([]Criterion{}, c.Rubric...), make([]Criterion, blankFormRows)...)
	return h.Render.PageStatus(w, r, status, "applications/settings", &web.View{Nav: "applications", Data: v, Errors: errs})
}

func (h *teamPages) settings(w http.ResponseWriter, r *http.Request) error {
	c, err := LoadConfig(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID)
	if err != nil {
		return err
	}
	return h.renderSettings(w, r, http.StatusOK, c, nil)
}

func (h *teamPages) saveSettings(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	l := web.Localizer(r)
	current, err := LoadConfig(r.Context(), h.DB, p.BrandID)
	if err != nil {
		return err
	}
	c, errs := readConfig(r, current)
	if err := errs.Err(); err != nil {
		return h.renderSettings(w, r, http.StatusUnprocessableEntity, c, web.FieldErrors(l, err))
	}
	n, err := h.svc.SaveConfig(r.Context(), p, c)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderSettings(w, r, http.StatusUnprocessableEntity, c, web.FieldErrors(l, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.N("applications.settings.saved", int64(n)))
	web.Redirect(w, r, "/applications/settings")
	return nil
}
