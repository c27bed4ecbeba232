package applications

import (
	"net/http"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/portal"
	"github.com/rosterhq/roster/internal/web"
)

// hookPortal lets the creator portal's home list a person's applications
// across brands, through the hook the portal leaves for this room.
func hookPortal(q db.Querier) {
	portal.ApplicationsFor = func(r *http.Request, email string) ([]portal.ApplicationItem, error) {
		sums, err := ForEmail(r.Context(), q, email)
		if err != nil {
			return nil, err
		}
		l := web.Localizer(r)
		items := make([]portal.ApplicationItem, 0, len(sums))
		for _, s := range sums {
			items = append(items, portal.ApplicationItem{BrandName: s.BrandName, Status: s.Status,
				StatusKey: "applications.status." + s.Status, Submitted: l.Date(s.SubmittedAt)})
		}
		return items, nil
	}
}
