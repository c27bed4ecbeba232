package applications

import (
	"slices"
	"testing"

	"github.com/rosterhq/roster/internal/i18n"
)

// base is an applicant that matches a brand set up for micro creators in
// Mexico speaking Spanish on Instagram, with engagement at its median.
func base() (Config, Applicant) {
	cfg := DefaultConfig()
	cfg.MinFollowers, cfg.MaxFollowers = 10_000, 100_000
	cfg.Countries, cfg.Languages, cfg.Platforms = []string{"MX"}, []string{"es"}, []string{"instagram"}
	a := Applicant{Country: "MX", Languages: []string{"es"},
		Accounts: []Account{{Platform: "instagram", Handle: "ana", Followers: 50_000, EngagementRate: 1.8}}}
	return cfg, a
}

func keys(rs []Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Key)
	}
	return out
}

func TestAutoScoreEachRuleMovesTheScore(t *testing.T) {
	m := BuiltinMedians()
	cfg, a := base()
	top, reasons := AutoScore(cfg, a, m)
	if top != 22+20+15+15+20 {
		t.Fatalf("matching applicant at the median: %d (%v)", top, keys(reasons))
	}
	cases := []struct {
		name   string
		change func(*Config, *Applicant)
		want   string // the reason key that must explain the change
		higher bool
	}{
		{"engagement well above the median", func(_ *Config, a *Applicant) { a.Accounts[0].EngagementRate = 3.0 }, "applications.reason.engagement_builtin", true},
		{"engagement below the median", func(_ *Config, a *Applicant) { a.Accounts[0].EngagementRate = 1.0 }, "applications.reason.engagement_builtin", false},
		{"followers below the range", func(c *Config, _ *Applicant) { c.MinFollowers = 60_000 }, "applications.reason.range_below", false},
		{"followers above the range", func(c *Config, _ *Applicant) { c.MaxFollowers = 40_000 }, "applications.reason.range_above", false},
		{"other country", func(_ *Config, a *Applicant) { a.Country = "AR" }, "applications.reason.country_mismatch", false},
		{"no common language", func(_ *Config, a *Applicant) { a.Languages = []string{"pt"} }, "applications.reason.language_mismatch", false},
		{"missing a needed platform", func(c *Config, _ *Applicant) { c.Platforms = []string{"instagram", "tiktok"} }, "applications.reason.platforms_some", false},
		{"engagement far above its tier", func(_ *Config, a *Applicant) { a.Accounts[0].EngagementRate = 9 }, "applications.reason.engagement_outlier", false},
		{"engagement far below its tier", func(_ *Config, a *Applicant) { a.Accounts[0].EngagementRate = 0.3 }, "applications.reason.engagement_outlier", false},
		{"followers jumped since the record", func(_ *Config, a *Applicant) { a.Recorded = map[string]int64{"instagram ana": 10_000} }, "applications.reason.followers_jump", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, a := base()
			if tc.name == "engagement well above the median" {
				// Start from below the median so there is room to rise.
				a.Accounts[0].EngagementRate = 1.0
				low, _ := AutoScore(cfg, a, m)
				a.Accounts[0].EngagementRate = 3.0
				high, reasons := AutoScore(cfg, a, m)
				if high <= low || !slices.Contains(keys(reasons), tc.want) {
					t.Fatalf("%d → %d, reasons %v", low, high, keys(reasons))
				}
				return
			}
			tc.change(&cfg, &a)
			got, reasons := AutoScore(cfg, a, m)
			if got >= top {
				t.Errorf("score %d, want below %d", got, top)
			}
			if !slices.Contains(keys(reasons), tc.want) {
				t.Errorf("reasons %v lack %s", keys(reasons), tc.want)
			}
		})
	}
}

func TestAutoScoreWarningsAreMarkedAndSaySoWithNumbers(t *testing.T) {
	cfg, a := base()
	a.Accounts[0].EngagementRate = 7.2
	a.Recorded = map[string]int64{"instagram ana": 12_000}
	score, reasons := AutoScore(cfg, a, BuiltinMedians())
	warnings := 0
	for _, r := range reasons {
		if r.Warning {
			warnings++
			if r.Points >= 0 {
				t.Errorf("warning %s adds %d", r.Key, r.Points)
			}
		}
	}
	if warnings != 2 {
		t.Fatalf("want 2 warnings, got %v", keys(reasons))
	}
	if score < 0 || score > 100 {
		t.Fatalf("score %d out of range", score)
	}
	en := i18n.For("en")
	if got := reasons[0].Text(en); got != "Engagement 7.2%, 4.0× the median of micro accounts (1.8%, from the built-in reference table: too few of the brand's creators in this tier)." {
		t.Errorf("engagement reason: %q", got)
	}
	es := i18n.For("es")
	for _, r := range reasons {
		if txt := r.Text(es); txt == r.Key {
			t.Errorf("no Spanish text for %s", r.Key)
		}
	}
}

func TestAutoScoreSaysWhatCouldNotBeChecked(t *testing.T) {
	cfg := DefaultConfig()
	_, reasons := AutoScore(cfg, Applicant{Accounts: []Account{{Platform: "tiktok", Handle: "x", Followers: 500}}}, BuiltinMedians())
	for _, want := range []string{"applications.reason.engagement_unknown", "applications.reason.range_unset", "applications.reason.country_unset",
		"applications.reason.platforms_unset", "applications.reason.followers_no_record"} {
		if !slices.Contains(keys(reasons), want) {
			t.Errorf("reasons %v lack %s", keys(reasons), want)
		}
	}
}

func TestMediansUseTheBrandsDataWhenThereIsEnough(t *testing.T) {
	var fs []int64
	var rs []float64
	for i := range 11 {
		fs, rs = append(fs, 20_000), append(rs, float64(i+1)) // micro: 1..11, median 6
	}
	fs, rs = append(fs, 2_000_000), append(rs, 0.5) // one mega account: too few
	m := medianOf(fs, rs)
	if got := m["micro"]; !got.Measured || got.Rate != 6 || got.Points != 11 {
		t.Errorf("micro: %+v", got)
	}
	if got := m["mega"]; got.Measured || got.Rate != builtinMedians["mega"] {
		t.Errorf("mega: %+v", got)
	}
	if TierOf(9_999) != "nano" || TierOf(10_000) != "micro" || TierOf(100_000) != "mid" || TierOf(500_000) != "macro" || TierOf(1_000_000) != "mega" {
		t.Error("tier bounds")
	}
}

func TestCombinedIsTheWeightedAverageAcrossReviewers(t *testing.T) {
	rubric := []Criterion{{Key: "a", Weight: 2}, {Key: "b", Weight: 1}}
	if Combined(rubric, nil) != nil {
		t.Fatal("no reviews must give no score")
	}
	got := Combined(rubric, []Review{{Scores: map[string]int{"a": 5, "b": 2}}, {Scores: map[string]int{"a": 3, "b": 4, "gone": 1}}})
	// (2·5 + 1·2 + 2·3 + 1·4) / 6 = 22/6
	if got == nil || *got < 3.666 || *got > 3.667 {
		t.Fatalf("combined %v", got)
	}
}

func TestDynamicKeysExist(t *testing.T) {
	var ks []string
	for _, s := range Statuses {
		ks = append(ks, "applications.status."+s)
	}
	for _, k := range QuestionKinds {
		ks = append(ks, "applications.kind."+k)
	}
	for _, c := range DefaultCriteria {
		ks = append(ks, criterionLabelKey(c))
	}
	for _, tr := range tiers {
		ks = append(ks, "applications.tier."+tr.name)
	}
	for _, what := range []string{"country", "language"} {
		for _, s := range []string{"_unset", "_unknown", "_match", "_mismatch"} {
			ks = append(ks, "applications.reason."+what+s)
		}
	}
	ks = append(ks, "applications.email.approved.subject", "applications.email.declined.subject", "applications.approved_flash", "applications.declined_flash")
	for _, lang := range i18n.Supported {
		for _, k := range ks {
			if !i18n.Has(lang, k) {
				t.Errorf("%s: missing %s", lang, k)
			}
		}
	}
}
