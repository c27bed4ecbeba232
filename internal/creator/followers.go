package creator

import (
	"strconv"
	"strings"
)

// maxFollowers bounds follower filters far above any real audience.
const maxFollowers = 1_000_000_000_000

// followerSpaces is built once: a Replacer builds its tables on first
// use, which cost more than the parse itself in an import.
var followerSpaces = strings.NewReplacer("_", "", " ", "", "\u00a0", "", "\u202f", "", "'", "")

// parseFollowers reads a follower count as people write it in any of
// Roster's languages: "12000", "12,000", "12.000", "12 000", "12k",
// "1.2M", "1,2M", "3b". The result must be a whole number.
func parseFollowers(s string) (int64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = followerSpaces.Replace(s)
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
	whole, frac, ok := splitCount(s, mult > 1)
	if !ok || whole == "" && frac == "" || len(whole) > 13 || len(frac) > 9 || !allDigits(whole) || !allDigits(frac) {
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

// splitCount finds a count's decimal mark and returns the whole digits,
// without the marks that group thousands, and the fraction. With both
// marks the last is the decimal one ("1,234.5k", "1.234,5k"). A lone mark
// followed by three digits groups thousands ("12,000", "12.000"), except
// a point before a suffix ("1.250k" is 1,250); otherwise it is decimal
// ("1.2M", "1,2M", "12,5k"). Repeated marks group thousands.
func splitCount(s string, suffixed bool) (whole, frac string, ok bool) {
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	decimal := -1
	switch {
	case dot < 0 && comma < 0:
		return s, "", true
	case dot >= 0 && comma >= 0:
		decimal = max(dot, comma)
	default:
		i := max(dot, comma)
		if strings.IndexByte(s, s[i]) == i { // a lone mark
			grouping := len(s)-i-1 == 3 && (!suffixed || s[i] == ',')
			if !grouping {
				decimal = i
			}
		}
	}
	whole = s
	if decimal >= 0 {
		whole, frac = s[:decimal], s[decimal+1:]
		if frac == "" || strings.IndexByte(whole, s[decimal]) >= 0 {
			return "", "", false // "1." or two decimal marks
		}
	}
	mark := strings.IndexAny(whole, ".,")
	if mark < 0 {
		return whole, frac, true
	}
	groups := strings.Split(whole, whole[mark:mark+1])
	for i, g := range groups {
		if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return "", "", false
		}
	}
	return strings.Join(groups, ""), frac, true
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
