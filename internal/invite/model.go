// Package invite sends creators email invitations from a brand's
// templates, in each creator's language, follows up automatically when
// they don't answer, keeps within the brand's daily sending limit, and
// records their answer from the creator portal.
package invite

import "time"

// Statuses of an invitation.
const (
	Pending  = "pending"  // sent or waiting to be sent; no answer yet
	Accepted = "accepted" // the creator accepted in the portal
	Declined = "declined" // the creator declined in the portal
	Expired  = "expired"  // every follow-up went out and no answer came
	Stopped  = "stopped"  // staff stopped it (a reply only stops the follow-ups)
)

// Statuses lists every status, for filters.
var Statuses = []string{Pending, Accepted, Declined, Expired, Stopped}

// Defaults of a template and a brand.
const (
	DefaultFollowupDays = 4
	DefaultMaxFollowups = 2
	DefaultDailyLimit   = 200
)

// MergeFields are the placeholders a template may use.
var MergeFields = []string{"creator_name", "brand_name", "sender_name", "portal_link", "accept_link"}

// Text is a template's subject and body in one language.
type Text struct {
	Locale  string `json:"locale"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Template is a brand's invitation email.
type Template struct {
	ID           int64
	BrandID      int64
	Name         string
	FollowupDays int
	MaxFollowups int
	Texts        map[string]Text // by locale
	UpdatedAt    time.Time
}

// Invitation is one creator invited by one brand.
type Invitation struct {
	ID             int64      `json:"id"`
	CreatorID      int64      `json:"creator_id"`
	CreatorName    string     `json:"creator_name"`
	TemplateID     *int64     `json:"template_id"`
	Status         string     `json:"status"`
	Locale         string     `json:"locale"`
	ScheduledAt    time.Time  `json:"scheduled_at"`
	SentAt         *time.Time `json:"sent_at"`
	FollowupsSent  int        `json:"followups_sent"`
	NextFollowupAt *time.Time `json:"next_followup_at"`
	RepliedAt      *time.Time `json:"replied_at"`
	RespondedAt    *time.Time `json:"responded_at"`
	CreatedAt      time.Time  `json:"created_at"`
	SenderName     string     `json:"-"`
	BrandID        int64      `json:"-"`
	BrandName      string     `json:"-"`
	Email          string     `json:"-"`
}
