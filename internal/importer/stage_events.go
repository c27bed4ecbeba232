package importer

import (
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/stages"
)

// stageEvents buffers the stage changes an import makes, written in bulk
// with the batch's rows (the bulk form of stages.Record): one from ""
// for each creator it creates, one from the stored stage for each
// creator whose stage it changes.
type stageEvents struct {
	*table
	brandID int64
	userID  int64
	actor   string
	reason  string
}

// newStageEvents leaves out actor_user_id for an actor that is not a
// user (a token, the CLI), so the column is NULL without a nullable
// array on PostgreSQL.
func newStageEvents(brandID int64, actor *auth.Principal, reason string) *stageEvents {
	cols := "brand_id creator_id from_stage to_stage actor_label reason at"
	if actor.UserID() != 0 {
		cols += " actor_user_id"
	}
	return &stageEvents{table: newTable("creator_stage_events", cols), brandID: brandID,
		userID: actor.UserID(), actor: actor.ActorLabel(), reason: stages.CleanReason(reason)}
}

// add records a creator's move from one stage to another; nothing when
// the stage stayed.
func (e *stageEvents) add(creatorID int64, from, to string, ms int64) {
	if from == to {
		return
	}
	if e.userID != 0 {
		e.table.add(e.brandID, creatorID, from, to, e.actor, e.reason, ms, e.userID)
		return
	}
	e.table.add(e.brandID, creatorID, from, to, e.actor, e.reason, ms)
}
