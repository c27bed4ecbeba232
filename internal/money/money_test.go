package money

import (
	"errors"
	"testing"

	"github.com/rosterhq/roster/internal/i18n"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		digits  int
		decimal rune
		want    int64
		err     error
	}{
		{"", 2, '.', 0, nil},
		{"1500", 2, '.', 150000, nil},
		{"1500.5", 2, '.', 150050, nil},
		{"1500,5", 2, '.', 150050, nil}, // a comma with one or two digits marks decimals everywhere
		{"1500,50", 2, ',', 150050, nil},
		{"1,500", 2, '.', 150000, nil},      // English grouping
		{"1.500", 2, ',', 150000, nil},      // German grouping
		{"1,500", 2, ',', 0, ErrTooPrecise}, // German 1,5 with three decimals: refused, not guessed
		{"1.500", 2, '.', 0, ErrTooPrecise},
		{"1,500.50", 2, ',', 150050, nil}, // both marks: the last one is the decimal
		{"1.500,50", 2, '.', 150050, nil},
		{"1 500,50", 2, ',', 150050, nil},
		{"1\u202f500,50", 2, ',', 150050, nil}, // French narrow no-break space
		{"1'500.50", 2, '.', 150050, nil},
		{"1.234.567", 2, ',', 123456700, nil},
		{"1,234,567.89", 2, '.', 123456789, nil},
		{"150000", 0, '.', 150000, nil}, // yen have no decimals
		{"150,000", 0, '.', 150000, nil},
		{"1500.5", 0, '.', 0, ErrTooPrecise},
		{"1.5", 3, '.', 1500, nil}, // dinars have three
		{".5", 2, '.', 50, nil},
		{"5.", 2, '.', 500, nil},
		{"007", 2, '.', 700, nil},
		{".", 2, '.', 0, ErrNotAmount},
		{"-5", 2, '.', 0, ErrNotAmount},
		{"+5", 2, '.', 0, ErrNotAmount},
		{"5 USD", 2, '.', 0, ErrNotAmount},
		{"1e5", 2, '.', 0, ErrNotAmount},
		{"1.2.3", 2, '.', 0, ErrNotAmount},
		{"12,34,567.00", 2, '.', 0, ErrNotAmount}, // not thousands
		{",500", 2, '.', 0, ErrNotAmount},
		{"1.234,5.6", 2, '.', 0, ErrNotAmount},
		{"1234567890123456", 2, '.', 0, ErrTooLarge},
		{"123456789012345", 3, '.', 123456789012345000, nil},
		{"١٢", 2, '.', 0, ErrNotAmount}, // digits of other scripts are refused, not misread
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, tt.digits, tt.decimal)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Parse(%q, %d, %q) = %d, %v; want %d, %v", tt.in, tt.digits, tt.decimal, got, err, tt.want, tt.err)
		}
	}
}

func TestInputReadsBack(t *testing.T) {
	for _, minor := range []int64{0, 5, 50, 150050, 123456789012} {
		for _, digits := range []int{0, 2, 3} {
			for _, decimal := range []rune{'.', ','} {
				s := Input(minor, digits, decimal)
				if back, err := Parse(s, digits, decimal); err != nil || back != minor {
					t.Errorf("Parse(Input(%d, %d, %q) = %q) = %d, %v", minor, digits, decimal, s, back, err)
				}
			}
		}
	}
	if got := Input(150050, 2, ','); got != "1500,50" {
		t.Errorf("Input = %q", got)
	}
	if got := Input(5, 2, '.'); got != "0.05" {
		t.Errorf("Input = %q", got)
	}
}

func TestTextAndDigits(t *testing.T) {
	if Digits("USD") != 2 || Digits("JPY") != 0 || Digits("KWD") != 3 || Digits("nope") != 2 {
		t.Errorf("Digits: USD %d JPY %d KWD %d unknown %d", Digits("USD"), Digits("JPY"), Digits("KWD"), Digits("nope"))
	}
	if got := Text(i18n.For("en"), 150050, "USD"); got != "1,500.50 USD" {
		t.Errorf("Text en = %q", got)
	}
	if got := Text(i18n.For("es"), 150050, "EUR"); got != "1500,50 EUR" && got != "1.500,50 EUR" {
		t.Errorf("Text es = %q", got)
	}
	if got := Text(i18n.For("en"), 150000, "JPY"); got != "150,000 JPY" {
		t.Errorf("Text JPY = %q (yen have no decimals)", got)
	}
}

func TestDecimalSeparatorOfEachLanguage(t *testing.T) {
	want := map[string]rune{"en": '.', "es": ',', "fr": ',', "de": ',', "pt-BR": ',', "ja": '.'}
	for _, code := range i18n.Supported {
		if got := i18n.For(code).DecimalSeparator(); got != want[code] {
			t.Errorf("%s decimal separator %q, want %q", code, got, want[code])
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1500", "1,500.50", "1.500,50", "1 500,5", ".5", "1.2.3", "-1"} {
		f.Add(s, 2, true)
	}
	f.Fuzz(func(t *testing.T, s string, digits int, comma bool) {
		digits = ((digits % 4) + 4) % 4
		decimal := '.'
		if comma {
			decimal = ','
		}
		n, err := Parse(s, digits, decimal)
		if err != nil {
			return
		}
		if n < 0 {
			t.Fatalf("Parse(%q) = %d: negative", s, n)
		}
		if back, err := Parse(Input(n, digits, decimal), digits, decimal); err != nil || back != n {
			t.Fatalf("Parse(%q) = %d, but its Input reads back as %d, %v", s, n, back, err)
		}
	})
}
