package importer

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// shownProblems is how many problems an import's page lists; the errors
// file has them all.
const shownProblems = 100

type previewView struct {
	Import   *Import
	Result   *Result
	Partial  bool
	Problems []Problem
	Targets  []string // every target a column can be mapped to
	Failed   string   // why the file cannot be read at all
}

type statusView struct {
	Import        *Import
	Author        string
	RatePerSecond int64
	ETASeconds    int64
	Problems      []Problem
	Running       bool
}

func (h *handlers) showPage(w http.ResponseWriter, r *http.Request) error {
	im, err := h.load(r)
	if err != nil {
		return err
	}
	if im.Status == StatusPreview {
		return h.previewPage(w, r, im)
	}
	now := h.Clock()
	v := statusView{Import: im, RatePerSecond: int64(im.Rate(now)), ETASeconds: int64(im.ETA(now).Seconds()),
		Running: im.Status == StatusQueued || im.Status == StatusRunning}
	if v.Problems, err = storedProblems(r.Context(), h.DB, im.ID, shownProblems); err != nil {
		return err
	}
	if v.Author, err = importAuthor(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, im.ID); err != nil {
		return err
	}
	if v.Running {
		// Browsers reload on this header with or without JavaScript, and the CSP allows it.
		w.Header().Set("Refresh", "2")
	}
	return h.Render.Page(w, r, "importer/show", &web.View{Nav: "creators", Data: v})
}

func (h *handlers) previewPage(w http.ResponseWriter, r *http.Request, im *Import) error {
	res, partial, err := previewStored(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, im)
	v := previewView{Import: im, Result: res, Partial: partial, Targets: targetNames()}
	switch {
	case errors.Is(err, ErrNoHandleColumn):
		v.Failed = web.Localizer(r).T("import.preview.no_handle_column")
	case err != nil && inputErr(err) != err:
		v.Failed = err.Error() // the reader's own words: a header it cannot read
	case err != nil:
		return err
	}
	if res != nil {
		v.Problems = res.Problems[:min(shownProblems, len(res.Problems))]
	}
	return h.Render.Page(w, r, "importer/preview", &web.View{Nav: "creators", Data: v})
}

// remap saves the mapping chosen with the preview's selects: only the
// columns that differ from what detection alone gives become overrides.
func (h *handlers) remap(w http.ResponseWriter, r *http.Request) error {
	im, err := h.load(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	headers, err := storedHeaders(r.Context(), h.DB, im.ID)
	if err != nil {
		return inputErr(err)
	}
	auto := Detect(headers, nil)
	o := Overrides{}
	for i, c := range auto.Columns {
		chosen := r.PostFormValue("col." + strconv.Itoa(i))
		if t, ok := ParseTarget(chosen); ok && t != c.Target {
			o[c.Header] = t.Name()
		}
	}
	p := auth.FromContext(r.Context())
	err = h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		if err := saveOverrides(r.Context(), tx, p.BrandID, im.ID, o, h.Clock()); err != nil {
			return err
		}
		return audit.Record(r.Context(), tx, p, p.BrandID, "map", "import", strconv.FormatInt(im.ID, 10),
			map[string]audit.Change{"mapping": {From: im.overrides, To: o}}, h.Clock())
	})
	if err != nil {
		return err
	}
	web.Redirect(w, r, "/imports/"+strconv.FormatInt(im.ID, 10))
	return nil
}

// start queues the previewed import's durable job.
func (h *handlers) start(w http.ResponseWriter, r *http.Request) error {
	im, err := h.load(r)
	if err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	err = h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		if err := startPreview(r.Context(), tx, p.BrandID, im.ID, h.Clock()); err != nil {
			return err
		}
		return audit.Record(r.Context(), tx, p, p.BrandID, "start", "import", strconv.FormatInt(im.ID, 10),
			map[string]audit.Change{"status": {From: StatusPreview, To: StatusQueued}}, h.Clock())
	})
	if err != nil {
		return err
	}
	h.WakeJobs()
	web.Redirect(w, r, "/imports/"+strconv.FormatInt(im.ID, 10))
	return nil
}

// targetNames are the mapping choices, in the order the select lists
// them: ignore, the creator's fields, the generic account columns, then
// each platform's handle, followers and rate.
func targetNames() []string {
	out := []string{FieldIgnore, FieldName, FieldFirstName, FieldLastName, FieldEmail, FieldCountry, FieldLocation, FieldLanguages,
		FieldTags, FieldNotes, FieldStage, FieldPlatform, FieldHandle, FieldProfileURL, FieldFollowers, FieldEngagementRate}
	for _, p := range creator.Platforms {
		out = append(out, p, p+"_"+FieldFollowers, p+"_"+FieldEngagementRate)
	}
	return out
}
