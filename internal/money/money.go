// Package money reads and writes amounts of money held as integer minor
// units of an ISO 4217 currency (cents of USD, yen of JPY), the way
// people in each of Roster's languages type and read them.
package money

import (
	"errors"
	"strconv"
	"strings"

	"golang.org/x/text/currency"

	"github.com/rosterhq/roster/internal/i18n"
)

// Digits returns how many decimals a currency's minor unit has (2 for
// USD, 0 for JPY, 3 for KWD), from CLDR; 2 for a code it does not know.
func Digits(code string) int {
	u, err := currency.ParseISO(code)
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// Why Parse refuses a text.
var (
	ErrNotAmount  = errors.New("not an amount")
	ErrTooPrecise = errors.New("more decimals than the currency has")
	ErrTooLarge   = errors.New("amount too large")
)

// maxWholeDigits keeps every amount well inside int64 whatever the
// currency's digits.
const maxWholeDigits = 15

// Parse reads an amount typed in a form into minor units of a currency
// with digits decimals. decimal is the reader's decimal separator ('.' in
// English, ',' in German): a lone separator that is the other one and is
// followed by exactly three digits groups thousands ("1,500" in English,
// "1.500" in German); otherwise it marks the decimals, so "1500,5" is
// understood everywhere. With both separators the last one marks the
// decimals ("1.500,50", "1,500.50"). Spaces and apostrophes group
// thousands too. Signs, letters and more decimals than the currency has
// are refused, never rounded. An empty text is zero.
func Parse(s string, digits int, decimal rune) (int64, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'', '’':
			return -1
		}
		return r
	}, s)
	if s == "" {
		return 0, nil
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return 0, ErrNotAmount
		}
	}
	whole, frac, err := split(s, decimal)
	if err != nil {
		return 0, err
	}
	if whole == "" && frac == "" {
		return 0, ErrNotAmount
	}
	if len(frac) > digits {
		return 0, ErrTooPrecise
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxWholeDigits {
		return 0, ErrTooLarge
	}
	n, err := strconv.ParseInt("0"+whole+frac+strings.Repeat("0", digits-len(frac)), 10, 64)
	if err != nil {
		return 0, ErrNotAmount
	}
	return n, nil
}

// split finds the decimal mark of s (digits, '.' and ',' only) and
// returns the whole part without grouping marks and the decimals.
func split(s string, decimal rune) (whole, frac string, err error) {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	var mark byte
	switch {
	case dots == 0 && commas == 0:
		return s, "", nil
	case dots > 0 && commas > 0:
		mark = s[strings.LastIndexAny(s, ".,")]
	case dots+commas > 1: // one kind, repeated: it groups thousands
		mark = 0
	default:
		mark = '.'
		if commas == 1 {
			mark = ','
		}
		after := len(s) - strings.IndexByte(s, mark) - 1
		if rune(mark) != decimal && after == 3 {
			mark = 0
		}
	}
	if mark != 0 {
		i := strings.LastIndexByte(s, mark)
		if strings.IndexByte(s, mark) != i {
			return "", "", ErrNotAmount // "1.2.3,4": two decimal marks
		}
		whole, frac = s[:i], s[i+1:]
	} else {
		whole = s
	}
	group := byte('.')
	if mark == '.' {
		group = ','
	}
	if mark == 0 {
		group = s[strings.IndexAny(s, ".,")]
	}
	if strings.IndexByte(frac, group) >= 0 || !groupedByThousands(whole, group) {
		return "", "", ErrNotAmount
	}
	return strings.ReplaceAll(whole, string(group), ""), frac, nil
}

// groupedByThousands reports whether the grouping marks of whole, if
// any, sit between groups of three digits ("1,500,000", not "15,00").
func groupedByThousands(whole string, group byte) bool {
	parts := strings.Split(whole, string(group))
	if len(parts) == 1 {
		return true
	}
	for i, p := range parts {
		if (i == 0 && (len(p) == 0 || len(p) > 3)) || (i > 0 && len(p) != 3) {
			return false
		}
	}
	return true
}

// Input writes minor units as a form field's value in the reader's
// notation, without grouping ("1500.50", "1500,50", "1500" for yen), so
// Parse reads it back unchanged.
func Input(minor int64, digits int, decimal rune) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	s := strconv.FormatInt(minor, 10)
	if digits <= 0 {
		return sign + s
	}
	if len(s) <= digits {
		s = strings.Repeat("0", digits-len(s)+1) + s
	}
	return sign + s[:len(s)-digits] + string(decimal) + s[len(s)-digits:]
}

// Text shows an amount with its currency code in the reader's notation:
// "1,500.50 USD", "1.500,50 EUR", "150,000 JPY".
func Text(l *i18n.Localizer, minor int64, code string) string {
	d := Digits(code)
	f := float64(minor)
	for range d {
		f /= 10
	}
	return l.Decimal(f, d) + " " + code
}
