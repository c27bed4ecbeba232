package participant

import (
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/money"
)

// Money shows an amount in minor units with its currency in l's notation
// ("1,500.50 USD", "150,000 JPY").
func Money(l *i18n.Localizer, minor int64, currency string) string {
	return money.Text(l, minor, currency)
}

// maxCommissionBP is 100 %: a commission is a share of a sale.
const maxCommissionBP = 10_000

// amountField writes minor units of currency into a form field in l's
// notation ("1500.50", "1500,50").
func amountField(l *i18n.Localizer, minor int64, currency string) string {
	return money.Input(minor, money.Digits(currency), l.DecimalSeparator())
}

// percentField writes basis points as a percentage form field ("12.5").
func percentField(l *i18n.Localizer, bp int) string {
	return money.Input(int64(bp), 2, l.DecimalSeparator())
}
