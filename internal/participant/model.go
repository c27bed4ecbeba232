// Package participant is the creators taking part in a campaign: the
// brand's participant stages, the board and list of a campaign's
// participants with every move recorded, the offers made to them
// (immutable snapshots, counter-offers as new revisions) and the record
// of an acceptance, invitations by email, and the creator portal's pages
// where creators accept, decline or counter-offer.
package participant

import (
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/i18n"
)

var english = i18n.For("en")

// fieldErr is a one-field validation error with its English message.
func fieldErr(field, key string, args ...any) error {
	var f apperr.Fields
	f.Add(field, key, english.T(key, args...), args...)
	return f.Err()
}

// Offer statuses: where a participant's latest offer stands.
const (
	AwaitingCreator = "awaiting_creator" // the brand's offer waits for the creator
	AwaitingBrand   = "awaiting_brand"   // the creator's counter-offer waits for the team
	Accepted        = "accepted"
	Declined        = "declined"
	Withdrawn       = "withdrawn" // the participant was removed
)

// OfferStatuses lists every offer status, for filters and docs.
var OfferStatuses = []string{AwaitingCreator, AwaitingBrand, Accepted, Declined, Withdrawn}

// Who made an offer.
const (
	ByBrand   = "brand"
	ByCreator = "creator"
)

// Participant is one creator in one campaign.
type Participant struct {
	ID          int64     `json:"id"`
	CampaignID  int64     `json:"campaign_id"`
	CreatorID   int64     `json:"creator_id"`
	CreatorName string    `json:"creator_name"`
	Stage       string    `json:"stage"`
	OfferStatus string    `json:"offer_status"`
	OfferID     *int64    `json:"offer_id"`
	Locale      string    `json:"locale"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	BrandID     int64     `json:"-"`
	Email       string    `json:"-"`
	Followers   int64     `json:"-"`
}

// Deliverable is one line of an offer's deliverables, copied from the
// campaign when the offer was made.
type Deliverable struct {
	Platform   string   `json:"platform"`
	Kind       string   `json:"kind"`
	Quantity   int      `json:"quantity"`
	DueOn      string   `json:"due_on"`
	Hashtags   []string `json:"hashtags"`
	Mentions   []string `json:"mentions"`
	Disclosure string   `json:"disclosure"`
	Notes      string   `json:"notes"`
}

// Terms is a usage-rights terms version as an offer carries it.
type Terms struct {
	ID              int64    `json:"id"`
	Version         int      `json:"version"`
	Channels        []string `json:"channels"`
	Territories     []string `json:"territories"`
	DurationDays    int      `json:"duration_days"`
	PaidMedia       bool     `json:"paid_media"`
	ExclusivityDays int      `json:"exclusivity_days"`
	Notes           string   `json:"notes"`
}

// Compensation is what the creator gets; any combination of its parts.
type Compensation struct {
	Product      string `json:"product"`
	CouponCode   string `json:"coupon_code"`
	CommissionBP int    `json:"commission_bp"`
	FeeMinor     int64  `json:"fee_minor"`
	Currency     string `json:"currency"`
}

// Offer is one revision of what a participant is offered. It is never
// changed: a counter-offer or a new offer is the next revision.
type Offer struct {
	ID            int64         `json:"id"`
	ParticipantID int64         `json:"participant_id"`
	Revision      int           `json:"revision"`
	MadeBy        string        `json:"made_by"`
	Deliverables  []Deliverable `json:"deliverables"`
	Compensation  Compensation  `json:"compensation"`
	StartsOn      string        `json:"starts_on"`
	DueOn         string        `json:"due_on"`
	Message       string        `json:"message"`
	Terms         *Terms        `json:"terms"`
	Actor         string        `json:"actor"`
	CreatedAt     time.Time     `json:"created_at"`
}

// Acceptance is the record of an offer accepted: which offer, which
// terms row, when exactly, from where, and the offer as it was.
type Acceptance struct {
	ID            int64     `json:"id"`
	ParticipantID int64     `json:"participant_id"`
	OfferID       int64     `json:"offer_id"`
	TermsID       *int64    `json:"terms_id"`
	Offer         Offer     `json:"offer"`
	Actor         string    `json:"actor"`
	ClientIP      string    `json:"client_ip"`
	UserAgent     string    `json:"user_agent"`
	AcceptedAt    time.Time `json:"accepted_at"`
}

// Event is one stage move of a participant. From is empty when the
// participant was added.
type Event struct {
	ID            int64     `json:"id"`
	ParticipantID int64     `json:"participant_id"`
	From          string    `json:"from"`
	To            string    `json:"to"`
	ActorUserID   *int64    `json:"actor_user_id"`
	Actor         string    `json:"actor"`
	Reason        string    `json:"reason"`
	At            time.Time `json:"at"`
}

// Client is where an answer came from: the request's address and agent.
type Client struct {
	IP        string
	UserAgent string
}
