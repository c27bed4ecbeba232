package campaign

import "testing"

func TestParseMoney(t *testing.T) {
	cases := []struct {
		in     string
		digits int
		want   int64
		ok     bool
	}{
		{"1500", 2, 150000, true}, {"1,500.50", 2, 150050, true}, {"0.5", 2, 50, true}, {".5", 2, 50, true}, {"", 2, 0, true},
		{"1500", 0, 1500, true}, {"1.5", 0, 0, false}, {"1.234", 3, 1234, true}, {"1.001", 2, 0, false},
		{"-5", 2, 0, false}, {"+5", 2, 0, false}, {"1e3", 2, 0, false}, {"12 000", 2, 0, false}, {".", 2, 0, false},
		{"99999999999999999", 2, 0, false}, {"١٢", 2, 0, false},
	}
	for _, c := range cases {
		got, ok := ParseMoney(c.in, c.digits)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseMoney(%q, %d) = %d, %v; want %d, %v", c.in, c.digits, got, ok, c.want, c.ok)
		}
	}
	for _, c := range []struct {
		minor  int64
		digits int
		want   string
	}{{150050, 2, "1500.50"}, {5, 2, "0.05"}, {0, 2, "0.00"}, {1500, 0, "1500"}, {-250, 2, "-2.50"}, {7, 3, "0.007"}} {
		if got := FormatMoney(c.minor, c.digits); got != c.want {
			t.Errorf("FormatMoney(%d, %d) = %q, want %q", c.minor, c.digits, got, c.want)
		}
		if c.minor >= 0 {
			if back, ok := ParseMoney(FormatMoney(c.minor, c.digits), c.digits); !ok || back != c.minor {
				t.Errorf("round trip of %d: %d %v", c.minor, back, ok)
			}
		}
	}
	if Digits("JPY") != 0 || Digits("USD") != 2 || Digits("KWD") != 3 {
		t.Errorf("digits JPY %d USD %d KWD %d", Digits("JPY"), Digits("USD"), Digits("KWD"))
	}
	if bp, ok := ParsePercent("12.5"); !ok || bp != 1250 {
		t.Errorf("12.5%% = %d bp %v", bp, ok)
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1500", "1,500.50", ".5", "-1", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseMoney(s, 2)
		if ok && n < 0 {
			t.Fatalf("%q parsed to negative %d", s, n)
		}
		if ok {
			if back, ok2 := ParseMoney(FormatMoney(n, 2), 2); !ok2 || back != n {
				t.Fatalf("%q: %d does not round-trip", s, n)
			}
		}
	})
}
