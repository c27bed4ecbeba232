package campaign

import "slices"

// transitions are the allowed status moves. Forward along the workflow,
// plus the back-steps a team really takes:
//
//   - recruiting → draft: recruiting was opened too early; back to editing.
//   - active → recruiting: a running campaign needs more creators.
//   - completed → active: late deliverables reopen a finished campaign.
//   - archived → completed: unarchive.
//   - draft → archived: abandon a draft without deleting its history.
//
// Nothing skips a step forward (draft → active): recruiting is where
// offers go out, and a campaign that never recruited has nobody to run.
var transitions = map[string][]string{
	Draft:      {Recruiting, Archived},
	Recruiting: {Active, Draft},
	Active:     {Completed, Recruiting},
	Completed:  {Archived, Active},
	Archived:   {Completed},
}

// NextStatuses returns the statuses a campaign in status may move to,
// forward first.
func NextStatuses(status string) []string { return slices.Clone(transitions[status]) }

// CanTransition reports whether a campaign may move from one status to
// another.
func CanTransition(from, to string) bool { return slices.Contains(transitions[from], to) }

// ValidStatus reports whether s is one of Statuses.
func ValidStatus(s string) bool { return slices.Contains(Statuses, s) }

// IsForward reports whether moving from → to goes along the workflow
// (the page shows forward moves as primary buttons).
func IsForward(from, to string) bool {
	return slices.Index(Statuses, to) > slices.Index(Statuses, from)
}
