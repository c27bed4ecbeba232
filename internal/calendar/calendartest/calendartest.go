// Package calendartest makes campaigns and deliverables for calendar
// tests. It writes the campaign tables (migration 0007) directly, since
// the campaign room's service was not on main when the calendar landed;
// tests that need campaign rules should use that service instead.
package calendartest

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// Campaign is what a fixture campaign needs; zero values are left empty.
type Campaign struct {
	Name     string
	Status   string // draft when empty
	StartsOn string // YYYY-MM-DD or ""
	EndsOn   string
	OwnerID  int64
}

// AddCampaign inserts a campaign of the brand and returns its id.
func AddCampaign(t testing.TB, d *db.DB, brandID int64, c Campaign) int64 {
	t.Helper()
	if c.Status == "" {
		c.Status = "draft"
	}
	now := time.Now().UnixMilli()
	var id int64
	err := d.QueryRowContext(context.Background(), `INSERT INTO campaigns (brand_id, name, status, starts_on, ends_on, owner_user_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, brandID, c.Name, c.Status, nullable(c.StartsOn), nullable(c.EndsOn), nullableID(c.OwnerID), now, now).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Deliverable is a fixture deliverable.
type Deliverable struct {
	Platform string // instagram when empty
	Kind     string // reel when empty
	Quantity int    // 1 when 0
	DueOn    string
}

// AddDeliverable inserts a deliverable of one of the brand's campaigns.
func AddDeliverable(t testing.TB, d *db.DB, brandID, campaignID int64, del Deliverable) int64 {
	t.Helper()
	if del.Platform == "" {
		del.Platform = "instagram"
	}
	if del.Kind == "" {
		del.Kind = "reel"
	}
	if del.Quantity == 0 {
		del.Quantity = 1
	}
	now := time.Now().UnixMilli()
	var id int64
	err := d.QueryRowContext(context.Background(), `INSERT INTO campaign_deliverables (brand_id, campaign_id, position, platform, kind, quantity, due_on, created_at, updated_at)
		VALUES (?, ?, (SELECT COUNT(*) FROM campaign_deliverables WHERE brand_id = ? AND campaign_id = ?), ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, campaignID, brandID, campaignID, del.Platform, del.Kind, del.Quantity, nullable(del.DueOn), now, now).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// DueOn reads a deliverable's stored due date ("" for none).
func DueOn(t testing.TB, d *db.DB, id int64) string {
	t.Helper()
	var due *string
	if err := d.QueryRowContext(context.Background(), `SELECT due_on FROM campaign_deliverables WHERE id = ?`, id).Scan(&due); err != nil {
		t.Fatal(err)
	}
	if due == nil {
		return ""
	}
	return *due
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullableID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
