package participant

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

// Limits on a brand's participant stages.
const (
	MaxStages     = 30
	maxStageLabel = 40
)

var english = i18n.For("en")

// fieldErr is a one-field validation error with its English message.
func fieldErr(field, key string, args ...any) error {
	var f apperr.Fields
	f.Add(field, key, english.T(key, args...), args...)
	return f.Err()
}

// StageConfig changes a brand's participant stages, each change audited
// in its transaction (entity "participant_stage").
type StageConfig struct {
	DB  *db.DB
	Now func() time.Time
}

// change loads the stages in tx, lets edit change them, saves them and
// records one audit event on *key (read after edit, which may set it).
func (c *StageConfig) change(ctx context.Context, p *auth.Principal, action string, key *string,
	edit func(tx *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error)) error {
	now := c.Now().UTC()
	return c.DB.InTx(ctx, func(tx *db.Tx) error {
		list, err := Stages(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		list, changes, err := edit(tx, slices.Clone(list))
		if err != nil {
			return err
		}
		if err := saveStages(ctx, tx, p.BrandID, list); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, "participant_stage", *key, changes, now)
	})
}

// cleanStageLabel tidies a label and checks its length and that no other
// stage already carries it (as label or key).
func cleanStageLabel(list []Stage, label, except string, required bool) (string, error) {
	label = strings.Join(strings.Fields(label), " ")
	switch {
	case label == "" && required:
		return "", fieldErr("label", "validation.required")
	case utf8.RuneCountInString(label) > maxStageLabel:
		return "", fieldErr("label", "validation.too_long", "max", maxStageLabel)
	}
	for _, s := range list {
		if s.Key != except && label != "" && (strings.EqualFold(s.Label, label) || strings.EqualFold(s.Key, label)) {
			return "", fieldErr("label", "participants.error.label_taken")
		}
	}
	return label, nil
}

func checkStageKind(kind string) (string, error) {
	if kind == "" {
		return KindOpen, nil
	}
	if !slices.Contains(Kinds, kind) {
		return "", fieldErr("kind", "validation.choose_from_list")
	}
	return kind, nil
}

// newStageKey derives from label a key no stage of list has.
func newStageKey(list []Stage, label string) string {
	base := strings.ReplaceAll(brand.Slugify(label), "-", "_")
	if len(base) > 30 {
		base = strings.Trim(base[:30], "_")
	}
	if base == "" {
		base = "stage"
	}
	key := base
	for n := 2; findStage(list, key) >= 0; n++ {
		key = base + "_" + strconv.Itoa(n)
	}
	return key
}

// Add appends a stage named label of kind and returns it.
func (c *StageConfig) Add(ctx context.Context, p *auth.Principal, label, kind string) (*Stage, error) {
	var added Stage
	err := c.change(ctx, p, "create", &added.Key, func(_ *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		if len(list) >= MaxStages {
			return nil, nil, fieldErr("label", "participants.error.too_many_stages", "max", MaxStages)
		}
		label, err := cleanStageLabel(list, label, "", true)
		if err != nil {
			return nil, nil, err
		}
		if kind, err = checkStageKind(kind); err != nil {
			return nil, nil, err
		}
		added = Stage{Key: newStageKey(list, label), Label: label, Kind: kind, Position: len(list)}
		return append(list, added), audit.Created(map[string]any{"key": added.Key, "label": label, "kind": kind}), nil
	})
	if err != nil {
		return nil, err
	}
	return &added, nil
}

// Rename sets a stage's label and kind; an empty label gives a default
// stage back its translated name.
func (c *StageConfig) Rename(ctx context.Context, p *auth.Principal, key, label, kind string) error {
	return c.change(ctx, p, "update", &key, func(_ *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		i := findStage(list, key)
		if i < 0 {
			return nil, nil, fieldErr("key", "validation.choose_from_list")
		}
		label, err := cleanStageLabel(list, label, key, !isDefaultKey(key))
		if err != nil {
			return nil, nil, err
		}
		if kind, err = checkStageKind(kind); err != nil {
			return nil, nil, err
		}
		before := list[i]
		list[i].Label, list[i].Kind = label, kind
		return list, audit.Diff(map[string]any{"label": before.Label, "kind": before.Kind},
			map[string]any{"label": label, "kind": kind}), nil
	})
}

// Reorder swaps a stage with its neighbour (delta -1 up, +1 down); at
// either end it stays.
func (c *StageConfig) Reorder(ctx context.Context, p *auth.Principal, key string, delta int) error {
	return c.change(ctx, p, "move", &key, func(_ *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		i := findStage(list, key)
		if i < 0 {
			return nil, nil, fieldErr("key", "validation.choose_from_list")
		}
		if delta != -1 && delta != 1 {
			return nil, nil, fieldErr("direction", "validation.choose_from_list")
		}
		j := i + delta
		if j < 0 || j >= len(list) {
			return list, map[string]audit.Change{}, nil
		}
		list[i], list[j] = list[j], list[i]
		return list, map[string]audit.Change{"position": {From: i, To: j}}, nil
	})
}

// Remove deletes a stage. Participants in it (in any campaign) move to
// moveTo in the same transaction, each with a stage event carrying
// reason; without moveTo the stage must be empty. It returns how many
// moved.
func (c *StageConfig) Remove(ctx context.Context, p *auth.Principal, key, moveTo, reason string) (int64, error) {
	var moved int64
	err := c.change(ctx, p, "delete", &key, func(tx *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		i := findStage(list, key)
		if i < 0 {
			return nil, nil, fieldErr("key", "validation.choose_from_list")
		}
		if len(list) == 1 {
			return nil, nil, fieldErr("key", "participants.error.last_stage")
		}
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM campaign_participants WHERE brand_id = ? AND stage = ?`,
			p.BrandID, key).Scan(&n); err != nil {
			return nil, nil, err
		}
		changes := map[string]audit.Change{"key": {From: key}, "label": {From: list[i].Label}}
		if n > 0 {
			if moveTo == "" {
				return nil, nil, fieldErr("move_to", "participants.error.stage_not_empty", "count", n)
			}
			if moveTo == key || findStage(list, moveTo) < 0 {
				return nil, nil, fieldErr("move_to", "validation.choose_from_list")
			}
			if err := moveEveryone(ctx, tx, p, key, moveTo, reason, c.Now().UTC()); err != nil {
				return nil, nil, err
			}
			changes["moved"] = audit.Change{To: n}
			changes["moved_to"] = audit.Change{To: moveTo}
		}
		moved = n
		return slices.Delete(list, i, i+1), changes, nil
	})
	return moved, err
}

// moveEveryone moves the brand's participants in stage from to stage to,
// with one stage event each: the bulk form of recordMove.
func moveEveryone(ctx context.Context, tx *db.Tx, p *auth.Principal, from, to, reason string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO participant_stage_events (brand_id, participant_id, from_stage, to_stage, actor_user_id, actor_label, reason, at)
		SELECT brand_id, id, stage, ?, ?, ?, ?, ? FROM campaign_participants WHERE brand_id = ? AND stage = ?`,
		to, nullID(p.UserID()), p.ActorLabel(), cleanReason(reason), now.UnixMilli(), p.BrandID, from); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE campaign_participants SET stage = ?, updated_at = ? WHERE brand_id = ? AND stage = ?`,
		to, now.UnixMilli(), p.BrandID, from)
	return err
}
