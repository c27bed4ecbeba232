// Package stages holds each brand's relationship stages (the columns of
// the pipeline) and the history of every creator's stage changes. The
// creator room checks stages and records changes through it, so it must
// not import the creator room.
package stages

import (
	"regexp"

	"github.com/rosterhq/roster/internal/i18n"
)

// Kinds of stage: still in progress, a relationship won, or one lost.
const (
	Open = "open"
	Won  = "won"
	Lost = "lost"
)

// Kinds lists the kinds in display order.
var Kinds = []string{Open, Won, Lost}

// Stage is one of a brand's stages. Key is a stable slug stored on
// creators; Label is the brand's own name for it, empty for a default
// stage that keeps its translated name.
type Stage struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Kind     string `json:"kind"`
	Position int    `json:"position"`
}

// defaults are the stages of a brand that never changed its stages.
var defaults = []Stage{
	{Key: "prospect", Kind: Open}, {Key: "invited", Kind: Open}, {Key: "applied", Kind: Open},
	{Key: "approved", Kind: Open}, {Key: "active", Kind: Won}, {Key: "alumni", Kind: Won},
	{Key: "declined", Kind: Lost},
}

// Defaults returns the seven default stages, positioned in order.
func Defaults() []Stage {
	out := make([]Stage, len(defaults))
	for i, s := range defaults {
		s.Position = i
		out[i] = s
	}
	return out
}

// DefaultKeys returns the default stages' keys in order.
func DefaultKeys() []string { return keysOf(Defaults()) }

func keysOf(list []Stage) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Key
	}
	return out
}

// Name is the stage's name as people see it: the brand's label as typed,
// else the default stage's translated name.
func (s Stage) Name(l *i18n.Localizer) string {
	if s.Label != "" {
		return s.Label
	}
	key := "stage." + s.Key // the defaults' names are in the core catalogue
	return l.T(key)
}

// Names maps each key of list to its name in l's language.
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
