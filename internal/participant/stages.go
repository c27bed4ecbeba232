package participant

import (
	"context"
	"slices"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

// Kinds of participant stage: still under way, done, or out of the
// campaign (declined, removed).
const (
	KindOpen = "open"
	KindDone = "done"
	KindOut  = "out"
)

// Kinds lists the kinds in display order.
var Kinds = []string{KindOpen, KindDone, KindOut}

// Stage keys the service moves participants to by itself. A brand may
// rename them (the key stays) or remove them (then the automatic move is
// skipped and the answer still recorded).
const (
	StageInvited   = "invited"
	StageAccepted  = "accepted"
	StageCompleted = "completed"
	StageDeclined  = "declined"
	StageRemoved   = "removed"
)

// Stage is one of a brand's participant stages. Key is a stable slug
// stored on participants; Label is the brand's own name, empty for a
// default stage that keeps its translated name.
type Stage struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Kind     string `json:"kind"`
	Position int    `json:"position"`
}

var defaultStages = []Stage{
	{Key: StageInvited, Kind: KindOpen}, {Key: StageAccepted, Kind: KindOpen}, {Key: "product_shipped", Kind: KindOpen},
	{Key: "content_submitted", Kind: KindOpen}, {Key: "approved", Kind: KindOpen}, {Key: "posted", Kind: KindOpen},
	{Key: StageCompleted, Kind: KindDone}, {Key: StageDeclined, Kind: KindOut}, {Key: StageRemoved, Kind: KindOut},
}

// DefaultStages returns the stages of a brand that never changed them.
func DefaultStages() []Stage {
	out := slices.Clone(defaultStages)
	for i := range out {
		out[i].Position = i
	}
	return out
}

func isDefaultKey(key string) bool {
	return slices.ContainsFunc(defaultStages, func(s Stage) bool { return s.Key == key })
}

// Name is the stage as people see it: the brand's label, else the
// default stage's translated name.
func (s Stage) Name(l *i18n.Localizer) string {
	if s.Label != "" || !isDefaultKey(s.Key) {
		return s.Label
	}
	key := "participants.stage." + s.Key // built at run time: TestStageNamesTranslated checks them
	return l.T(key)
}

// StageNames maps each key of list to its name in l's language.
func StageNames(l *i18n.Localizer, list []Stage) map[string]string {
	out := make(map[string]string, len(list))
	for _, s := range list {
		out[s.Key] = s.Name(l)
	}
	return out
}

// Stages returns the brand's participant stages in order.
func Stages(ctx context.Context, q db.Querier, brandID int64) ([]Stage, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, label, kind, position FROM participant_stages
		WHERE brand_id = ? ORDER BY position, id`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Stage
	for rows.Next() {
		var s Stage
		if err := rows.Scan(&s.Key, &s.Label, &s.Kind, &s.Position); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return DefaultStages(), nil
	}
	return out, nil
}

func findStage(list []Stage, key string) int {
	return slices.IndexFunc(list, func(s Stage) bool { return s.Key == key })
}

// saveStages replaces the brand's stages with list, renumbering them; the
// first change writes the defaults with it.
func saveStages(ctx context.Context, tx *db.Tx, brandID int64, list []Stage) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM participant_stages WHERE brand_id = ?`, brandID); err != nil {
		return err
	}
	for i, s := range list {
		if _, err := tx.ExecContext(ctx, `INSERT INTO participant_stages (brand_id, key, label, kind, position) VALUES (?, ?, ?, ?, ?)`,
			brandID, s.Key, s.Label, s.Kind, i); err != nil {
			return err
		}
	}
	return nil
}

// stageCounts counts the brand's participants in each stage, over every
// campaign (for the settings page).
func stageCounts(ctx context.Context, q db.Querier, brandID int64) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT stage, count(*) FROM campaign_participants WHERE brand_id = ? GROUP BY stage`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var key string
		var n int64
		if err := rows.Scan(&key, &n); err != nil {
			return nil, err
		}
		out[key] = n
	}
	return out, rows.Err()
}
