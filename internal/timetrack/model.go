// Package timetrack records the time people spend on a brand's program —
// by a timer that lives on the server, by hand, from suggestions drawn
// from their activity, or through the API — and measures it against the
// contract's monthly commitments: utilization, burn-down, forecast,
// alerts at 80 % and 100 %, and the monthly statement.
package timetrack

import "time"

// Sources of an entry.
const (
	SourceTimer      = "timer"
	SourceManual     = "manual"
	SourceSuggestion = "suggestion"
	SourceAPI        = "api"
)

// Limits on entries.
const (
	MaxMinutes = 24 * 60 // one entry is at most a day
	maxNote    = 500
)

// Entry is time one person spent on one activity on one day.
type Entry struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	UserName   string     `json:"user_name"`
	Role       string     `json:"role"`
	Category   string     `json:"category"`
	CampaignID *int64     `json:"campaign_id"`
	Campaign   string     `json:"campaign_name"`
	Day        string     `json:"day"`
	Minutes    int        `json:"minutes"`
	Note       string     `json:"note"`
	Source     string     `json:"source"`
	StartedAt  *time.Time `json:"started_at"`
	EndedAt    *time.Time `json:"ended_at"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// Input is what a person or the API gives for a new or changed entry.
type Input struct {
	UserID     int64  `json:"user_id"`
	Category   string `json:"category"`
	CampaignID *int64 `json:"campaign_id"`
	Day        string `json:"day"`
	Minutes    int    `json:"minutes"`
	Note       string `json:"note"`
}

// Timer is a person's running timer in a brand.
type Timer struct {
	Category   string
	CampaignID *int64
	Note       string
	StartedAt  time.Time
}

// Elapsed is the timer's running time at now.
func (t *Timer) Elapsed(now time.Time) time.Duration { return now.Sub(t.StartedAt) }

const dayLayout = "2006-01-02"

// monthOf is the "YYYY-MM" of a "YYYY-MM-DD" day.
func monthOf(day string) string {
	if len(day) < 7 {
		return ""
	}
	return day[:7]
}

func parseDay(s string) (time.Time, error) { return time.Parse(dayLayout, s) }
