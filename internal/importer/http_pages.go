package importer

import (
	"embed"
	"html/template"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are the Imports pages.
func Templates() web.TemplateSet {
	return web.Templates("importer", templateFiles, template.FuncMap{"problemText": problemText,
		"platformLabel": creator.PlatformLabel, "targetLabel": targetLabel})
}

// listed is how many imports the Imports page shows.
const listed = 50

// registerPages adds the Imports pages: list and upload, then each
// import's preview (before it starts) or progress and results.
func registerPages(rt *web.Router, h *handlers) {
	rt.Page("GET", "/imports", web.Brand, auth.CreatorsImport, h.listPage)
	rt.Page("POST", "/imports", web.Brand, auth.CreatorsImport, h.upload)
	rt.Page("GET", "/imports/{id}", web.Brand, auth.CreatorsImport, h.showPage)
	rt.Page("POST", "/imports/{id}/mapping", web.Brand, auth.CreatorsImport, h.remap)
	rt.Page("POST", "/imports/{id}/start", web.Brand, auth.CreatorsImport, h.start)
	rt.Page("GET", "/imports/{id}/errors.csv", web.Brand, auth.CreatorsImport, h.errorsCSV)
}

type listView struct {
	Imports []Import
	Authors map[int64]string
}

func (h *handlers) listPage(w http.ResponseWriter, r *http.Request) error {
	return h.renderList(w, r, http.StatusOK, nil, nil)
}

func (h *handlers) renderList(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error) error {
	brandID := auth.FromContext(r.Context()).BrandID
	v := listView{}
	var lerr error
	if v.Imports, lerr = ListImports(r.Context(), h.DB, brandID, listed); lerr != nil {
		return lerr
	}
	if v.Authors, lerr = importAuthors(r.Context(), h.DB, brandID, listed); lerr != nil {
		return lerr
	}
	return h.Render.PageStatus(w, r, status, "importer/list", &web.View{Nav: "creators", Data: v, Form: form,
		Errors: web.FieldErrors(web.Localizer(r), err)})
}

// upload stores the file as an import to preview; nothing is imported
// until its person presses Import on the preview.
func (h *handlers) upload(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		return h.renderList(w, r, http.StatusUnprocessableEntity, nil, fieldErr("file", "import.error.choose_file", "Choose a CSV or TSV file."))
	}
	defer r.MultipartForm.RemoveAll()
	form := map[string]string{"mapping": r.FormValue("mapping")}
	overrides, err := ParseOverrides(nonEmptyLines(form["mapping"]))
	if err != nil {
		return h.renderList(w, r, http.StatusUnprocessableEntity, form, fieldErr("mapping", "import.error.mapping_lines", err.Error()))
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return h.renderList(w, r, http.StatusUnprocessableEntity, form, fieldErr("file", "import.error.choose_file", "Choose a CSV or TSV file."))
	}
	defer file.Close()
	name := filepath.Base(header.Filename)
	var id int64
	err = h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		if id, err = storePreview(r.Context(), tx, p.BrandID, p.UserID(), name, file, overrides, h.Clock()); err != nil {
			return err
		}
		return audit.Record(r.Context(), tx, p, p.BrandID, "upload", "import", strconv.FormatInt(id, 10),
			audit.Created(map[string]any{"file_name": name, "size": header.Size}), h.Clock())
	})
	if err != nil {
		return err
	}
	web.Redirect(w, r, "/imports/"+strconv.FormatInt(id, 10))
	return nil
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// problemText is a problem in the viewer's language, from its catalogue
// key; the stored English text when the key is unknown.
func problemText(l *i18n.Localizer, p Problem) string {
	if p.Key == "" {
		return p.Message
	}
	if t := l.T(p.Key, p.Args...); t != p.Key {
		return t
	}
	return p.Message
}

// targetLabel names a mapping choice in the viewer's language.
func targetLabel(l *i18n.Localizer, name string) string {
	t, ok := ParseTarget(name)
	switch {
	case !ok:
		return name
	case t.Platform == "":
		key := "import.target." // + the field: every field has its label
		return l.T(key + t.Field)
	case t.Field == FieldHandle:
		return l.T("import.target.platform_handle", "platform", creator.PlatformLabel(t.Platform))
	case t.Field == FieldFollowers:
		return l.T("import.target.platform_followers", "platform", creator.PlatformLabel(t.Platform))
	}
	return l.T("import.target.platform_engagement_rate", "platform", creator.PlatformLabel(t.Platform))
}
