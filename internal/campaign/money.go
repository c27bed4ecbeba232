package campaign

import "github.com/rosterhq/roster/internal/money"

// ParsePercent reads a commission typed as a percentage ("12.5", "12,5")
// as basis points (1250); at most two decimals, at most 10,000 %.
func ParsePercent(s string, decimal rune) (int, bool) {
	n, err := money.Parse(s, 2, decimal)
	if err != nil || n > 1_000_000 {
		return 0, false
	}
	return int(n), true
}
