package campaign

import (
	"strconv"
	"strings"

	"golang.org/x/text/currency"
)

// Digits returns how many decimals a currency's minor unit has (2 for
// USD, 0 for JPY, 3 for KWD); 2 for a code it does not know.
func Digits(code string) int {
	u, err := currency.ParseISO(code)
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// ParseMoney reads an amount typed in a form ("1500", "1,500.50",
// "1500.5") as integer minor units of a currency with digits decimals.
// It refuses signs, more decimals than the currency has, and anything
// that is not a plain number.
func ParseMoney(s string, digits int) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, true
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" && !hasDot || len(frac) > digits || (hasDot && frac == "" && whole == "") {
		return 0, false
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
	}
	frac += strings.Repeat("0", digits-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || len(whole) > 15 {
		return 0, false
	}
	return n, true
}

// FormatMoney writes minor units as a plain decimal for a form field
// ("1500.50"); see MoneyText for display.
func FormatMoney(minor int64, digits int) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	s := strconv.FormatInt(minor, 10)
	if digits == 0 {
		return sign + s
	}
	if len(s) <= digits {
		s = strings.Repeat("0", digits-len(s)+1) + s
	}
	return sign + s[:len(s)-digits] + "." + s[len(s)-digits:]
}

// ParsePercent reads a commission typed as a percentage ("12.5") as basis
// points (1250); at most two decimals.
func ParsePercent(s string) (int, bool) {
	n, ok := ParseMoney(s, 2)
	if !ok || n > 1_000_000 {
		return 0, false
	}
	return int(n), true
}
