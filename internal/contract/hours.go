package contract

import (
	"errors"
	"strconv"
	"strings"
)

// MaxMonthlyMinutes bounds one category's hours: a month has at most 744.
const MaxMonthlyMinutes = 744 * 60

var errHours = errors.New("not a number of hours")

// ParseHours reads hours as people type them: "12", "12.5", "12,5"
// (decimal comma) or "12:30" (hours and minutes), and returns minutes.
// Empty is zero.
func ParseHours(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if h, m, ok := strings.Cut(s, ":"); ok {
		hours, err1 := strconv.Atoi(h)
		mins, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hours < 0 || mins < 0 || mins > 59 || len(m) != 2 {
			return 0, errHours
		}
		return hours*60 + mins, nil
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || f < 0 || f != f || f > 1e6 {
		return 0, errHours
	}
	mins := f * 60
	// Round to the minute: 0.1 h is 6 minutes, 1/3 h typed as 0.33 is 20.
	return int(mins + 0.5), nil
}

// FormatHours writes minutes as decimal hours with at most two decimals
// and no trailing zeros ("12", "12.5", "0.25"), for form fields.
func FormatHours(minutes int) string {
	s := strconv.FormatFloat(float64(minutes)/60, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}
