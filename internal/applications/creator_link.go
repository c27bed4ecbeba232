package applications

import (
	"context"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// stagesThatBecomeApplied are the stages an application moves a linked
// creator out of; one already approved or active keeps its stage.
var stagesThatBecomeApplied = map[string]bool{"prospect": true, "invited": true}

// linkCreator finds the brand's creator with one of the applicant's
// handles, else with their email, and moves a prospect to "applied"; with
// neither it creates the creator in "applied". It also returns the
// followers the brand had on record for the applicant's accounts.
func (s *Service) linkCreator(ctx context.Context, brandID int64, f creator.Fields) (*creator.Creator, map[string]int64, error) {
	id, err := s.findCreator(ctx, brandID, f)
	if err != nil {
		return nil, nil, err
	}
	p := pagePrincipal(brandID)
	if id == 0 {
		c, err := s.Creators.Create(ctx, p, f)
		if apperr.CodeOf(err) == apperr.Conflict {
			// Someone took a handle between the lookup and the insert:
			// link to them instead.
			if id, err = s.findCreator(ctx, brandID, f); err == nil && id == 0 {
				err = apperr.New(apperr.Conflict, "creator changed while applying")
			}
		}
		if id == 0 {
			return c, map[string]int64{}, err
		}
	}
	c, err := s.Creators.Store.Get(ctx, s.DB, brandID, id)
	if err != nil {
		return nil, nil, err
	}
	recorded := map[string]int64{}
	for _, a := range c.SocialAccounts {
		recorded[a.Platform+" "+a.Handle] = a.Followers
	}
	if stagesThatBecomeApplied[c.Stage] {
		if c, err = s.Creators.SetStage(ctx, p, id, "applied", "application"); err != nil {
			return nil, nil, err
		}
	}
	return c, recorded, nil
}

// findCreator returns the id of the brand's creator having any of the
// accounts (platform and normalised handle), else the given email, or 0.
func (s *Service) findCreator(ctx context.Context, brandID int64, f creator.Fields) (int64, error) {
	var id int64
	for _, a := range f.SocialAccounts {
		err := s.DB.QueryRowContext(ctx, `SELECT creator_id FROM social_accounts WHERE brand_id = ? AND platform = ? AND handle = ?`,
			brandID, a.Platform, a.Handle).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !db.IsNoRows(err) {
			return 0, err
		}
	}
	if f.Email == "" {
		return 0, nil
	}
	err := s.DB.QueryRowContext(ctx, `SELECT id FROM creators WHERE brand_id = ? AND email = ? ORDER BY id LIMIT 1`, brandID, f.Email).Scan(&id)
	if db.IsNoRows(err) {
		return 0, nil
	}
	return id, err
}
