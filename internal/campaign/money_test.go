package campaign

import "testing"

func TestParsePercent(t *testing.T) {
	for _, c := range []struct {
		in      string
		decimal rune
		want    int
		ok      bool
	}{
		{"12.5", '.', 1250, true}, {"12,5", ',', 1250, true}, {"12,5", '.', 1250, true}, {"", '.', 0, true},
		{"10000", '.', 1_000_000, true}, {"10000.01", '.', 0, false}, {"12.345", '.', 0, false}, {"-1", '.', 0, false},
	} {
		if got, ok := ParsePercent(c.in, c.decimal); got != c.want || ok != c.ok {
			t.Errorf("ParsePercent(%q, %q) = %d, %v; want %d, %v", c.in, c.decimal, got, ok, c.want, c.ok)
		}
	}
}
