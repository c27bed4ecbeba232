package importer

import (
	"errors"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// maxUpload bounds an uploaded file.
const maxUpload = 512 << 20

// Register adds the import routes.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{d}
	rt.API("POST", "/api/v1/imports", auth.CreatorsImport, "Upload a creators file to import (202) or preview it (dry_run)", h.create)
	rt.API("GET", "/api/v1/imports/{id}", auth.CreatorsImport, "Get an import's status, progress and counts", h.get)
	rt.API("GET", "/api/v1/imports/{id}/errors.csv", auth.CreatorsImport, "Download an import's problems as CSV", h.errorsCSV)
	registerExport(rt, h)
	registerPages(rt, h)
}

type handlers struct{ *web.Deps }

// ImportView is an import as the API answers it.
type ImportView struct {
	*Import
	Percent    int64   `json:"percent"`
	Rate       float64 `json:"rows_per_second"`
	ETASeconds int64   `json:"eta_seconds"`
	ErrorsURL  string  `json:"errors_url"`
}

func view(im *Import, now time.Time) ImportView {
	return ImportView{Import: im, Percent: im.Percent(), Rate: im.Rate(now), ETASeconds: int64(im.ETA(now).Seconds()),
		ErrorsURL: "/api/v1/imports/" + strconv.FormatInt(im.ID, 10) + "/errors.csv"}
}

// DryRunView is the preview a dry run answers.
type DryRunView struct {
	Mapping  Mapping      `json:"mapping"`
	Counts   Counts       `json:"counts"`
	Preview  []PreviewRow `json:"preview"`
	Problems []Problem    `json:"problems"`
}

func (h *handlers) create(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		return fieldErr("file", "import.error.file", "Upload the file as multipart/form-data in the field \"file\".")
	}
	defer r.MultipartForm.RemoveAll()
	if kind := r.FormValue("kind"); kind != "" && kind != "creators" {
		return fieldErr("kind", "import.error.kind", "Only kind=creators can be imported.")
	}
	overrides, err := ParseOverridesJSON(r.FormValue("mapping"))
	if err != nil {
		return fieldErr("mapping", "import.error.mapping", err.Error())
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return fieldErr("file", "import.error.file", "Upload the file as multipart/form-data in the field \"file\".")
	}
	defer file.Close()
	name := filepath.Base(header.Filename)
	if dry, _ := strconv.ParseBool(r.FormValue("dry_run")); dry {
		res, err := Run(r.Context(), h.DB, file, Options{BrandID: p.BrandID, Source: "import:" + name, Overrides: overrides, DryRun: true, Preview: 20})
		if err := inputErr(err); err != nil {
			return err
		}
		problems := res.Problems[:min(100, len(res.Problems))]
		if problems == nil {
			problems = []Problem{}
		}
		api.WriteJSON(w, http.StatusOK, DryRunView{Mapping: res.Mapping, Counts: res.Counts, Preview: nonNilPreview(res.Preview), Problems: problems})
		return nil
	}
	var id int64
	err = h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		id, err = Enqueue(r.Context(), tx, p.BrandID, p.UserID(), name, file, overrides, h.Clock())
		return err
	})
	if err != nil {
		return err
	}
	h.WakeJobs()
	im, err := GetImport(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/imports/"+strconv.FormatInt(id, 10))
	api.WriteJSON(w, http.StatusAccepted, view(im, h.Clock()))
	return nil
}

func (h *handlers) get(w http.ResponseWriter, r *http.Request) error {
	im, err := h.load(r)
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, view(im, h.Clock()))
	return nil
}

func (h *handlers) load(r *http.Request) (*Import, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return GetImport(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
}

func (h *handlers) errorsCSV(w http.ResponseWriter, r *http.Request) error {
	im, err := h.load(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="import-`+strconv.FormatInt(im.ID, 10)+`-errors.csv"`)
	return WriteStoredProblems(r.Context(), h.DB, im.ID, w)
}

// inputErr turns a file the engine cannot read into a field error.
func inputErr(err error) error {
	if err == ErrNoHeader || err == ErrNoHandleColumn || errors.Is(err, ErrRecordTooLong) || err != nil && strings.HasPrefix(err.Error(), "header line") {
		return fieldErr("file", "import.error.unreadable", err.Error())
	}
	return err
}

func fieldErr(field, key, msg string) error {
	var f apperr.Fields
	f.Add(field, key, msg)
	return f.Err()
}

func nonNilPreview(p []PreviewRow) []PreviewRow {
	if p == nil {
		return []PreviewRow{}
	}
	return p
}
