package i18n

import (
	"strconv"
	"time"

	"golang.org/x/text/number"
)

// Number formats a whole number with the locale's grouping ("12,345" in
// English, "12.345" in Spanish).
func (l *Localizer) Number(n int64) string {
	return l.printer.Sprint(number.Decimal(n))
}

// Decimal formats f with exactly digits fraction digits ("3.40", "3,40").
func (l *Localizer) Decimal(f float64, digits int) string {
	digits = max(digits, 0)
	return l.printer.Sprint(number.Decimal(f,
		number.MinFractionDigits(digits), number.MaxFractionDigits(digits)))
}

// DecimalUpTo formats f with at most digits fraction digits and no
// trailing zeros ("12", "12.5", "12,25").
func (l *Localizer) DecimalUpTo(f float64, digits int) string {
	return l.printer.Sprint(number.Decimal(f, number.MaxFractionDigits(max(digits, 0))))
}

// Percent formats a value that is already a percentage (3.4 means 3.4%)
// with at most one fraction digit, placing the sign as CLDR does for the
// locale ("3.4%", "3,4 %").
func (l *Localizer) Percent(f float64) string {
	return l.printer.Sprint(number.Percent(f/100, number.MaxFractionDigits(1)))
}

// compactSteps are the magnitudes Compact abbreviates; the catalogue holds
// each one's pattern, so a new language brings its own abbreviations.
var compactSteps = []struct {
	size uint64
	key  string
}{
	{1_000, "format.compact.thousand"},
	{1_000_000, "format.compact.million"},
	{1_000_000_000, "format.compact.billion"},
}

// Compact abbreviates large counts for dashboards: 12.5K and 1.2M in
// English, 12,5 mil and 1,2 M in Spanish. Values under 100 of a unit keep
// one fraction digit; numbers below a thousand are shown in full.
func (l *Localizer) Compact(n int64) string {
	abs := uint64(n)
	sign := ""
	if n < 0 {
		abs = uint64(-n) // also right for math.MinInt64, whose negation wraps to itself
		sign = "-"
	}
	if abs < compactSteps[0].size {
		return l.Number(n)
	}
	step := 0
	for step+1 < len(compactSteps) && abs >= compactSteps[step+1].size {
		step++
	}
	value := roundedUnits(abs, compactSteps[step].size)
	// Rounding can reach the next unit: 999,960 is 1M, not 1000K.
	if value >= 1000 && step+1 < len(compactSteps) {
		step++
		value = roundedUnits(abs, compactSteps[step].size)
	}
	formatted := l.printer.Sprint(number.Decimal(value, number.MaxFractionDigits(1)))
	return sign + l.T(compactSteps[step].key, "n", formatted)
}

// roundedUnits returns abs/size rounded to one fraction digit below 100
// and to a whole number from there on. It works in integers so halves
// round up exactly.
func roundedUnits(abs, size uint64) float64 {
	tenth := size / 10
	tenths := (abs + tenth/2) / tenth
	if tenths < 1000 {
		return float64(tenths) / 10
	}
	return float64((abs + size/2) / size)
}

// Date formats t's UTC calendar date in the locale's pattern: "Jan 2, 2026"
// or "2 ene 2026". Month names and the pattern come from the catalogue.
func (l *Localizer) Date(t time.Time) string {
	t = t.UTC()
	// Strings, not ints, so the year is not grouped as "2,026".
	return l.T("format.date",
		"day", strconv.Itoa(t.Day()),
		"month", l.T("month.short."+strconv.Itoa(int(t.Month()))),
		"year", strconv.Itoa(t.Year()))
}

// MonthYear names t's UTC month and year in the locale's pattern, for a
// month's heading or a row per month: "January 2026", "enero de 2026",
// "2026年1月". Month names and the pattern come from the catalogue.
func (l *Localizer) MonthYear(t time.Time) string {
	t = t.UTC()
	return l.T("format.month_year",
		"month", l.T("month.long."+strconv.Itoa(int(t.Month()))),
		"year", strconv.Itoa(t.Year()))
}

// Month is a month written "YYYY-MM" given as a message argument: T
// writes it as MonthYearOf does, in the reader's language. Field errors
// carry one, since they are translated when shown.
type Month string

// MonthYearOf is MonthYear of a month written "YYYY-MM", as months travel
// in URLs, the API and the database; anything else comes back unchanged.
func (l *Localizer) MonthYearOf(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return l.MonthYear(t)
}

// DateTime formats t in UTC with a 24-hour time: "Jan 2, 2026, 15:04 UTC".
// The zone is named so readers elsewhere are not misled.
func (l *Localizer) DateTime(t time.Time) string {
	return l.T("format.datetime", "date", l.Date(t), "time", t.UTC().Format("15:04"))
}

// DecimalSeparator is the mark between whole and fraction digits in the
// locale ('.' in English and Japanese, ',' in Spanish, French, German and
// Brazilian Portuguese), for reading numbers people type.
func (l *Localizer) DecimalSeparator() rune {
	for _, r := range l.Decimal(1.5, 1) {
		if r != '1' && r != '5' {
			return r
		}
	}
	return '.'
}
