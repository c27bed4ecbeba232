package i18n

import (
	"math"
	"strings"
	"testing"
	"time"
)

// nbsp is the no-break space CLDR puts between a number and its unit.
const nbsp = "\u00a0"

func TestNumber(t *testing.T) {
	tests := []struct {
		code string
		n    int64
		want string
	}{
		{"en", 0, "0"},
		{"en", 999, "999"},
		{"en", 12345, "12,345"},
		{"en", -1234567, "-1,234,567"},
		{"es", 0, "0"},
		{"es", 12345, "12.345"},
		{"es", -1234567, "-1.234.567"},
		{"fr", 12345, "12" + nbsp + "345"},
		{"fr", -1234567, "-1" + nbsp + "234" + nbsp + "567"},
	}
	for _, tt := range tests {
		if got := For(tt.code).Number(tt.n); got != tt.want {
			t.Errorf("%s Number(%d) = %q, want %q", tt.code, tt.n, got, tt.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		code   string
		f      float64
		digits int
		want   string
	}{
		{"en", 3.4, 2, "3.40"},
		{"en", 12345.678, 1, "12,345.7"},
		{"en", 3.14159, 0, "3"},
		{"en", 3.14159, -1, "3"}, // negative digits mean none
		{"es", 3.4, 2, "3,40"},
		{"es", 12345.678, 1, "12.345,7"},
	}
	for _, tt := range tests {
		if got := For(tt.code).Decimal(tt.f, tt.digits); got != tt.want {
			t.Errorf("%s Decimal(%v, %d) = %q, want %q", tt.code, tt.f, tt.digits, got, tt.want)
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		code string
		f    float64
		want string
	}{
		{"en", 3.4, "3.4%"},
		{"en", 12, "12%"},
		{"en", 3.456, "3.5%"},
		{"en", 12345, "12,345%"},
		{"es", 3.4, "3,4" + nbsp + "%"},
		{"es", 12, "12" + nbsp + "%"},
		{"fr", 3.4, "3,4" + nbsp + "%"},
	}
	for _, tt := range tests {
		if got := For(tt.code).Percent(tt.f); got != tt.want {
			t.Errorf("%s Percent(%v) = %q, want %q", tt.code, tt.f, got, tt.want)
		}
	}
}

func TestCompact(t *testing.T) {
	tests := []struct {
		code string
		n    int64
		want string
	}{
		{"en", 0, "0"},
		{"en", 999, "999"},
		{"en", 1000, "1K"},
		{"en", 1234, "1.2K"},
		{"en", 12500, "12.5K"},
		{"en", 99_960, "100K"},
		{"en", 123_456, "123K"},
		{"en", 999_960, "1M"}, // rounding reaches the next unit
		{"en", 1_250_000, "1.3M"},
		{"en", 3_400_000_000, "3.4B"},
		{"en", 1_500_000_000_000, "1,500B"},
		{"en", -12500, "-12.5K"},
		{"es", 999, "999"},
		{"es", 12500, "12,5" + nbsp + "mil"},
		{"es", 123_456, "123" + nbsp + "mil"},
		{"es", 1_200_000, "1,2" + nbsp + "M"},
		{"es", 3_400_000_000, "3,4" + nbsp + "mil" + nbsp + "M"},
		{"es", -12500, "-12,5" + nbsp + "mil"},
		{"fr", 999, "999"},
		{"fr", 12500, "12,5" + nbsp + "k"},
		{"fr", 1_200_000, "1,2" + nbsp + "M"},
		{"fr", 3_400_000_000, "3,4" + nbsp + "Md"},
		{"pt-BR", 999, "999"},
		{"pt-BR", 12500, "12,5" + nbsp + "mil"},
		{"pt-BR", 1_200_000, "1,2" + nbsp + "mi"},
		{"pt-BR", 3_400_000_000, "3,4" + nbsp + "bi"},
		{"ja", 999, "999"},
		{"ja", 12500, "12.5千"},
		{"ja", 1_200_000, "1.2百万"},
		{"ja", 3_400_000_000, "3.4十億"},
	}
	for _, tt := range tests {
		if got := For(tt.code).Compact(tt.n); got != tt.want {
			t.Errorf("%s Compact(%d) = %q, want %q", tt.code, tt.n, got, tt.want)
		}
	}
	if got := For("en").Compact(math.MinInt64); !strings.HasPrefix(got, "-9,223,372,037") {
		t.Errorf("Compact(MinInt64) = %q", got)
	}
}

func TestDateAndDateTime(t *testing.T) {
	jan := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	// 23:30 on Dec 31 in New York (UTC-5) is already Jan 1 in UTC.
	newYork := time.FixedZone("EST", -5*60*60)
	newYear := time.Date(2025, 12, 31, 23, 30, 0, 0, newYork)
	sep := time.Date(2026, 9, 30, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		code           string
		t              time.Time
		date, dateTime string
	}{
		{"en", jan, "Jan 2, 2026", "Jan 2, 2026, 15:04 UTC"},
		{"en", newYear, "Jan 1, 2026", "Jan 1, 2026, 04:30 UTC"},
		{"en", sep, "Sep 30, 2026", "Sep 30, 2026, 08:00 UTC"},
		{"es", jan, "2 ene 2026", "2 ene 2026, 15:04 UTC"},
		{"es", newYear, "1 ene 2026", "1 ene 2026, 04:30 UTC"},
		{"es", sep, "30 sep 2026", "30 sep 2026, 08:00 UTC"},
		{"fr", jan, "2 janv. 2026", "2 janv. 2026, 15:04 UTC"},
		{"fr", sep, "30 sept. 2026", "30 sept. 2026, 08:00 UTC"},
		{"pt-BR", jan, "2 de jan. de 2026", "2 de jan. de 2026, 15:04 UTC"},
		{"pt-BR", sep, "30 de set. de 2026", "30 de set. de 2026, 08:00 UTC"},
		{"ja", jan, "2026年1月2日", "2026年1月2日 15:04 UTC"},
		{"ja", sep, "2026年9月30日", "2026年9月30日 08:00 UTC"},
	}
	for _, tt := range tests {
		l := For(tt.code)
		if got := l.Date(tt.t); got != tt.date {
			t.Errorf("%s Date(%v) = %q, want %q", tt.code, tt.t, got, tt.date)
		}
		if got := l.DateTime(tt.t); got != tt.dateTime {
			t.Errorf("%s DateTime(%v) = %q, want %q", tt.code, tt.t, got, tt.dateTime)
		}
	}
}

func TestEveryMonthHasAName(t *testing.T) {
	for _, code := range Supported {
		for m := time.January; m <= time.December; m++ {
			date := For(code).Date(time.Date(2026, m, 15, 0, 0, 0, 0, time.UTC))
			if strings.Contains(date, "month.short") || strings.Contains(date, "{") {
				t.Errorf("%s %s: Date = %q", code, m, date)
			}
		}
	}
}

// TestMonthYear: a month's heading reads as the language writes it, the
// year where it goes; every supported language is listed here.
func TestMonthYear(t *testing.T) {
	jan := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	// 23:30 on Dec 31 in New York (UTC-5) is already January in UTC.
	newYear := time.Date(2025, 12, 31, 23, 30, 0, 0, time.FixedZone("EST", -5*60*60))
	aug := time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC)
	want := map[string][3]string{
		"en":    {"January 2026", "January 2026", "August 2026"},
		"es":    {"enero de 2026", "enero de 2026", "agosto de 2026"},
		"fr":    {"janvier 2026", "janvier 2026", "août 2026"},
		"de":    {"Januar 2026", "Januar 2026", "August 2026"},
		"pt-BR": {"janeiro de 2026", "janeiro de 2026", "agosto de 2026"},
		"ja":    {"2026年1月", "2026年1月", "2026年8月"},
	}
	for _, code := range Supported {
		w, ok := want[code]
		if !ok {
			t.Errorf("%s: no expected month headings: add the language to this test", code)
			continue
		}
		l := For(code)
		for i, tm := range []time.Time{jan, newYear, aug} {
			if got := l.MonthYear(tm); got != w[i] {
				t.Errorf("%s MonthYear(%v) = %q, want %q", code, tm, got, w[i])
			}
		}
		if got := l.MonthYearOf("2026-08"); got != w[2] {
			t.Errorf("%s MonthYearOf(2026-08) = %q, want %q", code, got, w[2])
		}
		for m := time.January; m <= time.December; m++ {
			got := l.MonthYear(time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC))
			if strings.Contains(got, "month.long") || strings.Contains(got, "{") || !strings.Contains(got, "2026") {
				t.Errorf("%s %s: MonthYear = %q", code, m, got)
			}
		}
	}
	// A Month given as an argument is written when the message is.
	if got := For("ja").T("time.month_closed", "month", Month("2026-01")); got != "2026年1月を締めました。" {
		t.Errorf("ja message with a Month = %q", got)
	}
	if got := For("en").MonthYearOf("2026-13"); got != "2026-13" {
		t.Errorf("MonthYearOf of a malformed month = %q, want it unchanged", got)
	}
}
