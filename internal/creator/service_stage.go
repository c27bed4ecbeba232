package creator

import (
	"context"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/stages"
)

// SetStage moves a creator to one of the brand's stages, recording who,
// when, from, to and reason in the stage history and the audit log.
// Moving to the stage the creator is in changes nothing. Other rooms
// (review, invitations, the board) change stages through it.
func (s *Service) SetStage(ctx context.Context, p *auth.Principal, id int64, stage, reason string) (*Creator, error) {
	var c *Creator
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		c, err = s.SetStageTx(ctx, tx, p, id, stage, reason)
		return err
	})
	return c, err
}

// SetStageTx is SetStage inside the caller's transaction, so a decision
// and the stage move it causes commit or roll back together.
func (s *Service) SetStageTx(ctx context.Context, tx *db.Tx, p *auth.Principal, id int64, stage, reason string) (*Creator, error) {
	f := Fields{DisplayName: "x", Stage: stage}
	errs := Validate(&f)
	if strings.TrimSpace(stage) == "" {
		return nil, fieldErr("stage", "validation.choose_from_list", "Choose one of the options in the list.")
	}
	keys, err := stages.Keys(ctx, tx, p.BrandID)
	if err != nil {
		return nil, err
	}
	CheckStage(&f, keys, &errs)
	if errs.Has("stage") {
		return nil, errs.Err()
	}
	now := s.Now().UTC()
	c, err := s.Store.Get(ctx, tx, p.BrandID, id)
	if err != nil || c.Stage == f.Stage {
		return c, err
	}
	from := c.Stage
	if err := s.Store.setStage(ctx, tx, p.BrandID, id, f.Stage, now); err != nil {
		return nil, err
	}
	c.Stage, c.UpdatedAt = f.Stage, now
	if err := recordStage(ctx, tx, p, c.ID, from, f.Stage, reason, now); err != nil {
		return nil, err
	}
	changes := map[string]audit.Change{"stage": {From: from, To: f.Stage}}
	if r := stages.CleanReason(reason); r != "" {
		changes["reason"] = audit.Change{To: r}
	}
	return c, audit.Record(ctx, tx, p, p.BrandID, "set_stage", "creator", itoa(id), changes, now)
}

// recordStage is the one place the creator room writes a stage change to
// the history.
func recordStage(ctx context.Context, tx *db.Tx, p *auth.Principal, id int64, from, to, reason string, now time.Time) error {
	return stages.Record(ctx, tx, p, p.BrandID, id, from, to, reason, now)
}
