package importer

import (
	"net/http"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

// registerExport adds the creator export, as a download from the list
// page and through the API; both take the list's query parameters.
func registerExport(rt *web.Router, h *handlers) {
	rt.Page("GET", "/creators/export.csv", web.Brand, auth.CreatorsRead, h.export)
	rt.API("GET", "/api/v1/creators/export", auth.CreatorsRead, "Export the creators matching the list's filters as CSV (streamed)", h.export)
}

func (h *handlers) export(w http.ResponseWriter, r *http.Request) error {
	lq, errs := creator.ParseListQuery(r.URL.Query())
	if err := errs.Err(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="creators.csv"`)
	_, err := ExportCreators(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, lq, flusher{w, http.NewResponseController(w)})
	return err
}

// flusher sends each page of an export as it is written.
type flusher struct {
	http.ResponseWriter
	rc *http.ResponseController
}

func (f flusher) Flush() { _ = f.rc.Flush() }
