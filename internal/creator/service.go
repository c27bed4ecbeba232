package creator

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/stages"
)

// Service applies the rules around creator writes: validation, the
// owner being on the team, and an audit record in the same transaction.
// Pages, the API and imports all write through it.
type Service struct {
	DB    *db.DB
	Store *Store
	Now   func() time.Time
}

// NewService returns a service over d.
func NewService(d *db.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{DB: d, Store: NewStore(d), Now: now}
}

func (s *Service) check(ctx context.Context, brandID int64, f *Fields) error {
	blankStage := strings.TrimSpace(f.Stage) == ""
	errs := Validate(f)
	keys, err := stages.Keys(ctx, s.DB, brandID)
	if err != nil {
		return err
	}
	if blankStage {
		f.Stage = keys[0] // the brand's first stage, which may not be a default
	}
	CheckStage(f, keys, &errs)
	if f.OwnerUserID != nil {
		if _, err := brand.RoleOf(ctx, s.DB, brandID, *f.OwnerUserID); err != nil {
			errs.Add("owner_user_id", "validation.owner_not_member", "The owner must be a member of this brand's team.")
		}
	}
	return errs.Err()
}

// Create validates and stores a new creator.
func (s *Service) Create(ctx context.Context, p *auth.Principal, f Fields) (*Creator, error) {
	if err := s.check(ctx, p.BrandID, &f); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	var c *Creator
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if c, err = s.Store.Create(ctx, tx, p.BrandID, f, now); err != nil {
			return err
		}
		if err := recordStage(ctx, tx, p, c.ID, "", c.Stage, "", now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "create", "creator", itoa(c.ID), audit.Created(Snapshot(c)), now)
	})
	return c, err
}

// Update validates and replaces a creator's fields.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id int64, f Fields) (*Creator, error) {
	if err := s.check(ctx, p.BrandID, &f); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	var after *Creator
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		before, a, err := s.Store.Update(ctx, tx, p.BrandID, id, f, now)
		if err != nil {
			return err
		}
		after = a
		if before.Stage != after.Stage {
			if err := recordStage(ctx, tx, p, id, before.Stage, after.Stage, "", now); err != nil {
				return err
			}
		}
		changes := audit.Diff(Snapshot(before), Snapshot(after))
		if len(changes) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, p, p.BrandID, "update", "creator", itoa(id), changes, now)
	})
	return after, err
}

// Delete removes a creator.
func (s *Service) Delete(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		c, err := s.Store.Delete(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "delete", "creator", itoa(id), audit.Diff(Snapshot(c), nil), now)
	})
}

// Bulk actions on selected creators.
const (
	BulkAddTag    = "add_tag"
	BulkRemoveTag = "remove_tag"
	BulkSetStage  = "set_stage"
)

// Bulk applies one action to many creators of the principal's brand and
// returns how many changed. Ids of other brands are ignored.
func (s *Service) Bulk(ctx context.Context, p *auth.Principal, action string, ids []int64, value string) (int, error) {
	if len(ids) == 0 {
		return 0, fieldErr("ids", "validation.select_some", "Select at least one creator.")
	}
	if len(ids) > 1000 {
		return 0, fieldErr("ids", "validation.too_many", "Select at most 1000 creators at a time.")
	}
	probe := Fields{DisplayName: "x", Tags: []string{value}, Stage: value}
	now := s.Now().UTC()
	var changed []int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		switch action {
		case BulkAddTag, BulkRemoveTag:
			if errs := Validate(&probe); errs.Has("tags") || value == "" {
				return fieldErr("tag", "validation.tag", "Enter a tag of at most 40 characters.")
			}
			if action == BulkAddTag {
				changed, err = s.Store.BulkAddTag(ctx, tx, p.BrandID, ids, probe.Tags[0])
			} else {
				changed, err = s.Store.BulkRemoveTag(ctx, tx, p.BrandID, ids, probe.Tags[0])
			}
		case BulkSetStage:
			if errs := Validate(&probe); errs.Has("stage") || value == "" {
				return fieldErr("stage", "validation.choose_from_list", "Choose one of the options in the list.")
			}
			var from map[int64]string
			if from, err = s.Store.stagesOf(ctx, tx, p.BrandID, ids); err != nil {
				return err
			}
			if changed, err = s.Store.BulkSetStage(ctx, tx, p.BrandID, ids, value, now); err != nil {
				return err
			}
			for _, id := range changed {
				if err := recordStage(ctx, tx, p, id, from[id], value, "", now); err != nil {
					return err
				}
			}
		default:
			return fieldErr("action", "validation.choose_from_list", "Choose one of the options in the list.")
		}
		if err != nil {
			return err
		}
		for _, id := range changed {
			field := "tags"
			if action == BulkSetStage {
				field = "stage"
			}
			if err := audit.Record(ctx, tx, p, p.BrandID, action, "creator", itoa(id),
				map[string]audit.Change{field: {To: value}}, now); err != nil {
				return err
			}
		}
		return nil
	})
	return len(changed), err
}

// Snapshot is the audited view of a creator.
func Snapshot(c *Creator) map[string]any {
	if c == nil {
		return nil
	}
	accounts := make([]string, len(c.SocialAccounts))
	for i, a := range c.SocialAccounts {
		accounts[i] = fmt.Sprintf("%s:%s followers=%d er=%g", a.Platform, a.Handle, a.Followers, a.EngagementRate)
	}
	var owner any
	if c.OwnerUserID != nil {
		owner = *c.OwnerUserID
	}
	return map[string]any{
		"display_name": c.DisplayName, "email": c.Email, "country": c.Country, "languages": nonNil(c.Languages),
		"tags": nonNil(c.Tags), "notes": c.Notes, "owner_user_id": owner, "stage": c.Stage, "social_accounts": accounts,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func fieldErr(field, key, msg string) error {
	var f apperr.Fields
	f.Add(field, key, msg)
	return f.Err()
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// FieldsOf returns a creator's current writable fields (the base a PATCH
// or an edit form starts from).
func FieldsOf(c *Creator) Fields {
	f := Fields{DisplayName: c.DisplayName, Email: c.Email, Country: c.Country, Languages: c.Languages,
		Tags: c.Tags, Notes: c.Notes, OwnerUserID: c.OwnerUserID, Stage: c.Stage}
	for _, a := range c.SocialAccounts {
		f.SocialAccounts = append(f.SocialAccounts, SocialAccountInput{Platform: a.Platform, Handle: a.Handle,
			Followers: a.Followers, EngagementRate: a.EngagementRate, MetricsSource: a.MetricsSource})
	}
	return f
}
