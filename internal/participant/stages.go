package participant

import (
	"context"
	"slices"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/stages"
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

// StageSet is the brand's campaign participant stages: one list for all
// its campaigns, changed and shown by the stages package's shared code.
var StageSet = &stages.Set{
	Table:  "participant_stages",
	Entity: "participant_stage",
	Kinds:  Kinds,
	Defaults: []stages.Stage{
		{Key: StageInvited, Kind: KindOpen}, {Key: StageAccepted, Kind: KindOpen}, {Key: "product_shipped", Kind: KindOpen},
		{Key: "content_submitted", Kind: KindOpen}, {Key: "approved", Kind: KindOpen}, {Key: "posted", Kind: KindOpen},
		{Key: StageCompleted, Kind: KindDone}, {Key: StageDeclined, Kind: KindOut}, {Key: StageRemoved, Kind: KindOut},
	},
	NameKey: "participants.stage.",
	Sep:     "_",
	Errors: stages.Errors{LabelTaken: "participants.error.label_taken", TooMany: "participants.error.too_many_stages",
		LastStage: "participants.error.last_stage", NotEmpty: "participants.error.stage_not_empty"},
	// Counted and moved over every campaign of the brand.
	Members: stages.Members{Table: "campaign_participants", Events: "participant_stage_events", EventOf: "participant_id"},
	Page: stages.Page{Path: "/settings/participant-stages", Perm: auth.CampaignsWrite, Nav: "campaigns",
		Words: "participants.stages", MembersWord: "participants", KindKey: "participants.kind.",
		RemovedReason: func(_ *i18n.Localizer, key, _ string) string { return "stage " + key + " removed" }},
}

// Stage is one of a brand's participant stages: a stages.Stage named by
// StageSet.
type Stage stages.Stage

// Name is the stage as people see it: the brand's label, else the
// default stage's translated name.
func (s Stage) Name(l *i18n.Localizer) string { return StageSet.Name(l, stages.Stage(s)) }

// StageNames maps each key of list to its name in l's language.
func StageNames(l *i18n.Localizer, list []Stage) map[string]string {
	out := make(map[string]string, len(list))
	for _, s := range list {
		out[s.Key] = s.Name(l)
	}
	return out
}

// DefaultStages returns the stages of a brand that never changed them.
func DefaultStages() []Stage { return fromShared(StageSet.DefaultList()) }

// Stages returns the brand's participant stages in order.
func Stages(ctx context.Context, q db.Querier, brandID int64) ([]Stage, error) {
	list, err := StageSet.List(ctx, q, brandID)
	return fromShared(list), err
}

func fromShared(list []stages.Stage) []Stage {
	out := make([]Stage, len(list))
	for i, s := range list {
		out[i] = Stage(s)
	}
	return out
}

func findStage(list []Stage, key string) int {
	return slices.IndexFunc(list, func(s Stage) bool { return s.Key == key })
}
