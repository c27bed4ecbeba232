package stages

import (
	"slices"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/i18n"
)

// Set describes one kind of stage list a brand configures. The list, its
// changes and its settings page are the same code for every set; what
// differs is read from here.
type Set struct {
	Table    string   // the brands' lists: brand_id, key, label, kind, position
	Entity   string   // the audit entity of a change
	Kinds    []string // a stage's possible kinds in display order; the first is the default
	Defaults []Stage  // a brand's list until it first changes it
	NameKey  string   // a default stage's name is the message NameKey+key
	Sep      string   // joins the words of a key made from a label, and a number making it unique
	Errors   Errors   // the set's own validation messages
	Members  Members  // what stands in a stage
	Page     Page     // the settings page
}

// Errors are the catalogue keys of a set's own validation messages.
type Errors struct {
	LabelTaken string // another stage has the name
	TooMany    string // at most {max} stages
	LastStage  string // the last stage cannot be removed
	NotEmpty   string // {count} members are in the stage being removed
}

// Members says where a set's members and their stage history are.
type Members struct {
	Table   string // the members: id, brand_id, stage, updated_at
	Events  string // their stage history: brand_id, EventOf, from_stage, to_stage, actor_user_id, actor_label, reason, at
	EventOf string // the history's column naming the member
}

// Page describes a set's settings page. Its words are the messages
// Words+"."+word (title, intro, name, order, remove, ...).
type Page struct {
	Path        string          // the page; its forms post to Path and Path+"/rename", "/move", "/remove"
	Perm        auth.Permission // needed to see it and to change the stages
	Nav         string          // the navigation item it is under
	Words       string          // the catalogue prefix of its words
	MembersWord string          // the word heading the member counts
	KindKey     string          // a kind's name is the message KindKey+kind
	KindHint    bool            // the add form explains the kinds (word "kind_hint")
	Back        string          // a link back above the title, if any
	BackLabel   string          // its message
	// RemovedReason is the history reason of the members moved out of a
	// removed stage.
	RemovedReason func(l *i18n.Localizer, key, name string) string
}

// DefaultList returns the set's default stages, positioned in order.
func (set *Set) DefaultList() []Stage {
	out := slices.Clone(set.Defaults)
	for i := range out {
		out[i].Position = i
	}
	return out
}

func (set *Set) isDefault(key string) bool { return find(set.Defaults, key) >= 0 }

// Name is a stage as people see it: the brand's label as typed, else a
// default stage's translated name.
func (set *Set) Name(l *i18n.Localizer, s Stage) string {
	if s.Label != "" || !set.isDefault(s.Key) {
		return s.Label
	}
	key := set.NameKey + s.Key // built at run time: TestSetMessagesTranslated checks them
	return l.T(key)
}

func find(list []Stage, key string) int {
	return slices.IndexFunc(list, func(s Stage) bool { return s.Key == key })
}

// MessageKeys lists the catalogue keys the set's code and settings page
// build at run time (default names, kinds, words, errors), so each set's
// tests can check every language has them.
func (set *Set) MessageKeys() []string {
	e, pg := set.Errors, set.Page
	keys := []string{e.LabelTaken, e.TooMany, e.LastStage, e.NotEmpty}
	for _, s := range set.Defaults {
		keys = append(keys, set.NameKey+s.Key)
	}
	for _, k := range set.Kinds {
		keys = append(keys, pg.KindKey+k)
	}
	words := []string{"title", "intro", "name", pg.MembersWord, "order", "remove", "kind", "up_named", "down_named",
		"remove_confirm", "move_to", "choose", "add", "add_submit", "added", "saved", "removed"}
	if pg.KindHint {
		words = append(words, "kind_hint")
	}
	for _, w := range words {
		keys = append(keys, pg.Words+"."+w)
	}
	if pg.BackLabel != "" {
		keys = append(keys, pg.BackLabel)
	}
	return keys
}
