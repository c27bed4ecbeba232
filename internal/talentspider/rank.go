package talentspider

import (
	"math"
	"sort"
)

// candidate is a person as merged from every account with one platform
// and handle; facts come from the freshest of those accounts.
type candidate struct {
	source     string
	creatorID  int64 // own prospects only
	platform   string
	handle     string
	profileURL string
	followers  int64
	rate       float64
	country    string
	languages  []string
	tags       []string // within the profile's vocabulary
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// score ranks one candidate against the profile (the formula is in the
// package comment). ok is false when no reason holds.
func score(c *candidate, p *profile, med map[string]float64) (s Suggestion, ok bool) {
	tier := TierOf(c.followers)
	s = Suggestion{Source: c.source, CreatorID: c.creatorID, Platform: c.platform, Handle: c.handle,
		ProfileURL: c.profileURL, Followers: c.followers, EngagementRate: c.rate, Country: c.country,
		Languages: nonNil(c.languages), Tags: nonNil(c.tags), Tier: tier, Reasons: []Reason{}}
	if p.size == 0 {
		return s, false
	}
	var total float64
	add := func(points float64, holds bool, r Reason) {
		total += points
		if holds {
			r.Points = round1(points)
			s.Reasons = append(s.Reasons, r)
		}
	}
	// Niche: how many of the top creators share a tag, and which tags.
	shared, sharedTags := 0, map[string]bool{}
	for _, tags := range p.topTags {
		hit := false
		for _, t := range c.tags {
			if tags[t] {
				hit = true
				sharedTags[t] = true
			}
		}
		if hit {
			shared++
		}
	}
	if len(p.topTags) > 0 {
		add(WeightNiche*float64(shared)/float64(len(p.topTags)), shared > 0,
			Reason{Kind: ReasonNiche, Count: shared, Of: len(p.topTags), Tags: sortedKeys(sharedTags)})
	}
	n := p.country[c.country]
	add(WeightCountry*float64(n)/float64(p.size), c.country != "" && n > 0,
		Reason{Kind: ReasonCountry, Count: n, Of: p.size, Value: c.country})
	lang, ln := "", 0
	for _, l := range c.languages {
		b := baseLanguage(l)
		if k := p.language[b]; k > ln || (k == ln && k > 0 && b < lang) {
			lang, ln = b, k
		}
	}
	add(WeightLanguage*float64(ln)/float64(p.size), ln > 0,
		Reason{Kind: ReasonLanguage, Count: ln, Of: p.size, Value: lang})
	tn := p.tier[tier]
	add(WeightTier*float64(tn)/float64(p.size), tn > 0, Reason{Kind: ReasonTier, Count: tn, Of: p.size, Value: tier})
	r := ratio(c.rate, c.followers, med)
	add(WeightEngagement*math.Min(r, 2)/2, r >= 1,
		Reason{Kind: ReasonEngagement, Ratio: round1(r), Median: med[tier], Value: tier})
	s.Score = round1(total)
	sort.SliceStable(s.Reasons, func(i, j int) bool {
		if s.Reasons[i].Points != s.Reasons[j].Points {
			return s.Reasons[i].Points > s.Reasons[j].Points
		}
		return reasonOrder[s.Reasons[i].Kind] < reasonOrder[s.Reasons[j].Kind]
	})
	if len(s.Reasons) > MaxReasons {
		s.Reasons = s.Reasons[:MaxReasons]
	}
	return s, len(s.Reasons) > 0
}

// before is the list order: score, then platform and handle.
func before(a, b *Suggestion) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.Platform != b.Platform {
		return a.Platform < b.Platform
	}
	return a.Handle < b.Handle
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
