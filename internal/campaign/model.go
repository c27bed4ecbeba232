// Package campaign holds a brand's campaigns: name, objective, brief,
// dates, languages, budget, the default offer, KPI targets, deliverables,
// usage-rights terms (immutable versions) and the status workflow, plus
// campaign templates. Participants and their offers live in their own
// room and read these through Get, Deliverables and CurrentTerms.
package campaign

import (
	"bytes"
	"encoding/json"
	"time"
)

// Statuses of a campaign, in workflow order.
const (
	Draft      = "draft"
	Recruiting = "recruiting"
	Active     = "active"
	Completed  = "completed"
	Archived   = "archived"
)

// Statuses lists every status in workflow order, for tabs and filters.
var Statuses = []string{Draft, Recruiting, Active, Completed, Archived}

// Kinds are the deliverable types.
var Kinds = []string{"post", "reel", "story", "short_video", "long_video", "blog", "live"}

// KPIMetrics are the metrics a campaign may set targets for.
var KPIMetrics = []string{"reach", "impressions", "engagement", "clicks", "conversions", "sales", "posts"}

// Channels are the usage-rights channels terms may grant.
var Channels = []string{"organic_social", "paid_social", "web", "email", "print", "tv", "out_of_home", "in_store"}

// Worldwide is the territory that means every country.
const Worldwide = "worldwide"

// Offer is the compensation a creator is offered: any combination of a
// product, a coupon code, a commission and a flat fee. Money is integer
// minor units in the campaign's currency.
type Offer struct {
	Product      string `json:"product"`
	CouponCode   string `json:"coupon_code"`
	CommissionBP int    `json:"commission_bp"` // basis points: 1250 is 12.5 %
	FeeMinor     int64  `json:"fee_minor"`
}

// Campaign is one campaign of one brand. StartsOn, EndsOn are ISO dates
// (YYYY-MM-DD), empty when not set yet.
type Campaign struct {
	ID                   int64     `json:"id"`
	BrandID              int64     `json:"-"`
	Name                 string    `json:"name"`
	Objective            string    `json:"objective"`
	Brief                string    `json:"brief"` // markdown as typed
	Status               string    `json:"status"`
	StartsOn             string    `json:"starts_on"`
	EndsOn               string    `json:"ends_on"`
	Languages            []string  `json:"languages"`
	Currency             string    `json:"currency"`
	BudgetMinor          int64     `json:"budget_minor"`
	ExpectedParticipants int       `json:"expected_participants"`
	Offer                Offer     `json:"default_offer"`
	OwnerUserID          *int64    `json:"owner_user_id"`
	OwnerName            string    `json:"-"`
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

// Fields are the writable fields of a campaign, for create and for a full
// update (the API's PATCH applies onto the current fields first).
type Fields struct {
	Name                 string
	Objective            string
	Brief                string
	StartsOn             string
	EndsOn               string
	Languages            []string
	Currency             string
	BudgetMinor          int64
	ExpectedParticipants int
	Offer                Offer
	OwnerUserID          *int64
}

// FieldsOf returns c's writable fields.
func FieldsOf(c *Campaign) Fields {
	return Fields{Name: c.Name, Objective: c.Objective, Brief: c.Brief, StartsOn: c.StartsOn, EndsOn: c.EndsOn,
		Languages: append([]string(nil), c.Languages...), Currency: c.Currency, BudgetMinor: c.BudgetMinor,
		ExpectedParticipants: c.ExpectedParticipants, Offer: c.Offer, OwnerUserID: c.OwnerUserID}
}

// Deliverable is content a participant owes: Quantity items of Kind on
// Platform, due on DueOn (ISO date, empty when open). Hashtags keep their
// '#', mentions their '@'.
type Deliverable struct {
	ID         int64    `json:"id"`
	CampaignID int64    `json:"campaign_id"`
	Position   int      `json:"position"`
	Platform   string   `json:"platform"`
	Kind       string   `json:"kind"`
	Quantity   int      `json:"quantity"`
	DueOn      string   `json:"due_on"`
	Hashtags   []string `json:"hashtags"`
	Mentions   []string `json:"mentions"`
	Disclosure string   `json:"disclosure"`
	Notes      string   `json:"notes"`
}

// DeliverableFields are the writable fields of a deliverable.
type DeliverableFields struct {
	Platform   string   `json:"platform"`
	Kind       string   `json:"kind"`
	Quantity   int      `json:"quantity"`
	DueOn      string   `json:"due_on"`
	Hashtags   []string `json:"hashtags"`
	Mentions   []string `json:"mentions"`
	Disclosure string   `json:"disclosure"`
	Notes      string   `json:"notes"`
}

// FieldsOf returns d's writable fields.
func (d Deliverable) FieldsOf() DeliverableFields {
	return DeliverableFields{Platform: d.Platform, Kind: d.Kind, Quantity: d.Quantity, DueOn: d.DueOn,
		Hashtags: d.Hashtags, Mentions: d.Mentions, Disclosure: d.Disclosure, Notes: d.Notes}
}

// KPITarget is a campaign's goal for one metric.
type KPITarget struct {
	Metric string `json:"metric"`
	Target int64  `json:"target"`
}

// Terms are one version of a campaign's usage-rights terms. A version is
// never changed: publishing writes the next one, and acceptances point at
// the version (row id) they accepted.
type Terms struct {
	ID              int64     `json:"id"`
	CampaignID      int64     `json:"campaign_id"`
	Version         int       `json:"version"`
	Channels        []string  `json:"channels"`
	Territories     []string  `json:"territories"` // ISO 3166-1 alpha-2 codes, or "worldwide"
	DurationDays    int       `json:"duration_days"`
	PaidMedia       bool      `json:"paid_media"`
	ExclusivityDays int       `json:"exclusivity_days"`
	Notes           string    `json:"notes"`
	CreatedBy       *int64    `json:"created_by"`
	CreatedAt       time.Time `json:"created_at"`
}

// TermsFields are the writable fields of a terms version.
type TermsFields struct {
	Channels        []string `json:"channels"`
	Territories     []string `json:"territories"`
	DurationDays    int      `json:"duration_days"`
	PaidMedia       bool     `json:"paid_media"`
	ExclusivityDays int      `json:"exclusivity_days"`
	Notes           string   `json:"notes"`
}

// FieldsOf returns t's writable fields.
func (t Terms) FieldsOf() TermsFields {
	return TermsFields{Channels: t.Channels, Territories: t.Territories, DurationDays: t.DurationDays,
		PaidMedia: t.PaidMedia, ExclusivityDays: t.ExclusivityDays, Notes: t.Notes}
}

// New is everything a campaign can be created with in one go: its fields
// and, optionally, deliverables, KPI targets and a first terms version.
type New struct {
	Fields
	Deliverables []DeliverableFields
	KPIs         []KPITarget
	Terms        *TermsFields
}

// ListQuery selects a page of campaigns, newest first.
type ListQuery struct {
	Status string // one of Statuses, or "" for all
	Owner  *int64 // owner_user_id
	Q      string // words the name contains, case-insensitive
	Limit  int    // 1..200; 0 means 50
	Cursor string // from Page.NextCursor
}

// Page is one page of campaigns.
type Page struct {
	Items      []Campaign
	NextCursor string // empty on the last page
}

// Budget is a campaign's budget and what is committed against it.
type Budget struct {
	Currency       string `json:"currency"`
	BudgetMinor    int64  `json:"budget_minor"`
	SpentMinor     int64  `json:"spent_minor"`     // fees of accepted offers
	OfferedMinor   int64  `json:"offered_minor"`   // fees of offers awaiting an answer
	RemainingMinor int64  `json:"remaining_minor"` // what can still be offered
}

// UnmarshalJSON reads a deliverable strictly (unknown fields are refused,
// as everywhere in the API) with a quantity of 1 when none is given.
func (d *DeliverableFields) UnmarshalJSON(b []byte) error {
	type plain DeliverableFields
	p := plain{Quantity: 1}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*d = DeliverableFields(p)
	return nil
}
