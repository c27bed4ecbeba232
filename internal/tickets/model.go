// Package tickets is technical support between a brand and its account
// team: tickets with priority, status and attachments, replies both ways
// with emails in each reader's language, the account managers' queue
// across all their brands, and first-response and resolution times.
package tickets

import (
	"time"
)

// Priorities, lowest first.
var Priorities = []string{"low", "normal", "high", "urgent"}

// Statuses in the order a ticket usually passes them. "waiting" is
// waiting on the customer.
var Statuses = []string{"new", "open", "waiting", "resolved", "closed"}

// Ticket is one support request of a brand.
type Ticket struct {
	ID              int64      `json:"id"`
	BrandID         int64      `json:"-"`
	BrandName       string     `json:"-"` // filled by the queue
	Subject         string     `json:"subject"`
	Description     string     `json:"description"`
	Priority        string     `json:"priority"`
	Status          string     `json:"status"`
	OpenedBy        *int64     `json:"opened_by_user_id"`
	OpenedByLabel   string     `json:"opened_by"`
	AssigneeID      *int64     `json:"assignee_user_id"`
	AssigneeLabel   string     `json:"assignee"`
	OpenedAt        time.Time  `json:"opened_at"`
	FirstResponseAt *time.Time `json:"first_response_at"`
	ResolvedAt      *time.Time `json:"resolved_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// Reply is one message on a ticket's thread.
type Reply struct {
	ID          int64        `json:"id"`
	AuthorID    *int64       `json:"author_user_id"`
	AuthorLabel string       `json:"author"`
	FromTeam    bool         `json:"from_account_team"`
	Body        string       `json:"body"`
	CreatedAt   time.Time    `json:"created_at"`
	Attachments []Attachment `json:"attachments"`
}

// Attachment is a file on a ticket or one of its replies; Data is loaded
// only for downloads.
type Attachment struct {
	ID          int64  `json:"id"`
	ReplyID     *int64 `json:"-"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size_bytes"`
	Data        []byte `json:"-"`
}

// Thread is a ticket with its attachments and replies, oldest first.
type Thread struct {
	Ticket
	Attachments []Attachment `json:"attachments"`
	Replies     []Reply      `json:"replies"`
}

// Upload is a file someone attaches, before checks.
type Upload struct {
	Filename string
	Data     []byte
}

// NewTicket is what opening a ticket takes.
type NewTicket struct {
	Subject     string
	Description string
	Priority    string
	Attachments []Upload
}

// Filter narrows a list of tickets; empty fields don't filter.
type Filter struct {
	Status   string
	Priority string
	Open     bool // only tickets not resolved or closed
}

// IsOpen says whether the ticket still needs work from someone.
func (t *Ticket) IsOpen() bool { return t.Status != "resolved" && t.Status != "closed" }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// statusKey and priorityKey name a status's and a priority's catalogue
// entries.
func statusKey(s string) string   { return "tickets.status." + s }
func priorityKey(p string) string { return "tickets.priority." + p }
