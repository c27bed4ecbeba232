// Package accountwork is the account team's side of a brand's program:
// tasks, meetings (strategy calls, trainings, Quarterly Business Reviews)
// with attendees, notes and action items that become tasks, a tracker of
// sponsored campaigns and partnerships, and goals and KPIs whose actual
// value Roster computes where it holds the data.
package accountwork

import "time"

// Kinds and statuses, in display order.
var (
	TaskKinds           = []string{"maintenance", "training", "strategy", "other"}
	TaskStatuses        = []string{"open", "in_progress", "done", "cancelled"}
	MeetingKinds        = []string{"strategy_call", "training", "qbr", "other"}
	PartnershipKinds    = []string{"sponsored_campaign", "partnership", "affiliate", "other"}
	PartnershipStatuses = []string{"prospect", "negotiating", "active", "completed", "lost"}
)

// Task is a piece of account work.
type Task struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Title       string     `json:"title"`
	Status      string     `json:"status"`
	OwnerUserID *int64     `json:"owner_user_id"`
	OwnerName   string     `json:"owner_name"`
	DueOn       string     `json:"due_on"`
	CampaignID  *int64     `json:"campaign_id"`
	Campaign    string     `json:"campaign_name"`
	MeetingID   *int64     `json:"meeting_id"`
	Notes       string     `json:"notes"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	DoneAt      *time.Time `json:"done_at"`
}

// Attendee is one person at a meeting: a team member or a named guest.
type Attendee struct {
	UserID *int64 `json:"user_id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
}

// Meeting is a call, training or review with the brand.
type Meeting struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Title       string     `json:"title"`
	Day         string     `json:"day"`
	StartTime   string     `json:"start_time"`
	Duration    int        `json:"duration_minutes"`
	Agenda      string     `json:"agenda"`
	Notes       string     `json:"notes"`
	OwnerUserID *int64     `json:"owner_user_id"`
	Attendees   []Attendee `json:"attendees"`
	ActionItems []Task     `json:"action_items"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Partnership is a sponsored campaign or partnership in the tracker.
type Partnership struct {
	ID          int64     `json:"id"`
	Partner     string    `json:"partner"`
	Kind        string    `json:"kind"`
	Status      string    `json:"status"`
	ValueMinor  int64     `json:"value_minor"`
	Currency    string    `json:"currency"`
	StartsOn    string    `json:"starts_on"`
	EndsOn      string    `json:"ends_on"`
	Notes       string    `json:"notes"`
	OwnerUserID *int64    `json:"owner_user_id"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Goal is a target for a metric over a period.
type Goal struct {
	ID           int64  `json:"id"`
	Metric       string `json:"metric"`
	Label        string `json:"label"`
	Target       int64  `json:"target"`
	PeriodStart  string `json:"period_start"`
	PeriodEnd    string `json:"period_end"`
	ManualActual *int64 `json:"manual_actual"`
	OwnerUserID  *int64 `json:"owner_user_id"`
	// Actual is the computed value for a computed metric, the manual one
	// otherwise (nil when none was entered); Computed says which.
	Actual   *int64 `json:"actual"`
	Computed bool   `json:"computed"`
}
