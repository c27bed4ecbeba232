package creator

import (
	"strconv"
	"strings"
)

// maxFollowers bounds follower filters far above any real audience.
const maxFollowers = 1_000_000_000_000

// followerSeparators is built once: a Replacer builds its tables on
// first use, which cost more than the parse itself in an import.
var followerSeparators = strings.NewReplacer(",", "", "_", "", " ", "")

// parseFollowers reads a follower count as people write it: "12000",
// "12,000", "12k", "1.2M", "3b". The result must be a whole number.
func parseFollowers(s string) (int64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = followerSeparators.Replace(s)
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "k"):
		mult = 1_000
	case strings.HasSuffix(s, "m"):
		mult = 1_000_000
	case strings.HasSuffix(s, "b"):
		mult = 1_000_000_000
	}
	if mult > 1 {
		s = s[:len(s)-1]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(whole) > 13 || len(frac) > 9 || (hasDot && frac == "") || !allDigits(whole) || !allDigits(frac) {
		return 0, false
	}
	n, _ := strconv.ParseInt("0"+whole, 10, 64)
	scale := int64(1)
	for range len(frac) {
		scale *= 10
	}
	f, _ := strconv.ParseInt("0"+frac, 10, 64)
	if (f*mult)%scale != 0 { // "1.2345k" is not a whole number of followers
		return 0, false
	}
	if n > maxFollowers/mult {
		return 0, false
	}
	v := n*mult + f*mult/scale
	return v, v <= maxFollowers
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
