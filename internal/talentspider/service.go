package talentspider

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/applications"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// Service is the engine plus the two writes: dismissing a suggestion and
// adding it to the brand's network.
type Service struct {
	Engine   *Engine
	Creators *creator.Service
	Now      func() time.Time
}

// NewService returns a service over d.
func NewService(d *db.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	// Review scores from applications widen the seed to the best-scored
	// creators, whatever their stage.
	return &Service{Engine: &Engine{DB: d, Scores: applications.CreatorScores}, Creators: creator.NewService(d, now), Now: now}
}

// AddedSource is the metrics source of an account added from a
// suggestion; such prospects are not suggested again.
const AddedSource = "talentspider"

// MaxReasonLength bounds the optional reason for a dismissal.
const MaxReasonLength = 500

// Dismiss hides the suggestion id for good, with an optional reason, and
// returns what was dismissed.
func (s *Service) Dismiss(ctx context.Context, p *auth.Principal, id, reason string) (*Suggestion, error) {
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > MaxReasonLength {
		var f apperr.Fields
		f.Add("reason", "validation.too_long", "Use at most 500 characters.", "max", MaxReasonLength)
		return nil, f.Err()
	}
	sg, err := s.Engine.Find(ctx, p.BrandID, id)
	if err != nil {
		return nil, err
	}
	var by *int64
	if p.User != nil {
		by = &p.User.ID
	}
	now := s.Now().UTC()
	err = s.Engine.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO suggestion_dismissals (brand_id, platform, handle, dismissed_by, at, reason)
			VALUES (?, ?, ?, ?, ?, ?)`, p.BrandID, sg.Platform, sg.Handle, by, now.UnixMilli(), reason); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "dismiss", "suggestion", sg.Platform+":"+sg.Handle,
			map[string]audit.Change{"reason": {To: reason}}, now)
	})
	return sg, err
}

// Add creates the suggested person in the brand as a prospect, from
// their public facts only, through the creator service (which audits
// it). From then on the brand has the handle, so it is no longer
// suggested. The brand's own prospects are already in its network.
func (s *Service) Add(ctx context.Context, p *auth.Principal, id string) (*creator.Creator, error) {
	sg, err := s.Engine.Find(ctx, p.BrandID, id)
	if err != nil {
		return nil, err
	}
	if sg.Source != SourceNetwork {
		return nil, apperr.New(apperr.Conflict, "This creator is already in your network.")
	}
	return s.Creators.Create(ctx, p, creator.Fields{
		DisplayName: sg.Handle, Country: sg.Country, Languages: sg.Languages, Tags: sg.Tags, Stage: "prospect",
		SocialAccounts: []creator.SocialAccountInput{{Platform: sg.Platform, Handle: sg.Handle,
			Followers: sg.Followers, EngagementRate: sg.EngagementRate, MetricsSource: AddedSource}},
	})
}
