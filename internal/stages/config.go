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

// Limits on a brand's list of stages.
const (
	MaxStages = 30
	maxLabel  = 40
)

var english = i18n.For("en")

// fieldErr is a one-field validation error with its English message.
func fieldErr(field, key string, args ...any) error {
	var f apperr.Fields
	f.Add(field, key, english.T(key, args...), args...)
	return f.Err()
}

// Config changes a brand's stages of Set, each change audited in its
// transaction.
type Config struct {
	Set *Set
	DB  *db.DB
	Now func() time.Time
}

// change loads the brand's stages in tx, lets edit change the list, saves
// it and records one audit event on the stage *key names (read after edit,
// which may set it).
func (c *Config) change(ctx context.Context, p *auth.Principal, action string, key *string, edit func(tx *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error)) error {
	now := c.Now().UTC()
	return c.DB.InTx(ctx, func(tx *db.Tx) error {
		list, err := c.Set.List(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		list, changes, err := edit(tx, slices.Clone(list))
		if err != nil {
			return err
		}
		if err := c.Set.save(ctx, tx, p.BrandID, list); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, c.Set.Entity, *key, changes, now)
	})
}

// checkLabel tidies a label and checks its length and that no other stage
// of the list already carries it (as label or key).
func (c *Config) checkLabel(list []Stage, label, except string, required bool) (string, error) {
	label = strings.Join(strings.Fields(label), " ")
	switch {
	case label == "" && required:
		return "", fieldErr("label", "validation.required")
	case utf8.RuneCountInString(label) > maxLabel:
		return "", fieldErr("label", "validation.too_long", "max", maxLabel)
	}
	for _, s := range list {
		if s.Key != except && label != "" && (strings.EqualFold(s.Label, label) || strings.EqualFold(s.Key, label)) {
			return "", fieldErr("label", c.Set.Errors.LabelTaken)
		}
	}
	return label, nil
}

// checkKind returns kind, or the set's first kind when it is empty.
func (c *Config) checkKind(kind string) (string, error) {
	if kind == "" {
		return c.Set.Kinds[0], nil
	}
	if !slices.Contains(c.Set.Kinds, kind) {
		return "", fieldErr("kind", "validation.choose_from_list")
	}
	return kind, nil
}

// newKey derives from label a key that no stage of list has, its words
// joined by the set's separator.
func (c *Config) newKey(list []Stage, label string) string {
	sep := c.Set.Sep
	base := strings.ReplaceAll(brand.Slugify(label), "-", sep)
	if len(base) > 30 {
		base = strings.Trim(base[:30], sep)
	}
	if base == "" {
		base = "stage"
	}
	key := base
	for n := 2; find(list, key) >= 0; n++ {
		key = base + sep + strconv.Itoa(n)
	}
	return key
}

// Add appends a stage named label of kind and returns it.
func (c *Config) Add(ctx context.Context, p *auth.Principal, label, kind string) (*Stage, error) {
	var added Stage
	err := c.change(ctx, p, "create", &added.Key, func(_ *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		if len(list) >= MaxStages {
			return nil, nil, fieldErr("label", c.Set.Errors.TooMany, "max", MaxStages)
		}
		label, err := c.checkLabel(list, label, "", true)
		if err != nil {
			return nil, nil, err
		}
		if kind, err = c.checkKind(kind); err != nil {
			return nil, nil, err
		}
		added = Stage{Key: c.newKey(list, label), Label: label, Kind: kind, Position: len(list)}
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
		label, err := c.checkLabel(list, label, key, !c.Set.isDefault(key))
		if err != nil {
			return nil, nil, err
		}
		if kind, err = c.checkKind(kind); err != nil {
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

// Remove deletes a stage. Its members move to moveTo in the same
// transaction, each with a stage change carrying reason; without moveTo
// the stage must be empty. It returns how many members moved.
func (c *Config) Remove(ctx context.Context, p *auth.Principal, key, moveTo, reason string) (int64, error) {
	var moved int64
	err := c.change(ctx, p, "delete", &key, func(tx *db.Tx, list []Stage) ([]Stage, map[string]audit.Change, error) {
		i := find(list, key)
		if i < 0 {
			return nil, nil, fieldErr("key", "validation.choose_from_list")
		}
		if len(list) == 1 {
			return nil, nil, fieldErr("key", c.Set.Errors.LastStage)
		}
		n, err := c.Set.Members.countIn(ctx, tx, p.BrandID, key)
		if err != nil {
			return nil, nil, err
		}
		changes := map[string]audit.Change{"key": {From: key}, "label": {From: list[i].Label}}
		if n > 0 {
			if moveTo == "" {
				return nil, nil, fieldErr("move_to", c.Set.Errors.NotEmpty, "count", n)
			}
			if moveTo == key || find(list, moveTo) < 0 {
				return nil, nil, fieldErr("move_to", "validation.choose_from_list")
			}
			if err := c.Set.Members.moveAll(ctx, tx, p, key, moveTo, reason, c.Now().UTC()); err != nil {
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
