package creator

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Store reads and writes creators. Every method takes the brand first
// after the transaction or querier, and never touches another brand's
// rows: an id of another brand behaves exactly like an absent one.
type Store struct {
	db *db.DB
	// Now is the clock for writes that are given no time (bulk tag
	// changes, which still move updated_at); nil means time.Now.
	Now func() time.Time
}

// NewStore returns a store over d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

var errNotFound = apperr.New(apperr.NotFound, "creator not found")

// Create inserts a creator from validated fields, with its tags and
// social accounts. A handle another creator of the brand already has on
// the same platform is a Conflict naming that creator.
func (s *Store) Create(ctx context.Context, tx *db.Tx, brandID int64, f Fields, now time.Time) (*Creator, error) {
	c, err := creatorFromFields(brandID, f, now)
	if err != nil {
		return nil, err
	}
	if err := s.checkHandles(ctx, tx, brandID, 0, c.SocialAccounts); err != nil {
		return nil, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO creators (brand_id, display_name, sort_name, email, country, languages, notes,
		owner_user_id, stage, followers_total, search_text, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, c.DisplayName, sortName(c.DisplayName), c.Email, c.Country, strings.Join(c.Languages, ","), c.Notes,
		c.OwnerUserID, c.Stage, c.FollowersTotal, buildSearchText(c), c.CreatedAt.UnixMilli(), c.UpdatedAt.UnixMilli()).Scan(&c.ID)
	if err != nil {
		return nil, err
	}
	if err := insertTags(ctx, tx, brandID, c.ID, c.Tags); err != nil {
		return nil, err
	}
	for i := range c.SocialAccounts {
		if err := s.insertAccount(ctx, tx, brandID, c.ID, i, &c.SocialAccounts[i]); err != nil {
			return nil, err
		}
	}
	return s.Get(ctx, tx, brandID, c.ID)
}

// Get returns one creator of the brand, or NotFound.
func (s *Store) Get(ctx context.Context, q db.Querier, brandID, id int64) (*Creator, error) {
	cs, err := loadCreators(ctx, q, brandID, []int64{id})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, errNotFound
	}
	return &cs[0], nil
}

// GetMany returns the brand's creators with these ids in the order given,
// skipping ids it does not find (another brand's, or deleted). It reads
// them in a few queries per 500 rather than a few per creator: the forms
// that act on "every creator matching" list up to 1,000, and reading them
// one by one took 0.5–1 s (found by the crawl's slowest pages).
func (s *Store) GetMany(ctx context.Context, q db.Querier, brandID int64, ids []int64) ([]Creator, error) {
	byID := make(map[int64]Creator, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		cs, err := loadCreators(ctx, q, brandID, chunk)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			byID[c.ID] = c
		}
	}
	out := make([]Creator, 0, len(byID))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			out = append(out, c)
			delete(byID, id) // an id given twice is listed once
		}
	}
	return out, nil
}

// Delete removes a creator (its tags and accounts go with it) and returns
// what was deleted, for the audit log.
func (s *Store) Delete(ctx context.Context, tx *db.Tx, brandID, id int64) (*Creator, error) {
	c, err := s.Get(ctx, tx, brandID, id)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM creators WHERE brand_id = ? AND id = ?`, brandID, id); err != nil {
		return nil, err
	}
	return c, nil
}

// creatorFromFields builds the row a create or update writes: the
// accounts get their profile URLs and metric times, the follower total
// is their sum.
func creatorFromFields(brandID int64, f Fields, now time.Time) (*Creator, error) {
	now = now.UTC().Truncate(time.Millisecond)
	c := &Creator{BrandID: brandID, DisplayName: f.DisplayName, Email: f.Email, Country: f.Country,
		Languages: f.Languages, Tags: f.Tags, Notes: f.Notes, OwnerUserID: f.OwnerUserID, Stage: f.Stage,
		CreatedAt: now, UpdatedAt: now}
	for _, in := range f.SocialAccounts {
		handle, profileURL, err := NormalizeHandle(in.Platform, in.Handle)
		if err != nil {
			return nil, err // the caller skipped Validate: a programming error
		}
		source := in.MetricsSource
		if source == "" {
			source = "manual"
		}
		t := now
		c.SocialAccounts = append(c.SocialAccounts, SocialAccount{Platform: in.Platform, Handle: handle,
			ProfileURL: profileURL, Followers: in.Followers, EngagementRate: in.EngagementRate,
			MetricsUpdatedAt: &t, MetricsSource: source})
		c.FollowersTotal += in.Followers
	}
	return c, nil
}

// sortName is creators.sort_name: the display name folded, so that
// "élodie" sorts with "Elodie".
func sortName(displayName string) string { return foldText(displayName) }

func insertTags(ctx context.Context, tx *db.Tx, brandID, creatorID int64, tags []string) error {
	for _, t := range tags {
		if _, err := tx.ExecContext(ctx, `INSERT INTO creator_tags (brand_id, creator_id, tag) VALUES (?, ?, ?)`, brandID, creatorID, t); err != nil {
			return err
		}
	}
	return nil
}
