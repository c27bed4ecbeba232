package creator

import (
	"context"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// Update replaces a creator's fields, tags and accounts with validated
// fields and returns the creator before and after, for the audit log.
func (s *Store) Update(ctx context.Context, tx *db.Tx, brandID, id int64, f Fields, now time.Time) (before, after *Creator, err error) {
	before, err = s.Get(ctx, tx, brandID, id)
	if err != nil {
		return nil, nil, err
	}
	c, err := creatorFromFields(brandID, f, now)
	if err != nil {
		return nil, nil, err
	}
	c.ID, c.CreatedAt = id, before.CreatedAt
	if err := s.checkHandles(ctx, tx, brandID, id, c.SocialAccounts); err != nil {
		return nil, nil, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE creators SET display_name = ?, sort_name = ?, email = ?, country = ?, languages = ?,
		notes = ?, owner_user_id = ?, stage = ?, followers_total = ?, search_text = ?, updated_at = ?
		WHERE brand_id = ? AND id = ?`,
		c.DisplayName, sortName(c.DisplayName), c.Email, c.Country, strings.Join(c.Languages, ","), c.Notes,
		c.OwnerUserID, c.Stage, c.FollowersTotal, buildSearchText(c), c.UpdatedAt.UnixMilli(), brandID, id)
	if err != nil {
		return nil, nil, err
	}
	// By creator id alone (checked to be the brand's above), so no planner
	// can prefer the (brand_id, tag) index.
	if _, err := tx.ExecContext(ctx, `DELETE FROM creator_tags WHERE creator_id = ?`, id); err != nil {
		return nil, nil, err
	}
	if err := insertTags(ctx, tx, brandID, id, c.Tags); err != nil {
		return nil, nil, err
	}
	if err := s.syncAccounts(ctx, tx, brandID, id, before.SocialAccounts, c.SocialAccounts, c.UpdatedAt); err != nil {
		return nil, nil, err
	}
	after, err = s.Get(ctx, tx, brandID, id)
	return before, after, err
}
