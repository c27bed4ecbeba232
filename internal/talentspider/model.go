// Package talentspider suggests creators worth inviting: people on the
// installation a brand does not have yet, and the brand's own prospects,
// ranked by how much they resemble the brand's best creators, each with
// the reasons for its place.
//
// The score is additive and checkable by hand. With S the brand's seed
// (see seed.go) and T its top creators (at most TopN of S):
//
//	niche      35 × (creators of T sharing at least one tag with the candidate) / |T|
//	country    20 × (creators of S in the candidate's country) / |S|
//	language   15 × max over the candidate's languages of (creators of S speaking it) / |S|
//	tier       15 × (creators of S in the candidate's follower tier) / |S|
//	engagement 15 × min(r, 2) / 2, r = engagement rate / median rate of its tier
//
// The total (0–100) is rounded to one decimal; suggestions are ordered by
// it, highest first, then by platform and handle. A reason is given for
// each axis whose condition holds (a count of at least one; r ≥ 1 for
// engagement), the four largest contributions first; a candidate with no
// reason is not suggested.
package talentspider

// Weights of the score's terms; they add up to 100.
const (
	WeightNiche      = 35.0
	WeightCountry    = 20.0
	WeightLanguage   = 15.0
	WeightTier       = 15.0
	WeightEngagement = 15.0
)

// TopN is how many of the seed's best creators the niche term compares with.
const TopN = 10

// MaxReasons is how many reasons a suggestion shows at most.
const MaxReasons = 4

// Sources of a candidate.
const (
	SourceNetwork  = "network"  // seen in another brand on this installation
	SourceProspect = "prospect" // the brand's own prospect, not yet invited
)

// Reason kinds, in the order used to break ties between equal contributions.
const (
	ReasonNiche      = "niche"
	ReasonCountry    = "country"
	ReasonLanguage   = "language"
	ReasonTier       = "tier"
	ReasonEngagement = "engagement"
)

var reasonOrder = map[string]int{ReasonNiche: 0, ReasonCountry: 1, ReasonLanguage: 2, ReasonTier: 3, ReasonEngagement: 4}

// Suggestion is one ranked candidate. It carries only public profile
// facts: never a brand's name, notes, email, owner, stage or record ids
// (except CreatorID, the caller's own prospect).
type Suggestion struct {
	ID             string   `json:"id"` // stable per brand and handle; see Key
	Source         string   `json:"source"`
	CreatorID      int64    `json:"creator_id,omitempty"` // own prospects only
	Platform       string   `json:"platform"`
	Handle         string   `json:"handle"`
	ProfileURL     string   `json:"profile_url"`
	Followers      int64    `json:"followers"`
	EngagementRate float64  `json:"engagement_rate"`
	Country        string   `json:"country"`
	Languages      []string `json:"languages"`
	Tags           []string `json:"tags"` // only tags the brand's own top creators use
	Tier           string   `json:"tier"`
	Score          float64  `json:"score"`
	Reasons        []Reason `json:"reasons"`
}

// Reason is one line of "why": the axis, the points it adds, and the
// numbers its sentence states.
type Reason struct {
	Kind   string   `json:"kind"`
	Points float64  `json:"points"`
	Count  int      `json:"count,omitempty"`  // seed creators that match
	Of     int      `json:"of,omitempty"`     // size of the group counted in (|T| or |S|)
	Value  string   `json:"value,omitempty"`  // the country, language or tier matched
	Tags   []string `json:"tags,omitempty"`   // niche: the shared tags
	Ratio  float64  `json:"ratio,omitempty"`  // engagement: rate / tier median, one decimal
	Median float64  `json:"median,omitempty"` // engagement: the tier median used, percent
	Text   string   `json:"text"`             // the sentence in the reader's language
}

// Filter narrows the list.
type Filter struct {
	Platform string
	Country  string
}
