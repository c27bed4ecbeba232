package i18n

import (
	"fmt"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/number"
)

// T returns the message for key with {name} placeholders filled from args,
// which are name/value pairs: T("validation.too_long", "max", 80).
// Integer values are formatted as locale numbers, others with %v. A
// missing key returns the key itself, so the gap is visible on screen and
// caught by the catalogue tests.
func (l *Localizer) T(key string, args ...any) string {
	msg, ok := l.messages[key]
	if !ok {
		reportMiss(l.lang, key)
		return key
	}
	return l.fill(msg, args)
}

// N returns the plural form of key for n, with {n} filled with the locale
// formatted number. Forms are stored as key+".one", key+".other" and so
// on; the form is chosen by the locale's CLDR plural rules, and a form the
// catalogue lacks falls back to key+".other" (Japanese needs only that).
func (l *Localizer) N(key string, n int64, args ...any) string {
	msg, ok := l.messages[key+"."+l.pluralForm(n)]
	if !ok {
		if msg, ok = l.messages[key+".other"]; !ok {
			reportMiss(l.lang, key)
			return key
		}
	}
	return l.fill(msg, append([]any{"n", n}, args...))
}

// pluralNames spells plural.Form as the catalogue suffix.
var pluralNames = map[plural.Form]string{
	plural.Other: "other",
	plural.Zero:  "zero",
	plural.One:   "one",
	plural.Two:   "two",
	plural.Few:   "few",
	plural.Many:  "many",
}

// pluralForm returns the catalogue suffix for the whole number n.
func (l *Localizer) pluralForm(n int64) string {
	if n < 0 {
		n = -n // CLDR rules apply to the absolute value
	}
	// i is the integer part; v, w, f, t describe fraction digits (none).
	form := plural.Cardinal.MatchPlural(l.tag, int(n), 0, 0, 0, 0)
	return pluralNames[form]
}

// fill replaces {name} placeholders in one left-to-right pass, so a value
// that itself contains "{x}" (a creator's name, say) is never expanded.
// Placeholders without a value are left as written, to show up in tests.
func (l *Localizer) fill(msg string, args []any) string {
	if len(args) == 0 || !strings.Contains(msg, "{") {
		return msg
	}
	values := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		if name, ok := args[i].(string); ok {
			values[name] = args[i+1]
		}
	}
	var b strings.Builder
	for {
		end := strings.IndexByte(msg, '}')
		if end < 0 {
			break
		}
		if start := strings.LastIndexByte(msg[:end], '{'); start >= 0 {
			if value, ok := values[msg[start+1:end]]; ok {
				b.WriteString(msg[:start])
				b.WriteString(l.formatValue(value))
				msg = msg[end+1:]
				continue
			}
		}
		b.WriteString(msg[:end+1])
		msg = msg[end+1:]
	}
	b.WriteString(msg)
	return b.String()
}

func (l *Localizer) formatValue(v any) string {
	switch v := v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return l.printer.Sprint(number.Decimal(v))
	case Month:
		return l.MonthYearOf(string(v))
	}
	return fmt.Sprint(v)
}
