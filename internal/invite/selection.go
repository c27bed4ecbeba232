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

// selection reads which creators the invitation form is for.
func (h *pages) selection(r *http.Request) ([]int64, error) {
	q := r.URL.Query()
	ctx, brandID := r.Context(), auth.FromContext(r.Context()).BrandID
	switch {
	case q.Get("import") != "":
		id, err := strconv.ParseInt(q.Get("import"), 10, 64)
		if err != nil {
			return nil, apperr.New(apperr.NotFound, "import not found")
		}
		return h.importedCreators(r, brandID, id)
	case q.Get("all") == "1":
		q.Del("all")
		lq, errs := creator.ParseListQuery(q)
		if err := errs.Err(); err != nil {
			return nil, err
		}
		lq.Limit, lq.Cursor = 200, ""
		var ids []int64
		for len(ids) < MaxSelection {
			page, err := h.svc.creators.Store.List(ctx, h.DB, brandID, lq)
			if err != nil {
				return nil, err
			}
			for _, c := range page.Items {
				ids = append(ids, c.ID)
			}
			if page.NextCursor == "" {
				break
			}
			lq.Cursor = page.NextCursor
		}
		return capped(ids), nil
	}
	return capped(idsOf(q["ids"])), nil
}

// importedCreators are the brand's creators whose accounts an import
// created or updated (their metrics source names the import).
func (h *pages) importedCreators(r *http.Request, brandID, importID int64) ([]int64, error) {
	ctx := r.Context()
	if _, err := importer.GetImport(ctx, h.DB, brandID, importID); err != nil {
		return nil, err
	}
	rows, err := h.DB.QueryContext(ctx, `SELECT DISTINCT creator_id FROM social_accounts
		WHERE brand_id = ? AND metrics_source LIKE ? ORDER BY creator_id LIMIT ?`, brandID, importer.SourcePrefix(importID)+"%", MaxSelection)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func capped(ids []int64) []int64 {
	if len(ids) > MaxSelection {
		return ids[:MaxSelection]
	}
	return ids
}
