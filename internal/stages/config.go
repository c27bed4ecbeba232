package stages

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

// Limits on a brand's stages.
const (
	MaxStages = 30
	maxLabel  = 40
)

var english = i18n.For("en")

func fieldErr(field, key string, args ...any) error {
	var f apperr.Fields
	f.Add(field, key, english.T(key, args...), args...)
	return f.Err()
}

// Config changes a brand's stages, each change audited in its transaction.
type Config struct {
	DB  *db.DB
	Now func() time.Time
}

// change loads the brand's stages in tx, lets edit change the list, saves
// it and records one audit event on the stage *key names (read after edit,
// which may set it).
func (c *Config) change(ctx context.Context, p *auth.Principal, action string, key *string, edit func(tx *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error)) error {
	now := c.Now().UTC()
	return c.DB.InTx(ctx, func(tx *db.Tx) error {
		list, err := List(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		list, changes, err := edit(tx, slices.Clone(list))
		if err != nil {
			return err
		}
		if err := save(ctx, tx, p.BrandID, list); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, "stage", *key, changes, now)
	})
}

func find(list []Stage, key string) int {
	return slices.IndexFunc(list, func(s Stage) bool { return s.Key == key })
}

// checkLabel trims a label and checks its length and that no other stage
// of the list already carries it.
func checkLabel(list []Stage, label, except string, required bool) (string, error) {
	label = strings.Join(strings.Fields(label), " ")
	switch {
	case label == "" && required:
		return "", fieldErr("label", "validation.required")
	case utf8.RuneCountInString(label) > maxLabel:
		return "", fieldErr("label", "validation.too_long", "max", maxLabel)
	}
	for _, s := range list {
		if s.Key != except && label != "" && (strings.EqualFold(s.Label, label) || strings.EqualFold(s.Key, label)) {
			return "", fieldErr("label", "pipeline.error.label_taken")
		}
	}
	return label, nil
}

func checkKind(kind string) (string, error) {
	if kind == "" {
		return Open, nil
	}
	if !slices.Contains(Kinds, kind) {
		return "", fieldErr("kind", "validation.choose_from_list")
	}
	return kind, nil
}

// newKey derives a key from label that no stage of list has.
func newKey(list []Stage, label string) string {
	base := brand.Slugify(label)
	if len(base) > 30 {
		base = strings.Trim(base[:30], "-")
	}
	if base == "" {
		base = "stage"
	}
	key := base
	for n := 2; find(list, key) >= 0; n++ {
		key = base + "-" + strconv.Itoa(n)
	}
	return key
}

// Add appends a stage named label and returns it.
func (c *Config) Add(ctx context.Context, p *auth.Principal, label, kind string) (*Stage, error) {
	var added Stage
	err := c.change(ctx, p, "create", &added.Key, func(_ *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		if len(list) >= MaxStages {
			return nil, nil, fieldErr("label", "pipeline.error.too_many", "max", MaxStages)
		}
		label, err := checkLabel(list, label, "", true)
		if err != nil {
			return nil, nil, err
		}
		if kind, err = checkKind(kind); err != nil {
			return nil, nil, err
		}
		added = Stage{Key: newKey(list, label), Label: label, Kind: kind, Position: len(list)}
		return append(list, added), audit.Created(map[string]any{"key": added.Key, "label": label, "kind": kind}), nil
	})
	if err != nil {
		return nil, err
	}
	return &added, nil
}

// Rename sets a stage's label and kind. An empty label gives a default
// stage back its translated name; other stages need a label.
func (c *Config) Rename(ctx context.Context, p *auth.Principal, key, label, kind string) error {
	return c.change(ctx, p, "update", &key, func(_ *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		i := find(list, key)
		if i < 0 {
			return nil, nil, fieldErr("key", "validation.choose_from_list")
		}
		isDefault := slices.Contains(DefaultKeys(), key)
		label, err := checkLabel(list, label, key, !isDefault)
		if err != nil {
			return nil, nil, err
		}
		if kind, err = checkKind(kind); err != nil {
			return nil, nil, err
		}
		before := list[i]
		list[i].Label, list[i].Kind = label, kind
		return list, audit.Diff(map[string]any{"label": before.Label, "kind": before.Kind},
			map[string]any{"label": label, "kind": kind}), nil
	})
}

// Move swaps a stage with its neighbour: delta -1 is up, +1 down. At
// either end it stays where it is.
func (c *Config) Move(ctx context.Context, p *auth.Principal, key string, delta int) error {
	return c.change(ctx, p, "move", &key, func(_ *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		i := find(list, key)
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

// Remove deletes a stage. Creators in it move to moveTo in the same
// transaction, each with a stage change carrying reason; without moveTo
// the stage must be empty. It returns how many creators moved.
func (c *Config) Remove(ctx context.Context, p *auth.Principal, key, moveTo, reason string) (int64, error) {
	var moved int64
	err := c.change(ctx, p, "delete", &key, func(tx *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		i := find(list, key)
		if i < 0 {
			return nil, nil, fieldErr("key", "validation.choose_from_list")
		}
		if len(list) == 1 {
			return nil, nil, fieldErr("key", "pipeline.error.last_stage")
		}
		n, err := countIn(ctx, tx, p.BrandID, key)
		if err != nil {
			return nil, nil, err
		}
		if n > 0 {
			if moveTo == "" {
				return nil, nil, fieldErr("move_to", "pipeline.error.not_empty", "count", n)
			}
			if moveTo == key || find(list, moveTo) < 0 {
				return nil, nil, fieldErr("move_to", "validation.choose_from_list")
			}
			if err := moveAll(ctx, tx, p, key, moveTo, reason, c.Now().UTC()); err != nil {
				return nil, nil, err
			}
		}
		moved = n
		changes := map[string]audit.Change{"key": {From: key}, "label": {From: list[i].Label}}
		if n > 0 {
			changes["moved"] = audit.Change{To: n}
			changes["moved_to"] = audit.Change{To: moveTo}
		}
		return slices.Delete(list, i, i+1), changes, nil
	})
	return moved, err
}

// moveAll moves every creator of the brand in stage from to stage to,
// recording one stage change each: the bulk form of Record.
func moveAll(ctx context.Context, tx *db.Tx, p *auth.Principal, from, to, reason string, now time.Time) error {
	var user any
	if id := p.UserID(); id != 0 {
		user = id
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO creator_stage_events (brand_id, creator_id, from_stage, to_stage, actor_user_id, actor_label, reason, at)
		SELECT brand_id, id, stage, ?, ?, ?, ?, ? FROM creators WHERE brand_id = ? AND stage = ?`,
		to, user, p.ActorLabel(), CleanReason(reason), now.UnixMilli(), p.BrandID, from); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE creators SET stage = ?, updated_at = ? WHERE brand_id = ? AND stage = ?`,
		to, now.UnixMilli(), p.BrandID, from)
	return err
}
