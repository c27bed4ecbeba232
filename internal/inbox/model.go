// Package inbox is the creator inbox: conversation threads between a
// creator and the brand team (general or about a campaign), written from
// the team's keyboard-driven inbox, the creator portal, the API or a
// reply by email through the inbound-mail webhook; canned answers per
// brand and language; response-time metrics; and email digests both ways.
package inbox

import "time"

// Thread statuses. A team reply moves a thread to Waiting, a creator
// message to Open (also reopening a closed thread); only people close.
const (
	Open    = "open"    // the team owes an answer
	Waiting = "waiting" // waiting on the creator
	Closed  = "closed"
)

// Statuses lists every status, for filters.
var Statuses = []string{Open, Waiting, Closed}

// Authors of a message.
const (
	ByCreator = "creator"
	ByTeam    = "team"
)

// Channels a message was written on.
const (
	ChannelPortal = "portal"
	ChannelWeb    = "web"
	ChannelEmail  = "email"
	ChannelAPI    = "api"
)

// Limits on what people write.
const (
	MaxSubject = 200
	MaxBody    = 20000
)

// Thread is one conversation of a creator with the brand team.
type Thread struct {
	ID             int64      `json:"id"`
	CreatorID      int64      `json:"creator_id"`
	CreatorName    string     `json:"creator_name"`
	CampaignID     *int64     `json:"campaign_id"`
	CampaignName   string     `json:"campaign_name"`
	Subject        string     `json:"subject"`
	Status         string     `json:"status"`
	AssigneeID     *int64     `json:"assignee_user_id"`
	AssigneeName   string     `json:"assignee_name"`
	MessageCount   int        `json:"message_count"`
	LastMessageAt  time.Time  `json:"last_message_at"`
	LastAuthor     string     `json:"last_author"`
	Unread         bool       `json:"unread"`
	FirstCreatorAt *time.Time `json:"first_creator_message_at"`
	FirstResponse  *time.Time `json:"first_response_at"`
	ClosedAt       *time.Time `json:"closed_at"`
	CreatedAt      time.Time  `json:"created_at"`

	BrandID        int64  `json:"-"`
	BrandName      string `json:"-"`
	CreatorEmail   string `json:"-"`
	ReplyToken     string `json:"-"`
	LastCreatorMsg int64  `json:"-"`
}

// FirstResponseTime is how long the creator waited for the team's first
// answer, or nil while they still wait (or never wrote).
func (t *Thread) FirstResponseTime() *time.Duration {
	if t.FirstCreatorAt == nil || t.FirstResponse == nil {
		return nil
	}
	d := t.FirstResponse.Sub(*t.FirstCreatorAt)
	return &d
}

// ResolutionTime is how long the thread took from the creator's first
// message to being closed, or nil while it is not closed.
func (t *Thread) ResolutionTime() *time.Duration {
	if t.FirstCreatorAt == nil || t.ClosedAt == nil {
		return nil
	}
	d := t.ClosedAt.Sub(*t.FirstCreatorAt)
	return &d
}

// Message is one message of a thread.
type Message struct {
	ID         int64     `json:"id"`
	ThreadID   int64     `json:"thread_id"`
	Author     string    `json:"author"`
	AuthorID   *int64    `json:"author_user_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	Channel    string    `json:"channel"`
	CreatedAt  time.Time `json:"created_at"`
}

// Canned is a canned answer of a brand in one language.
type Canned struct {
	ID        int64
	BrandID   int64
	Locale    string
	Title     string
	Body      string
	UpdatedAt time.Time
}

// CannedFields are the merge fields a canned answer may use.
var CannedFields = []string{"creator_first_name", "creator_name", "brand_name", "sender_name", "campaign_name"}

func validStatus(s string) bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}
