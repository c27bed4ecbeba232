// Package auth knows who is asking and what they may do: users, sessions,
// API tokens, one-time links, and the permission catalogue with the roles
// that bundle it.
package auth

import "slices"

// Permission is one thing a person or token may do within a brand.
type Permission string

// The permission catalogue. Every route names exactly one of these (or is
// public, or needs only a signed-in user); docs/permissions.md mirrors it
// and a test keeps the two equal.
const (
	CreatorsRead   Permission = "creators:read"
	CreatorsWrite  Permission = "creators:write"
	CreatorsDelete Permission = "creators:delete"
	TeamRead       Permission = "team:read"
	TeamManage     Permission = "team:manage"
	TokensManage   Permission = "tokens:manage"
	AuditRead      Permission = "audit:read"
	OutboxRead     Permission = "outbox:read"
	BrandsManage   Permission = "brands:manage" // platform-wide: create brands

	CreatorsImport      Permission = "creators:import"
	ApplicationsRead    Permission = "applications:read"
	ApplicationsReview  Permission = "applications:review"
	RecruitingConfigure Permission = "recruiting:configure"
	InvitationsSend     Permission = "invitations:send"

	CampaignsRead  Permission = "campaigns:read"
	CampaignsWrite Permission = "campaigns:write"
	InboxRead      Permission = "inbox:read"
	InboxReply     Permission = "inbox:reply"

	ProgramRead    Permission = "program:read"
	ContractManage Permission = "contract:manage"
	TimeLog        Permission = "time:log"
	TimeManage     Permission = "time:manage"
	AccountManage  Permission = "account:manage"

	KBWrite Permission = "kb:write" // platform-wide: the knowledge base is the installation's

	TicketsOpen Permission = "tickets:open"
	TicketsWork Permission = "tickets:work"
)

// Catalogue lists every permission with what it allows, in display order.
var Catalogue = []struct {
	Permission  Permission
	Description string
}{
	{CreatorsRead, "See creators, their social accounts, tags and notes, and the saved filters"},
	{CreatorsWrite, "Create and edit creators, bulk tag and change stages, save and change the team's saved filters"},
	{CreatorsDelete, "Delete creators"},
	{TeamRead, "See the brand's team and their roles"},
	{TeamManage, "Invite teammates, change their roles, remove them"},
	{TokensManage, "Create, list and revoke the brand's API tokens"},
	{AuditRead, "Read the brand's audit log"},
	{OutboxRead, "Read the emails Roster sent or holds for the brand"},
	{BrandsManage, "Create brands and see every brand (platform admins)"},
	{CreatorsImport, "Import creators from spreadsheets and follow the imports"},
	{ApplicationsRead, "See applications, their answers and scores"},
	{ApplicationsReview, "Score, approve and decline applications; work the review queue"},
	{RecruitingConfigure, "Set up recruiting: stages, the application page and its questions, the scoring rubric, email templates"},
	{InvitationsSend, "Invite creators by email and manage follow-ups"},
	{CampaignsRead, "See campaigns, their briefs, offers, participants and the editorial calendar"},
	{CampaignsWrite, "Create and edit campaigns and templates, invite creators with offers, answer counter-offers, move participants"},
	{InboxRead, "Read the conversations between creators and the brand team"},
	{InboxReply, "Answer creators, assign and close conversations, manage canned answers"},
	{ProgramRead, "See the brand's contract, hour commitments and program management"},
	{ContractManage, "Edit the brand's contract: term, plan, contacts and monthly hour commitments"},
	{TimeLog, "Log one's own time on the brand's program (timer, entries, timesheet, suggestions)"},
	{TimeManage, "Correct anyone's time entries and close or reopen a month"},
	{AccountManage, "Keep the account work: tasks, meetings, partnerships, goals and the onboarding plan"},
	{KBWrite, "Write, edit and restore knowledge-base articles for every brand and the creator portal (platform admins)"},
	{TicketsOpen, "Open support tickets to the account team, read and answer the brand's tickets, attach files"},
	{TicketsWork, "Work support tickets as the account team: the queue across brands, assignment, every status"},
}

// Role is a bundle of permissions held in a brand.
type Role string

const (
	PlatformAdmin    Role = "platform_admin"
	AccountManager   Role = "account_manager"
	BrandExecutive   Role = "brand_executive"
	CommunityManager Role = "community_manager"
	Viewer           Role = "viewer"
)

// Roles lists the roles from most to least powerful.
var Roles = []Role{PlatformAdmin, AccountManager, BrandExecutive, CommunityManager, Viewer}

// MembershipRoles are the roles a person can hold in a brand; platform
// admin is a property of the user, not of a membership.
var MembershipRoles = []Role{AccountManager, BrandExecutive, CommunityManager, Viewer}

var rolePermissions = map[Role][]Permission{
	PlatformAdmin: {CreatorsRead, CreatorsWrite, CreatorsDelete, TeamRead, TeamManage, TokensManage, AuditRead, OutboxRead, BrandsManage,
		CreatorsImport, ApplicationsRead, ApplicationsReview, RecruitingConfigure, InvitationsSend,
		CampaignsRead, CampaignsWrite, InboxRead, InboxReply, ProgramRead, ContractManage, TimeLog, TimeManage, KBWrite, AccountManage, TicketsOpen, TicketsWork},
	AccountManager: {CreatorsRead, CreatorsWrite, CreatorsDelete, TeamRead, OutboxRead,
		CreatorsImport, ApplicationsRead, ApplicationsReview, RecruitingConfigure, InvitationsSend,
		CampaignsRead, CampaignsWrite, InboxRead, InboxReply, ProgramRead, TimeLog, TimeManage, AccountManage, TicketsOpen, TicketsWork},
	BrandExecutive: {CreatorsRead, TeamRead, TeamManage, TokensManage, AuditRead, OutboxRead,
		ApplicationsRead, RecruitingConfigure, CampaignsRead, InboxRead, ProgramRead, ContractManage, AccountManage, TicketsOpen},
	CommunityManager: {CreatorsRead, CreatorsWrite, CreatorsDelete, TeamRead, OutboxRead,
		CreatorsImport, ApplicationsRead, ApplicationsReview, RecruitingConfigure, InvitationsSend,
		CampaignsRead, CampaignsWrite, InboxRead, InboxReply, ProgramRead, TimeLog, TicketsOpen},
	Viewer: {CreatorsRead, TeamRead, ApplicationsRead, CampaignsRead, ProgramRead},
}

// PermissionsOf returns the permissions a role grants.
func PermissionsOf(r Role) []Permission { return slices.Clone(rolePermissions[r]) }

// Grants reports whether role r includes permission p.
func (r Role) Grants(p Permission) bool { return slices.Contains(rolePermissions[r], p) }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := rolePermissions[r]; return ok }

// TokenScopes are the permissions an API token may carry: brand-level ones
// only (a token never manages tokens or brands).
var TokenScopes = []Permission{CreatorsRead, CreatorsWrite, CreatorsDelete, TeamRead, AuditRead,
	CreatorsImport, ApplicationsRead, ApplicationsReview, InvitationsSend,
	CampaignsRead, CampaignsWrite, InboxRead, InboxReply, ProgramRead, ContractManage, TimeLog, TimeManage, TicketsOpen, TicketsWork}

// ValidScope reports whether p may be given to an API token.
func ValidScope(p Permission) bool { return slices.Contains(TokenScopes, p) }
