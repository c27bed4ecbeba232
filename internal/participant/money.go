package participant

import (
	"errors"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/i18n"
)

// Money shows an amount in minor units with its currency, two decimals
// (the campaigns' currencies are all cent-based).
func Money(l *i18n.Localizer, minor int64, currency string) string {
	return l.Decimal(float64(minor)/100, 2) + " " + currency
}

var errMoney = errors.New("not an amount")

// ParseMoney reads an amount typed in a form ("1500", "1500.5",
// "1500,50") into minor units. Thousands separators are refused rather
// than guessed.
func ParseMoney(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	whole, frac, _ := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if whole == "" || len(frac) > 2 || strings.ContainsAny(frac, ".,") {
		return 0, errMoney
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 || w > maxFeeMinor/100 {
		return 0, errMoney
	}
	var f int64
	if frac != "" {
		for len(frac) < 2 {
			frac += "0"
		}
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil || f < 0 {
			return 0, errMoney
		}
	}
	return w*100 + f, nil
}

// MajorUnits shows minor units for an input field ("1500.50").
func MajorUnits(minor int64) string {
	if minor%100 == 0 {
		return strconv.FormatInt(minor/100, 10)
	}
	return strconv.FormatInt(minor/100, 10) + "." + strconv.FormatInt(100+minor%100, 10)[1:]
}
