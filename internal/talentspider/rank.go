package talentspider

import (
	"math"
	"math/bits"
	"sort"
)

// candidate is one person the brand could be shown: a merged person of
// the installation, or the brand's own prospect.
type candidate struct {
	*person
	source    string
	creatorID int64    // own prospects only
	tagNames  []string // own prospects: their tags (people carry interned ids)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// terms are a candidate's numbers on each axis; its score and its
// reasons both come from them, so the two cannot disagree.
type terms struct {
	mask  uint16 // top creators sharing a tag with the candidate
	ctry  int    // seed creators in its country
	lang  string // its language most of the seed speaks
	langN int
	tierN int     // seed creators in its tier
	ratio float64 // engagement rate / tier median
	total float64 // the score, rounded to one decimal
}

// measure applies the formula in the package comment.
func (p *profile) measure(mask uint16, country string, bases []string, followers int64, rate float64, med map[string]float64) terms {
	t := terms{mask: mask, tierN: p.tier[TierOf(followers)], ratio: ratio(rate, followers, med)}
	if country != "" {
		t.ctry = p.country[country]
	}
	for _, b := range bases {
		if k := p.language[b]; k > t.langN || (k == t.langN && k > 0 && b < t.lang) {
			t.lang, t.langN = b, k
		}
	}
	if p.size == 0 {
		return t
	}
	var total float64
	if len(p.topTags) > 0 {
		total += WeightNiche * float64(bits.OnesCount16(mask)) / float64(len(p.topTags))
	}
	size := float64(p.size)
	total += WeightCountry * float64(t.ctry) / size
	total += WeightLanguage * float64(t.langN) / size
	total += WeightTier * float64(t.tierN) / size
	total += WeightEngagement * math.Min(t.ratio, 2) / 2
	t.total = round1(total)
	return t
}

// holds says whether any reason holds; a candidate without one is not
// suggested.
func (t terms) holds() bool {
	return t.mask != 0 || t.ctry > 0 || t.langN > 0 || t.tierN > 0 || t.ratio >= 1
}

// suggestion spells a candidate out with its reasons, the largest
// contributions first, at most MaxReasons; shared are the tags it shares
// with the top.
func (p *profile) suggestion(c *candidate, t terms, shared []string, med map[string]float64) Suggestion {
	tier := TierOf(c.followers)
	s := Suggestion{Source: c.source, CreatorID: c.creatorID, Platform: c.platform, Handle: c.handle,
		ProfileURL: c.profileURL, Followers: c.followers, EngagementRate: c.rate, Country: c.country,
		Languages: nonNil(c.languages), Tags: nonNil(shared), Tier: tier, Score: t.total, Reasons: []Reason{}}
	size := float64(p.size)
	add := func(points float64, holds bool, r Reason) {
		if holds {
			r.Points = round1(points)
			s.Reasons = append(s.Reasons, r)
		}
	}
	if n := bits.OnesCount16(t.mask); len(p.topTags) > 0 {
		add(WeightNiche*float64(n)/float64(len(p.topTags)), n > 0,
			Reason{Kind: ReasonNiche, Count: n, Of: len(p.topTags), Tags: shared})
	}
	add(WeightCountry*float64(t.ctry)/size, t.ctry > 0, Reason{Kind: ReasonCountry, Count: t.ctry, Of: p.size, Value: c.country})
	add(WeightLanguage*float64(t.langN)/size, t.langN > 0, Reason{Kind: ReasonLanguage, Count: t.langN, Of: p.size, Value: t.lang})
	add(WeightTier*float64(t.tierN)/size, t.tierN > 0, Reason{Kind: ReasonTier, Count: t.tierN, Of: p.size, Value: tier})
	add(WeightEngagement*math.Min(t.ratio, 2)/2, t.ratio >= 1,
		Reason{Kind: ReasonEngagement, Ratio: round1(t.ratio), Median: med[tier], Value: tier})
	sort.SliceStable(s.Reasons, func(i, j int) bool {
		if s.Reasons[i].Points != s.Reasons[j].Points {
			return s.Reasons[i].Points > s.Reasons[j].Points
		}
		return reasonOrder[s.Reasons[i].Kind] < reasonOrder[s.Reasons[j].Kind]
	})
	if len(s.Reasons) > MaxReasons {
		s.Reasons = s.Reasons[:MaxReasons]
	}
	return s
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

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
