package creator

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

// saveFilter saves the creator list's current filters under a name and
// shows the list with them applied; a problem shows the list again with
// the message next to the name (or next to a bad filter).
func (h *pages) saveFilter(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	name, query := r.PostFormValue("name"), r.PostFormValue("query")
	f, err := h.svc.SaveFilter(r.Context(), auth.FromContext(r.Context()), name, query)
	if code := apperr.CodeOf(err); code == apperr.Invalid || code == apperr.Conflict {
		shown, _ := url.ParseQuery(query) // the list as it was; its own problems show beside its fields
		return h.renderList(w, r, http.StatusUnprocessableEntity, shown, map[string]string{"name": name}, filterErrors(l, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("saved_filters.saved", "name", f.Name))
	web.Redirect(w, r, f.ListURL())
	return nil
}

// filterErrors places a saved filter's problems on the creator list's
// fields: query.<parameter> beside that filter, the rest of query at the
// top; a name problem replaces the Conflict's English summary.
func filterErrors(l *i18n.Localizer, err error) map[string]string {
	out := map[string]string{}
	for field, msg := range web.FieldErrors(l, err) {
		switch {
		case field == "query":
			out["_"] = msg
		case strings.HasPrefix(field, "query."):
			out[strings.TrimPrefix(field, "query.")] = msg
		default:
			out[field] = msg
		}
	}
	if _, ok := out["name"]; ok && apperr.CodeOf(err) == apperr.Conflict {
		delete(out, "_")
	}
	return out
}

type filterRow struct {
	SavedFilter
	Terms []string // what it selects, in the viewer's language
}

type filtersView struct {
	Filters []filterRow
	Editing int64 // the filter whose rename failed
}

// savedFilters lists the brand's saved filters, each applied with one
// click, with rename and delete for those who may.
func (h *pages) savedFilters(w http.ResponseWriter, r *http.Request) error {
	return h.renderFilters(w, r, http.StatusOK, 0, nil, nil)
}

func (h *pages) renderFilters(w http.ResponseWriter, r *http.Request, status int, editing int64, form, errs map[string]string) error {
	brandID := auth.FromContext(r.Context()).BrandID
	list, err := SavedFilters(r.Context(), h.DB, brandID)
	if err != nil {
		return err
	}
	_, stageName, err := brandStages(r, h.DB, brandID)
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	v := filtersView{Editing: editing}
	for _, f := range list {
		v.Filters = append(v.Filters, filterRow{f, filterTerms(l, f, stageName)})
	}
	return h.Render.PageStatus(w, r, status, "creator/saved_filters", &web.View{Nav: "creators", Data: v, Form: form, Errors: errs})
}

func (h *pages) renameFilter(w http.ResponseWriter, r *http.Request) error {
	f, err := h.loadFilter(r) // another brand's id is 404 before the form is read
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	name := r.PostFormValue("name")
	renamed, err := h.svc.UpdateFilter(r.Context(), auth.FromContext(r.Context()), f.ID, &name, nil)
	if code := apperr.CodeOf(err); code == apperr.Invalid || code == apperr.Conflict {
		return h.renderFilters(w, r, http.StatusUnprocessableEntity, f.ID, map[string]string{"name": name}, filterErrors(l, err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, l.T("saved_filters.renamed", "name", renamed.Name))
	web.Redirect(w, r, "/saved-filters")
	return nil
}

func (h *pages) deleteFilter(w http.ResponseWriter, r *http.Request) error {
	f, err := h.loadFilter(r)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteFilter(r.Context(), auth.FromContext(r.Context()), f.ID); err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("saved_filters.deleted", "name", f.Name))
	web.Redirect(w, r, "/saved-filters")
	return nil
}

func (h *pages) loadFilter(r *http.Request) (*SavedFilter, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return GetSavedFilter(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

// filterTerms says what a saved filter selects, one "label: value" term
// per filter, in the viewer's language.
func filterTerms(l *i18n.Localizer, f SavedFilter, stageName map[string]string) []string {
	lq, err := f.ListQuery()
	if err != nil {
		return []string{f.Query}
	}
	var out []string
	add := func(labelKey, value string) {
		if value != "" {
			out = append(out, l.T("saved_filters.term", "label", l.T(labelKey), "value", value))
		}
	}
	followers := func(n *int64) string {
		if n == nil {
			return ""
		}
		return l.Number(*n)
	}
	stage := lq.Stage
	if name, ok := stageName[stage]; ok {
		stage = name
	}
	platform := ""
	if lq.Platform != "" {
		platform = PlatformLabel(lq.Platform)
	}
	sortLabel := ""
	if lq.Sort != "" {
		sortLabel = l.T(sortKey(lq.Sort))
	}
	add("action.search", lq.Q)
	add("field.stage", stage)
	add("field.tag", lq.Tag)
	add("field.platform", platform)
	add("field.country", lq.Country)
	add("filter.min_followers", followers(lq.MinFollowers))
	add("filter.max_followers", followers(lq.MaxFollowers))
	add("filter.sort", sortLabel)
	if len(out) == 0 {
		out = append(out, l.T("saved_filters.all_creators"))
	}
	return out
}
