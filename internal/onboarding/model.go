// Package onboarding is each new brand's 8-week onboarding plan: weekly
// milestones (systems set-up, training, importing the initial network,
// goals and KPIs, first campaigns, templates and workflows), each owned
// by the brand or the account team, with due dates and progress.
// Milestones complete themselves when Roster sees the event (the first
// import finished, the first goal set, the first campaign live, …) and
// by hand otherwise. Platform admins edit the template; a brand's plan is
// a copy that can be adjusted without changing the template.
package onboarding

import "time"

// Sides that own a milestone.
var Sides = []string{"brand", "account_team"}

// Milestone is one step of a plan or of the template.
type Milestone struct {
	ID          int64      `json:"id"`
	Position    int        `json:"position"`
	Week        int        `json:"week"`
	Key         string     `json:"key"`
	Title       string     `json:"title"`
	OwnerSide   string     `json:"owner_side"`
	Trigger     string     `json:"trigger"`
	DueOn       string     `json:"due_on,omitempty"`
	DoneAt      *time.Time `json:"done_at,omitempty"`
	DoneByEvent bool       `json:"done_by_event,omitempty"`
}

// Done reports whether the milestone is complete.
func (m Milestone) Done() bool { return m.DoneAt != nil }

// defaults is Roster's 8-week template, used while the installation's
// template has no rows.
var defaults = []Milestone{
	{Week: 1, Key: "kickoff", OwnerSide: "account_team"},
	{Week: 1, Key: "contract", OwnerSide: "brand", Trigger: "contract_saved"},
	{Week: 1, Key: "systems_setup", OwnerSide: "account_team"},
	{Week: 2, Key: "team", OwnerSide: "brand", Trigger: "team_invited"},
	{Week: 2, Key: "training", OwnerSide: "account_team", Trigger: "training_held"},
	{Week: 3, Key: "initial_import", OwnerSide: "brand", Trigger: "first_import"},
	{Week: 4, Key: "goals", OwnerSide: "brand", Trigger: "first_goal"},
	{Week: 5, Key: "templates", OwnerSide: "account_team", Trigger: "templates_customised"},
	{Week: 6, Key: "first_campaign", OwnerSide: "brand", Trigger: "first_campaign"},
	{Week: 7, Key: "first_campaign_live", OwnerSide: "brand", Trigger: "first_campaign_active"},
	{Week: 8, Key: "review", OwnerSide: "account_team"},
}

// Default returns a copy of Roster's default template.
func Default() []Milestone {
	out := make([]Milestone, len(defaults))
	copy(out, defaults)
	for i := range out {
		out[i].Position = i
	}
	return out
}
