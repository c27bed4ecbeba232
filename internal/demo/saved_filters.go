package demo

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// savedFilters are the demo brand's saved creator-list filters, as a
// community manager would keep them for recruiting rounds.
var savedFilters = []struct{ name, query string }{
	{"US hiking prospects", "stage=prospect&tag=hiking&country=US"},
	{"Big on TikTok", "platform=tiktok&min_followers=100k&sort=-followers"},
	{"Rising in Mexico", "country=MX&max_followers=50k&sort=-followers"},
	{"Climbers by name", "tag=climbing&sort=name"},
}

// seedSavedFilters saves them as the brand's community manager.
func seedSavedFilters(ctx context.Context, d *db.DB, b *brand.Brand, now time.Time) error {
	cm, err := communityManager(ctx, d, b)
	if err != nil {
		return err
	}
	svc := creator.NewService(d, func() time.Time { return now })
	for _, f := range savedFilters {
		if _, err := svc.SaveFilter(ctx, cm, f.name, f.query); err != nil {
			return err
		}
	}
	return nil
}
