package talentspider

import "sort"

// Follower tiers, by the followers of one account.
const (
	TierNano  = "nano"  // under 10,000
	TierMicro = "micro" // 10,000 to 99,999
	TierMid   = "mid"   // 100,000 to 499,999
	TierMacro = "macro" // 500,000 to 1,000,000
	TierMega  = "mega"  // over 1,000,000
)

// Tiers in ascending order.
var Tiers = []string{TierNano, TierMicro, TierMid, TierMacro, TierMega}

// TierOf names the tier of a follower count.
func TierOf(followers int64) string {
	switch {
	case followers < 10_000:
		return TierNano
	case followers < 100_000:
		return TierMicro
	case followers < 500_000:
		return TierMid
	case followers <= 1_000_000:
		return TierMacro
	}
	return TierMega
}

// FallbackMedians are the engagement rates (percent) used for a tier until
// the installation has MinForMedian accounts with a rate in it: rough
// published medians, lower as audiences grow.
var FallbackMedians = map[string]float64{TierNano: 4.0, TierMicro: 2.4, TierMid: 1.6, TierMacro: 1.2, TierMega: 0.9}

// MinForMedian is how many rated accounts a tier needs before its own
// median replaces the fallback.
const MinForMedian = 30

// medians computes each tier's median engagement rate from the rates
// seen on the installation (zero means unknown and is left out).
func medians(rates map[string][]float64) map[string]float64 {
	out := make(map[string]float64, len(Tiers))
	for _, t := range Tiers {
		rs := rates[t]
		if len(rs) < MinForMedian {
			out[t] = FallbackMedians[t]
			continue
		}
		sort.Float64s(rs)
		n := len(rs)
		if n%2 == 1 {
			out[t] = rs[n/2]
		} else {
			out[t] = (rs[n/2-1] + rs[n/2]) / 2
		}
	}
	return out
}
