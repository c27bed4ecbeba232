// Package contract holds each brand's service agreement with the account
// team: the term (start, end, renewal, notice), the plan, the contact for
// each role, and the monthly hours each role commits, split by activity,
// with extra hours during onboarding. Time tracking measures against it.
package contract

import (
	"time"
)

// Roles that have a contact on the contract.
const (
	RoleBrandExecutive   = "brand_executive"
	RoleCommunityManager = "community_manager"
	RoleAccountManager   = "account_manager"
)

// ContactRoles lists the roles with a contact, in display order.
var ContactRoles = []string{RoleBrandExecutive, RoleCommunityManager, RoleAccountManager}

// CommittedRoles lists the roles that commit monthly hours.
var CommittedRoles = []string{RoleCommunityManager, RoleAccountManager}

// Activity categories time is committed and logged against.
const (
	AccountStrategy = "account_strategy" // account management & strategy
	Recruiting      = "recruiting"       // influencer recruiting
	Campaigns       = "campaigns"        // campaign management
	Moderation      = "moderation"       // content moderation
	Reporting       = "reporting"
)

// Categories lists the activity categories in display order.
var Categories = []string{AccountStrategy, Recruiting, Campaigns, Moderation, Reporting}

// Contract is a brand's service agreement. Dates are calendar dates
// ("YYYY-MM-DD"), empty when not set.
type Contract struct {
	BrandID         int64                `json:"-"`
	PlanName        string               `json:"plan_name"`
	StartsOn        string               `json:"starts_on"`
	EndsOn          string               `json:"ends_on"`
	RenewalOn       string               `json:"renewal_on"`
	NoticeDays      int                  `json:"notice_days"`
	AutoRenew       bool                 `json:"auto_renew"`
	OnboardingWeeks int                  `json:"onboarding_weeks"`
	Notes           string               `json:"notes"`
	Contacts        map[string]Contact   `json:"contacts"`    // by role
	Commitments     map[string]Allotment `json:"commitments"` // by role
	// Saved is false while the brand still has the defaults.
	Saved     bool       `json:"saved"`
	UpdatedAt *time.Time `json:"updated_at"`
}

// Contact is the person who holds a role for the brand.
type Contact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// Allotment is one role's monthly minutes per category, and the extra
// minutes per category in each month of the onboarding period.
type Allotment struct {
	Monthly    map[string]int `json:"monthly_minutes"`
	Onboarding map[string]int `json:"onboarding_extra_minutes"`
}

// Total is the sum of m's minutes.
func Total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// Defaults of a brand that never saved its contract: the founding
// document's 40 hours a month for the community manager and 10 for the
// account manager, split by activity as below, and extra account-manager
// hours for training and set-up during the 8-week onboarding.
const (
	DefaultNoticeDays      = 30
	DefaultOnboardingWeeks = 8
)

func defaultCommitments() map[string]Allotment {
	h := func(x float64) int { return int(x * 60) }
	return map[string]Allotment{
		RoleCommunityManager: {
			Monthly:    map[string]int{AccountStrategy: h(2), Recruiting: h(12), Campaigns: h(12), Moderation: h(10), Reporting: h(4)},
			Onboarding: map[string]int{AccountStrategy: 0, Recruiting: h(4), Campaigns: 0, Moderation: 0, Reporting: 0},
		},
		RoleAccountManager: {
			Monthly:    map[string]int{AccountStrategy: h(5), Recruiting: h(1), Campaigns: h(2), Moderation: 0, Reporting: h(2)},
			Onboarding: map[string]int{AccountStrategy: h(6), Recruiting: h(2), Campaigns: h(2), Moderation: 0, Reporting: 0},
		},
	}
}

// Default returns the contract of a brand that never saved one.
func Default(brandID int64) *Contract {
	c := &Contract{BrandID: brandID, NoticeDays: DefaultNoticeDays, OnboardingWeeks: DefaultOnboardingWeeks,
		Contacts: map[string]Contact{}, Commitments: defaultCommitments()}
	for _, r := range ContactRoles {
		c.Contacts[r] = Contact{}
	}
	return c
}
