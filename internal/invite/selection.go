package invite

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/importer"
)

// MaxSelection bounds how many creators one invitation form sends to.
const MaxSelection = 1000

// selection reads which creators the invitation form is for: the
// creators an import created or updated (import=ID), or what the creator
// list sends (ticked ids, or all=1 with its filters); at most MaxSelection.
func (h *pages) selection(r *http.Request) (creator.Selection, error) {
	q := r.URL.Query()
	ctx, brandID := r.Context(), auth.FromContext(r.Context()).BrandID
	if q.Get("import") != "" {
		id, err := strconv.ParseInt(q.Get("import"), 10, 64)
		if err != nil {
			return creator.Selection{}, apperr.New(apperr.NotFound, "import not found")
		}
		return h.importedCreators(r, brandID, id)
	}
	return creator.Select(ctx, h.DB, brandID, q, MaxSelection)
}

// importedCreators are the brand's creators whose accounts an import
// created or updated (their metrics source names the import).
func (h *pages) importedCreators(r *http.Request, brandID, importID int64) (creator.Selection, error) {
	ctx := r.Context()
	if _, err := importer.GetImport(ctx, h.DB, brandID, importID); err != nil {
		return creator.Selection{}, err
	}
	rows, err := h.DB.QueryContext(ctx, `SELECT DISTINCT creator_id FROM social_accounts
		WHERE brand_id = ? AND metrics_source LIKE ? ORDER BY creator_id LIMIT ?`, brandID, importer.SourcePrefix(importID)+"%", MaxSelection+1)
	if err != nil {
		return creator.Selection{}, err
	}
	defer rows.Close()
	var sel creator.Selection
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return creator.Selection{}, err
		}
		sel.IDs = append(sel.IDs, id)
	}
	if len(sel.IDs) > MaxSelection {
		sel.IDs, sel.Capped = sel.IDs[:MaxSelection], true
	}
	return sel, rows.Err()
}
