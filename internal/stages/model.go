// Package stages holds the stage lists a brand configures: its pipeline
// stages (the columns of the creator pipeline) with every creator's stage
// history, and the shared code behind any such list (a Set): defaults
// until the brand changes them, audited changes, and the settings page.
// The participant room describes its campaign participant stages as a
// Set. The creator room checks stages and records changes through this
// package, so it must import neither the creator nor the participant
// room.
package stages

import (
	"regexp"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/i18n"
)

// Kinds of pipeline stage: still in progress, a relationship won, or one
// lost.
const (
	Open = "open"
	Won  = "won"
	Lost = "lost"
)

// Kinds lists the pipeline kinds in display order.
var Kinds = []string{Open, Won, Lost}

// Stage is one stage of a brand's list. Key is a stable slug stored on
// the members; Label is the brand's own name for it, empty for a default
// stage that keeps its translated name.
type Stage struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Kind     string `json:"kind"`
	Position int    `json:"position"`
}

// Pipeline is the brand's creator pipeline stages.
var Pipeline = &Set{
	Table:  "brand_stages",
	Entity: "stage",
	Kinds:  Kinds,
	Defaults: []Stage{
		{Key: "prospect", Kind: Open}, {Key: "invited", Kind: Open}, {Key: "applied", Kind: Open},
		{Key: "approved", Kind: Open}, {Key: "active", Kind: Won}, {Key: "alumni", Kind: Won},
		{Key: "declined", Kind: Lost},
	},
	NameKey: "stage.", // the defaults' names are in the core catalogue
	Sep:     "-",
	Errors: Errors{LabelTaken: "pipeline.error.label_taken", TooMany: "pipeline.error.too_many",
		LastStage: "pipeline.error.last_stage", NotEmpty: "pipeline.error.not_empty"},
	Members: Members{Table: "creators", Events: "creator_stage_events", EventOf: "creator_id"},
	Page: Page{Path: "/settings/stages", Perm: auth.RecruitingConfigure, Nav: "pipeline",
		Words: "pipeline.stages", MembersWord: "creators", KindKey: "pipeline.kind.", KindHint: true,
		Back: "/pipeline", BackLabel: "pipeline.title",
		RemovedReason: func(l *i18n.Localizer, _, name string) string {
			return l.T("pipeline.stages.removed_reason", "name", name)
		}},
}

// Defaults returns the seven default pipeline stages, positioned in order.
func Defaults() []Stage { return Pipeline.DefaultList() }

// DefaultKeys returns the default pipeline stages' keys in order.
func DefaultKeys() []string { return keysOf(Defaults()) }

func keysOf(list []Stage) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Key
	}
	return out
}

// Name is a pipeline stage's name as people see it: the brand's label as
// typed, else the default stage's translated name. (A participant stage
// is named by its own Set.)
func (s Stage) Name(l *i18n.Localizer) string { return Pipeline.Name(l, s) }

// Names maps each key of list, pipeline stages, to its name in l's
// language.
func Names(l *i18n.Localizer, list []Stage) map[string]string {
	out := make(map[string]string, len(list))
	for _, s := range list {
		out[s.Key] = s.Name(l)
	}
	return out
}

// keyPattern is the shape of a stage key: a lower-case slug.
var keyPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9_-]{0,38}[a-z0-9])?$`)

// ValidKey reports whether key has the shape of a stage key.
func ValidKey(key string) bool { return keyPattern.MatchString(key) }
