// Package creator holds creator records: profiles, their social accounts
// and tags, the list query behind every creator screen, and their pages
// and API.
package creator

import (
	"time"

	"github.com/rosterhq/roster/internal/stages"
)

// Platforms Roster knows, in display order.
var Platforms = []string{"instagram", "tiktok", "youtube", "x", "twitch", "pinterest", "blog"}

// DefaultStages are the relationship stages every brand starts with; a
// brand may change its own (internal/stages).
var DefaultStages = stages.DefaultKeys()

// SocialAccount is a creator's presence on one platform. Handles are
// stored normalised and are unique per brand and platform.
type SocialAccount struct {
	ID               int64      `json:"id"`
	Platform         string     `json:"platform"`
	Handle           string     `json:"handle"`
	ProfileURL       string     `json:"profile_url"`
	Followers        int64      `json:"followers"`
	EngagementRate   float64    `json:"engagement_rate"` // percent: 3.4 means 3.4%
	MetricsUpdatedAt *time.Time `json:"metrics_updated_at"`
	MetricsSource    string     `json:"metrics_source"` // "manual", "api", "import:<file>", …
}

// Creator is one creator in one brand's network.
type Creator struct {
	ID             int64           `json:"id"`
	BrandID        int64           `json:"-"`
	DisplayName    string          `json:"display_name"`
	Email          string          `json:"email"`
	Country        string          `json:"country"`   // ISO 3166-1 alpha-2, upper case
	Languages      []string        `json:"languages"` // BCP 47 tags
	Tags           []string        `json:"tags"`
	Notes          string          `json:"notes"`
	OwnerUserID    *int64          `json:"owner_user_id"`
	Stage          string          `json:"stage"`
	FollowersTotal int64           `json:"followers_total"`
	SocialAccounts []SocialAccount `json:"social_accounts"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
}

// SocialAccountInput is an account as a person or client gives it; Handle
// may be "@Name", "name" or a full profile URL.
type SocialAccountInput struct {
	Platform       string  `json:"platform"`
	Handle         string  `json:"handle"`
	Followers      int64   `json:"followers"`
	EngagementRate float64 `json:"engagement_rate"`
	MetricsSource  string  `json:"-"`
}

// Fields are the writable fields of a creator, for create and for a full
// update (a PATCH is applied onto the current fields first).
type Fields struct {
	DisplayName    string
	Email          string
	Country        string
	Languages      []string
	Tags           []string
	Notes          string
	OwnerUserID    *int64
	Stage          string
	SocialAccounts []SocialAccountInput
}

// ListQuery selects and orders a page of creators.
type ListQuery struct {
	Q            string // full-text: name, email, handles, tags (prefix match, all words)
	Stage        string
	Tag          string
	Owner        *int64 // owner_user_id; set by the pipeline board, not parsed from URLs
	Platform     string // has an account on this platform
	Country      string
	MinFollowers *int64 // on Platform's account when Platform is set, else the total
	MaxFollowers *int64
	Sort         string // one of SortOptions; "" means "-created"
	Limit        int    // 1..200; 0 means 50
	Cursor       string // opaque, from Page.NextCursor
}

// SortOptions are the accepted values of ListQuery.Sort; a leading '-'
// means descending.
var SortOptions = []string{"name", "-name", "followers", "-followers", "created", "-created", "updated", "-updated"}

// Page is one page of a list.
type Page struct {
	Items      []Creator
	NextCursor string // empty on the last page
}
