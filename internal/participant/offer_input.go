package participant

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
)

// Bounds on offer fields.
const (
	maxProduct    = 200
	maxCoupon     = 64
	maxMessage    = 2000
	maxFeeMinor   = 1_000_000_000_00 // a billion in major units
	maxCommission = 10000            // 100 %
	maxQuantity   = 100
)

// OfferInput is what the team offers: the compensation and, optionally,
// dates and a message. Deliverables and terms come from the campaign.
type OfferInput struct {
	Product      string `json:"product"`
	CouponCode   string `json:"coupon_code"`
	CommissionBP int    `json:"commission_bp"`
	FeeMinor     int64  `json:"fee_minor"`
	StartsOn     string `json:"starts_on"`
	DueOn        string `json:"due_on"`
	Message      string `json:"message"`
}

// CounterInput is a creator's counter-offer: the fee they ask, the
// quantity of each deliverable (in the offer's order; empty keeps them),
// the due date they can make and a message.
type CounterInput struct {
	FeeMinor   int64  `json:"fee_minor"`
	Quantities []int  `json:"quantities"`
	DueOn      string `json:"due_on"`
	Message    string `json:"message"`
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func checkText(f *apperr.Fields, field, value string, max int) {
	if utf8.RuneCountInString(value) > max {
		f.Add(field, "validation.too_long", english.T("validation.too_long", "max", max), "max", max)
	}
}

func checkDate(f *apperr.Fields, field, value string) {
	if value == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, value); err != nil {
		f.Add(field, "participants.error.date", english.T("participants.error.date"))
	}
}

// clean tidies the input and checks it.
func (in *OfferInput) clean() error {
	in.Product, in.CouponCode = oneLine(in.Product), strings.TrimSpace(in.CouponCode)
	in.StartsOn, in.DueOn, in.Message = strings.TrimSpace(in.StartsOn), strings.TrimSpace(in.DueOn), strings.TrimSpace(in.Message)
	var f apperr.Fields
	checkText(&f, "product", in.Product, maxProduct)
	checkText(&f, "coupon_code", in.CouponCode, maxCoupon)
	checkText(&f, "message", in.Message, maxMessage)
	if in.CommissionBP < 0 || in.CommissionBP > maxCommission {
		f.Add("commission_bp", "participants.error.commission", english.T("participants.error.commission"))
	}
	if in.FeeMinor < 0 || in.FeeMinor > maxFeeMinor {
		f.Add("fee_minor", "participants.error.fee", english.T("participants.error.fee"))
	}
	checkDate(&f, "starts_on", in.StartsOn)
	checkDate(&f, "due_on", in.DueOn)
	if in.Product == "" && in.CouponCode == "" && in.CommissionBP == 0 && in.FeeMinor == 0 && !f.Has("fee_minor") && !f.Has("commission_bp") {
		f.Add("fee_minor", "participants.error.no_compensation", english.T("participants.error.no_compensation"))
	}
	return f.Err()
}

// clean tidies a counter-offer and checks it against the offer it
// answers (n deliverables).
func (in *CounterInput) clean(n int) error {
	in.DueOn, in.Message = strings.TrimSpace(in.DueOn), strings.TrimSpace(in.Message)
	var f apperr.Fields
	if in.FeeMinor < 0 || in.FeeMinor > maxFeeMinor {
		f.Add("fee_minor", "participants.error.fee", english.T("participants.error.fee"))
	}
	if len(in.Quantities) != 0 && len(in.Quantities) != n {
		f.Add("quantities", "participants.error.quantities", english.T("participants.error.quantities"))
	}
	for _, q := range in.Quantities {
		if q < 0 || q > maxQuantity {
			f.Add("quantities", "participants.error.quantities", english.T("participants.error.quantities"))
			break
		}
	}
	checkDate(&f, "due_on", in.DueOn)
	checkText(&f, "message", in.Message, maxMessage)
	return f.Err()
}
