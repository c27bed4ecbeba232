// Package applications is the recruiting front door: a public application
// page per brand, the applications it receives, the team's rubric scores,
// an automatic score with its reasons, and the keyboard review queue.
package applications

import "time"

// Application statuses.
const (
	StatusSubmitted = "submitted"
	StatusApproved  = "approved"
	StatusDeclined  = "declined"
	StatusWithdrawn = "withdrawn"
)

// Statuses lists every status, for filters.
var Statuses = []string{StatusSubmitted, StatusApproved, StatusDeclined, StatusWithdrawn}

// Account is a social account an applicant stated.
type Account struct {
	Platform       string  `json:"platform"`
	Handle         string  `json:"handle"`
	Followers      int64   `json:"followers"`
	EngagementRate float64 `json:"engagement_rate"`
}

// Application is one submission to a brand's application page.
type Application struct {
	ID             int64             `json:"id"`
	BrandID        int64             `json:"-"`
	CreatorID      *int64            `json:"creator_id"`
	Status         string            `json:"status"`
	Name           string            `json:"name"`
	Email          string            `json:"email"`
	Country        string            `json:"country"`
	Languages      []string          `json:"languages"`
	Accounts       []Account         `json:"accounts"`
	Answers        map[string]Answer `json:"answers"`
	AutoScore      int               `json:"auto_score"`
	AutoReasons    []Reason          `json:"auto_reasons"`
	TeamScore      *float64          `json:"team_score"`
	Locale         string            `json:"locale"`
	SubmittedAt    time.Time         `json:"submitted_at"`
	DecidedAt      *time.Time        `json:"decided_at"`
	DecidedBy      *int64            `json:"decided_by"`
	DecisionReason string            `json:"decision_reason"`
}

// Answer is the reply to one custom question: Text for text, URL,
// number and single choice; Choices for multiple choice.
type Answer struct {
	Text    string   `json:"text,omitempty"`
	Choices []string `json:"choices,omitempty"`
}

// Summary is one application as the creator portal lists it.
type Summary struct {
	ID          int64
	BrandName   string
	Status      string
	SubmittedAt time.Time
	DecidedAt   *time.Time
}
