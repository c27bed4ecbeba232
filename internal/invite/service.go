package invite

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// Service sends invitations and records what happens to them. Creator
// stage moves go through creator.Service, so they are audited and in the
// stage history like any other.
type Service struct {
	d        *web.Deps
	creators *creator.Service
}

// NewService returns a service over d's database, clock and base URL.
func NewService(d *web.Deps, creators *creator.Service) *Service {
	return &Service{d: d, creators: creators}
}

// Skip reasons of Send.
const (
	SkipNotFound       = "not_found"
	SkipNoEmail        = "no_email"
	SkipAlreadyInvited = "already_invited"
)

// Skipped is a creator Send did not invite, and why.
type Skipped struct {
	CreatorID int64  `json:"creator_id"`
	Reason    string `json:"reason"`
}

// SendResult says what Send did: invitations sent now, invitations
// booked on later days by the daily limit, and creators skipped.
type SendResult struct {
	Invitations []Invitation
	SentNow     int
	Scheduled   int
	Skipped     []Skipped
}

// MaxPerSend bounds one Send.
const MaxPerSend = 1000

// Send invites creators of the principal's brand with a template. Each
// invitation goes out now when the brand's daily limit has room, else on
// the first day that has; prospects move to "invited".
func (s *Service) Send(ctx context.Context, p *auth.Principal, templateID int64, creatorIDs []int64) (*SendResult, error) {
	var f apperr.Fields
	if len(creatorIDs) == 0 {
		f.Add("creator_ids", "validation.select_some", "Select at least one creator.")
	} else if len(creatorIDs) > MaxPerSend {
		f.Add("creator_ids", "validation.too_many", "Select at most 1000 creators at a time.", "max", MaxPerSend)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	tpl, err := GetTemplate(ctx, s.d.DB, p.BrandID, templateID)
	if apperr.CodeOf(err) == apperr.NotFound {
		f.Add("template_id", "invite.validation.template", "Choose one of the brand's templates.")
		return nil, f.Err()
	}
	if err != nil {
		return nil, err
	}
	b, err := brand.ByID(ctx, s.d.DB, p.BrandID)
	if err != nil {
		return nil, err
	}
	now := s.d.Clock()
	res := &SendResult{}
	err = s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		limit, err := DailyLimit(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, id := range creatorIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			c, err := s.creators.Store.Get(ctx, tx, p.BrandID, id)
			if apperr.CodeOf(err) == apperr.NotFound {
				res.Skipped = append(res.Skipped, Skipped{id, SkipNotFound})
				continue
			}
			if err != nil {
				return err
			}
			if c.Email == "" {
				res.Skipped = append(res.Skipped, Skipped{id, SkipNoEmail})
				continue
			}
			if open, err := openFor(ctx, tx, p.BrandID, id); err != nil {
				return err
			} else if open {
				res.Skipped = append(res.Skipped, Skipped{id, SkipAlreadyInvited})
				continue
			}
			inv, sentNow, err := s.create(ctx, tx, p, b, tpl, c, limit, now)
			if err != nil {
				return err
			}
			if sentNow {
				res.SentNow++
			} else {
				res.Scheduled++
			}
			res.Invitations = append(res.Invitations, *inv)
			if c.Stage == "prospect" {
				if err := s.moveStage(ctx, tx, p, c.ID, "invited", "invitation sent"); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.d.WakeJobs()
	return res, nil
}

// create stores one invitation, books its first email and sends it now
// when the booking is for today.
func (s *Service) create(ctx context.Context, tx *db.Tx, p *auth.Principal, b *brand.Brand, tpl *Template, c *creator.Creator,
	limit int, now time.Time) (*Invitation, bool, error) {
	day, err := book(ctx, tx, b.ID, dayOf(now), limit)
	if err != nil {
		return nil, false, err
	}
	at := later(now, dayStart(day))
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO invitations (brand_id, creator_id, template_id, status, locale, sender_name, created_by,
		scheduled_at, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?) RETURNING id`,
		b.ID, c.ID, tpl.ID, LocaleFor(c.Languages, b.DefaultLocale), senderName(p), nullID(p.UserID()),
		at.UnixMilli(), now.UnixMilli(), now.UnixMilli()).Scan(&id)
	if err != nil {
		return nil, false, err
	}
	if err := audit.Record(ctx, tx, p, b.ID, "invite", "creator", itoa(c.ID), map[string]audit.Change{
		"invitation": {To: id}, "template": {To: tpl.Name}}, now); err != nil {
		return nil, false, err
	}
	sentNow := day == dayOf(now)
	if sentNow {
		if err := s.step(ctx, tx, p, b.ID, id, 0, day, now); err != nil {
			return nil, false, err
		}
	} else if err := enqueueStep(ctx, tx, id, b.ID, 0, day, at); err != nil {
		return nil, false, err
	}
	inv, err := Get(ctx, tx, b.ID, id)
	return inv, sentNow, err
}

func senderName(p *auth.Principal) string {
	switch {
	case p.User != nil && p.User.Name != "":
		return p.User.Name
	case p.User != nil:
		return p.User.Email
	}
	return p.BrandName
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
