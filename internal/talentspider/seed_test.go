package talentspider

import (
	"reflect"
	"testing"
)

func TestTiersAndMedians(t *testing.T) {
	for followers, want := range map[int64]string{0: TierNano, 9_999: TierNano, 10_000: TierMicro, 99_999: TierMicro,
		100_000: TierMid, 499_999: TierMid, 500_000: TierMacro, 1_000_000: TierMacro, 1_000_001: TierMega} {
		if got := TierOf(followers); got != want {
			t.Errorf("TierOf(%d) = %s; want %s", followers, got, want)
		}
	}
	rates := map[string][]float64{TierMicro: {}, TierNano: {1, 2, 3}}
	for i := 1; i <= MinForMedian; i++ { // 1..30: the median is 15.5
		rates[TierMicro] = append(rates[TierMicro], float64(MinForMedian+1-i))
	}
	med := medians(rates)
	if med[TierMicro] != 15.5 {
		t.Errorf("micro median %v; want 15.5", med[TierMicro])
	}
	if med[TierNano] != FallbackMedians[TierNano] || med[TierMega] != FallbackMedians[TierMega] {
		t.Errorf("too few rates must fall back: %v", med)
	}
	rates[TierMicro] = append(rates[TierMicro], 100)
	if m := medians(rates)[TierMicro]; m != 16 {
		t.Errorf("odd count median %v; want 16", m)
	}
}

func TestSeedTakesScoresWhenThereAreSome(t *testing.T) {
	med := FallbackMedians
	pool := []Member{
		{CreatorID: 1, Stage: "active", Followers: 20_000, EngagementRate: 2.4},   // ratio 1
		{CreatorID: 2, Stage: "approved", Followers: 20_000, EngagementRate: 7.2}, // ratio 3
		{CreatorID: 3, Stage: "applied", Followers: 20_000, EngagementRate: 9.6},  // not in a seed stage
		{CreatorID: 4, Stage: "prospect", Followers: 20_000, EngagementRate: 1.2},
	}
	ids := func(ms []Member) []int64 {
		var out []int64
		for _, m := range ms {
			out = append(out, m.CreatorID)
		}
		return out
	}
	seed, top := SelectSeed(pool, nil, med)
	if !reflect.DeepEqual(ids(seed), []int64{1, 2}) || !reflect.DeepEqual(ids(top), []int64{2, 1}) {
		t.Errorf("without scores: seed %v top %v", ids(seed), ids(top))
	}
	// A well-scored applicant joins the seed and, scored, leads the top.
	seed, top = SelectSeed(pool, map[int64]float64{3: 90, 1: 75, 4: 40}, med)
	if !reflect.DeepEqual(ids(seed), []int64{1, 2, 3}) || !reflect.DeepEqual(ids(top), []int64{3, 1, 2}) {
		t.Errorf("with scores: seed %v top %v", ids(seed), ids(top))
	}
}
