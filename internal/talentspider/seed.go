package talentspider

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/rosterhq/roster/internal/db"
)

// SeedStages are the stages whose creators form a brand's seed.
var SeedStages = []string{"approved", "active"}

// ScoreThreshold is the review score (0–100) from which a creator joins
// the seed whatever their stage.
const ScoreThreshold = 70.0

// ScoreFunc returns the brand's review scores (0–100) by creator id. Until
// the applications room stores scores it is nil; once it does, set
// Engine.Scores to a function reading them and the best-scored creators
// join the seed and lead its top.
type ScoreFunc func(ctx context.Context, q db.Querier, brandID int64) (map[int64]float64, error)

// Member is one of the brand's creators as the seed sees them: their main
// account (the one with most followers) stands for their tier and rate.
type Member struct {
	CreatorID      int64
	Stage          string
	Country        string
	Languages      []string // base language subtags: "en-US" counts as "en"
	Tags           []string
	Followers      int64
	EngagementRate float64
}

// SelectSeed picks the seed from the brand's creators and orders its top:
// a creator is in the seed when their stage is one of SeedStages or their
// score reaches ScoreThreshold. The top is the first TopN of the seed by
// score (scored ones first), then engagement against the tier median,
// then creator id.
func SelectSeed(pool []Member, scores map[int64]float64, med map[string]float64) (seed, top []Member) {
	for _, m := range pool {
		s, scored := scores[m.CreatorID]
		if slices.Contains(SeedStages, m.Stage) || (scored && s >= ScoreThreshold) {
			seed = append(seed, m)
		}
	}
	sorted := slices.Clone(seed)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		sa, okA := scores[a.CreatorID]
		sb, okB := scores[b.CreatorID]
		if okA != okB {
			return okA
		}
		if sa != sb {
			return sa > sb
		}
		ra, rb := ratio(a.EngagementRate, a.Followers, med), ratio(b.EngagementRate, b.Followers, med)
		if ra != rb {
			return ra > rb
		}
		return a.CreatorID < b.CreatorID
	})
	return seed, sorted[:min(TopN, len(sorted))]
}

// ratio is an engagement rate against its tier's median (0 when unknown).
func ratio(rate float64, followers int64, med map[string]float64) float64 {
	m := med[TierOf(followers)]
	if rate <= 0 || m <= 0 {
		return 0
	}
	return rate / m
}

// baseLanguage reduces a BCP 47 tag to its language subtag.
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return base
}

// profile is what candidates are compared with: the seed's counts per
// country, language and tier, and the tags of each top creator.
type profile struct {
	size     int
	country  map[string]int
	language map[string]int
	tier     map[string]int
	topTags  []map[string]bool
	topMask  map[string]uint16 // tag → which top creators (bit i: top[i]) have it
}

func newProfile(seed, top []Member) *profile {
	p := &profile{size: len(seed), country: map[string]int{}, language: map[string]int{}, tier: map[string]int{}}
	for _, m := range seed {
		if m.Country != "" {
			p.country[m.Country]++
		}
		seen := map[string]bool{}
		for _, l := range m.Languages {
			if b := baseLanguage(l); b != "" && !seen[b] {
				seen[b] = true
				p.language[b]++
			}
		}
		p.tier[TierOf(m.Followers)]++
	}
	p.topMask = map[string]uint16{}
	for i, m := range top {
		tags := map[string]bool{}
		for _, t := range m.Tags {
			tags[t] = true
			p.topMask[t] |= 1 << i
		}
		p.topTags = append(p.topTags, tags)
	}
	return p
}

// vocabulary is every tag of the top creators, sorted: the only tags of
// other brands' creators that are ever read or shown.
func (p *profile) vocabulary() []string {
	set := map[string]bool{}
	for _, tags := range p.topTags {
		for t := range tags {
			set[t] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
