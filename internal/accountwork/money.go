package accountwork

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/currency"
)

// digits is how many minor-unit digits currency code has (2 for USD and
// EUR, 0 for JPY), from CLDR.
func digits(code string) int {
	u, err := currency.ParseISO(code)
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// ParseAmount reads an amount as people type it ("12500", "12,500.50",
// "12.500,50") into minor units of code; the last "," or "." followed by
// at most the currency's digits is the decimal separator.
func ParseAmount(s, code string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return 0, nil
	}
	d := digits(code)
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 <= d && len(s)-i-1 > 0 {
		whole, frac = s[:i], s[i+1:]
	}
	whole = strings.NewReplacer(",", "", ".", "").Replace(whole)
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 {
		return 0, errors.New("not an amount")
	}
	for len(frac) < d {
		frac += "0"
	}
	f := int64(0)
	if frac != "" {
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil || f < 0 {
			return 0, errors.New("not an amount")
		}
	}
	scale := int64(math.Pow10(d))
	if w > math.MaxInt64/scale-1 {
		return 0, errors.New("amount too large")
	}
	return w*scale + f, nil
}

// MajorUnits converts minor units of code to a number for display.
func MajorUnits(minor int64, code string) float64 {
	return float64(minor) / math.Pow10(digits(code))
}
