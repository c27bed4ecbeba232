package applications

import (
	"context"
	"slices"

	"github.com/rosterhq/roster/internal/db"
)

// Follower tiers, smallest first, with their lower bounds.
var tiers = []struct {
	name string
	from int64
}{{"nano", 0}, {"micro", 10_000}, {"mid", 100_000}, {"macro", 500_000}, {"mega", 1_000_000}}

// TierOf names the tier of an account with n followers.
func TierOf(n int64) string {
	name := tiers[0].name
	for _, t := range tiers {
		if n >= t.from {
			name = t.name
		}
	}
	return name
}

// builtinMedians are reference engagement rates (percent) per tier, used
// when a brand has too few accounts in a tier to measure its own.
var builtinMedians = map[string]float64{"nano": 4.0, "micro": 1.8, "mid": 1.2, "macro": 1.0, "mega": 0.8}

// minTierPoints is how many accounts a tier needs before its measured
// median replaces the reference one.
const minTierPoints = 10

// medianSample bounds how many of the brand's accounts are read to
// measure medians: the newest ones, so a huge network costs the same.
const medianSample = 20_000

// Median is one tier's median engagement and where it came from.
type Median struct {
	Rate     float64
	Measured bool // from the brand's own creators; else the reference table
	Points   int  // accounts it was measured on
}

// Medians holds each tier's median.
type Medians map[string]Median

// BuiltinMedians returns the reference table alone.
func BuiltinMedians() Medians {
	m := Medians{}
	for k, v := range builtinMedians {
		m[k] = Median{Rate: v}
	}
	return m
}

// medianOf measures tier medians from (followers, rate) pairs.
func medianOf(followers []int64, rates []float64) Medians {
	byTier := map[string][]float64{}
	for i, f := range followers {
		byTier[TierOf(f)] = append(byTier[TierOf(f)], rates[i])
	}
	m := BuiltinMedians()
	for tier, rs := range byTier {
		if len(rs) < minTierPoints {
			continue
		}
		slices.Sort(rs)
		mid := rs[len(rs)/2]
		if len(rs)%2 == 0 {
			mid = (rs[len(rs)/2-1] + rs[len(rs)/2]) / 2
		}
		m[tier] = Median{Rate: mid, Measured: true, Points: len(rs)}
	}
	return m
}

// LoadMedians measures a brand's tier medians from its creators' accounts
// that have an engagement rate.
func LoadMedians(ctx context.Context, q db.Querier, brandID int64) (Medians, error) {
	rows, err := q.QueryContext(ctx, `SELECT followers, engagement_rate FROM social_accounts
		WHERE brand_id = ? AND engagement_rate > 0 ORDER BY id DESC LIMIT ?`, brandID, medianSample)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []int64
	var rs []float64
	for rows.Next() {
		var f int64
		var r float64
		if err := rows.Scan(&f, &r); err != nil {
			return nil, err
		}
		fs, rs = append(fs, f), append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return medianOf(fs, rs), nil
}
