package applications

import (
	"slices"
	"strings"

	"github.com/rosterhq/roster/internal/creator"
)

// Applicant is what the automatic score looks at.
type Applicant struct {
	Country   string
	Languages []string
	Accounts  []Account
	// Recorded holds followers the brand's creator records already had
	// for the applicant's accounts, by "platform handle"; an account with
	// no record is absent. Roster keeps no metrics history, so this is the
	// only earlier count there is to compare with.
	Recorded map[string]int64
}

// Points each rule can give; they add up to 100.
const (
	maxEngagement = 30
	maxFollowers  = 20
	maxCountry    = 15
	maxLanguage   = 15
	maxPlatforms  = 20
	// warningPenalty is taken off for each warning sign.
	warningPenalty = 15
)

// AutoScore scores an applicant from 0 to 100 against the brand's setup
// and tier medians, with the reasons in the order the rules ran.
func AutoScore(cfg Config, a Applicant, m Medians) (int, []Reason) {
	var reasons []Reason
	add := func(r Reason) { reasons = append(reasons, r) }
	primary, ok := primaryAccount(a.Accounts)
	if !ok {
		add(Reason{Key: "applications.reason.no_accounts"})
	} else {
		for _, r := range engagementReasons(primary, m) {
			add(r)
		}
		add(followerRangeReason(cfg, primary))
	}
	add(matchReason(cfg.Countries, listOf(a.Country), maxCountry, "country"))
	add(matchReason(cfg.Languages, a.Languages, maxLanguage, "language"))
	add(platformReason(cfg.Platforms, a.Accounts))
	for _, r := range jumpReasons(a) {
		add(r)
	}
	score := 0
	for _, r := range reasons {
		score += r.Points
	}
	return min(max(score, 0), 100), reasons
}

// primaryAccount is the account with the most followers: the one whose
// tier and engagement describe the applicant best.
func primaryAccount(accounts []Account) (Account, bool) {
	if len(accounts) == 0 {
		return Account{}, false
	}
	best := accounts[0]
	for _, acc := range accounts[1:] {
		if acc.Followers > best.Followers {
			best = acc
		}
	}
	return best, true
}

func accountLabel(a Account) string { return creator.PlatformLabel(a.Platform) + " " + a.Handle }

func engagementReasons(a Account, m Medians) []Reason {
	tier := TierOf(a.Followers)
	med := m[tier]
	if a.EngagementRate <= 0 || med.Rate <= 0 {
		return []Reason{{Key: "applications.reason.engagement_unknown", Args: []Arg{text("account", accountLabel(a))}}}
	}
	r := a.EngagementRate / med.Rate
	points := 6
	switch {
	case r >= 1.5:
		points = maxEngagement
	case r >= 1:
		points = 22
	case r >= 0.67:
		points = 14
	}
	args := []Arg{pct("rate", a.EngagementRate), ratio("ratio", r), msg("tier", "applications.tier."+tier), pct("median", med.Rate)}
	key := "applications.reason.engagement_builtin"
	if med.Measured {
		key = "applications.reason.engagement_measured"
		args = append(args, num("count", int64(med.Points)))
	}
	out := []Reason{{Key: key, Args: args, Points: points}}
	if r > 3 || r < 1.0/3 {
		out = append(out, Reason{Key: "applications.reason.engagement_outlier", Args: []Arg{ratio("ratio", r), msg("tier", "applications.tier."+tier)},
			Points: -warningPenalty, Warning: true})
	}
	return out
}

func followerRangeReason(cfg Config, a Account) Reason {
	lo, hi := cfg.MinFollowers, cfg.MaxFollowers
	f := num("followers", a.Followers)
	switch {
	case lo == 0 && hi == 0:
		return Reason{Key: "applications.reason.range_unset", Args: []Arg{f}, Points: maxFollowers / 2}
	case a.Followers < lo:
		return Reason{Key: "applications.reason.range_below", Args: []Arg{f, num("min", lo)}}
	case hi > 0 && a.Followers > hi:
		return Reason{Key: "applications.reason.range_above", Args: []Arg{f, num("max", hi)}}
	}
	return Reason{Key: "applications.reason.range_in", Args: []Arg{f}, Points: maxFollowers}
}

// matchReason scores whether any of have is in want (case-insensitive);
// what is "country" or "language", naming the catalogue keys.
func matchReason(want, have []string, points int, what string) Reason {
	base := "applications.reason." + what
	switch {
	case len(want) == 0:
		return Reason{Key: base + "_unset", Points: points / 2}
	case len(have) == 0:
		return Reason{Key: base + "_unknown"}
	}
	for _, h := range have {
		if slices.ContainsFunc(want, func(w string) bool { return strings.EqualFold(w, h) }) {
			return Reason{Key: base + "_match", Args: []Arg{text("value", h)}, Points: points}
		}
	}
	return Reason{Key: base + "_mismatch", Args: []Arg{text("value", strings.Join(have, ", ")), text("wanted", strings.Join(want, ", "))}}
}

func platformReason(needed []string, accounts []Account) Reason {
	if len(needed) == 0 {
		return Reason{Key: "applications.reason.platforms_unset", Points: maxPlatforms / 2}
	}
	var missing []string
	for _, p := range needed {
		if !slices.ContainsFunc(accounts, func(a Account) bool { return a.Platform == p }) {
			missing = append(missing, creator.PlatformLabel(p))
		}
	}
	have := len(needed) - len(missing)
	points := maxPlatforms * have / len(needed)
	if len(missing) == 0 {
		return Reason{Key: "applications.reason.platforms_all", Args: []Arg{num("n", int64(len(needed)))}, Points: points}
	}
	return Reason{Key: "applications.reason.platforms_some", Args: []Arg{num("have", int64(have)), num("n", int64(len(needed))),
		text("missing", strings.Join(missing, ", "))}, Points: points}
}

// jumpReasons compares stated followers with the brand's earlier record
// of the same account: more than double or less than half is a warning.
func jumpReasons(a Applicant) []Reason {
	var out []Reason
	compared := 0
	for _, acc := range a.Accounts {
		before, ok := a.Recorded[acc.Platform+" "+acc.Handle]
		if !ok || before <= 0 {
			continue
		}
		compared++
		r := float64(acc.Followers) / float64(before)
		if r > 2 || r < 0.5 {
			out = append(out, Reason{Key: "applications.reason.followers_jump", Args: []Arg{text("account", accountLabel(acc)),
				num("stated", acc.Followers), num("recorded", before), ratio("ratio", r)}, Points: -warningPenalty, Warning: true})
		}
	}
	switch {
	case len(a.Accounts) == 0:
	case compared == 0:
		out = append(out, Reason{Key: "applications.reason.followers_no_record"})
	case len(out) == 0:
		out = append(out, Reason{Key: "applications.reason.followers_consistent", Args: []Arg{num("n", int64(compared))}})
	}
	return out
}

func listOf(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
