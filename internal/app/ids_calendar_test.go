package app_test

import (
	"fmt"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/calendar/calendartest"
)

// Deliverables whose due date the calendar moves, for the tenant and
// role walks.
func init() {
	idMakers["/calendar/deliverables/"] = func(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
		env.Advance(1)
		c := calendartest.AddCampaign(t, env.DB, w.Brand.ID, calendartest.Campaign{
			Name: fmt.Sprintf("Secret campaign of %s %d", w.Brand.Name, env.Now().UnixNano()), Status: "active", StartsOn: "2026-03-02", EndsOn: "2026-03-31"})
		return calendartest.AddDeliverable(t, env.DB, w.Brand.ID, c, calendartest.Deliverable{DueOn: "2026-03-12"})
	}
}
