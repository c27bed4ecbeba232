package campaign

import (
	"context"
	"sync"

	"github.com/rosterhq/roster/internal/db"
)

// SpendFunc returns the sum of the flat fees of a campaign's accepted
// offers, in the campaign's minor units. Offers live in the participant
// room, which registers its SpendFunc with RegisterSpend; this room does
// not read the offers table itself, so it works before that table exists.
type SpendFunc func(ctx context.Context, q db.Querier, brandID, campaignID int64) (int64, error)

var (
	spendMu   sync.RWMutex
	spendFrom SpendFunc
)

// RegisterSpend sets where accepted spend comes from (call it once, from
// the participant room's init or wiring). Without it, spend is zero.
func RegisterSpend(f SpendFunc) {
	spendMu.Lock()
	defer spendMu.Unlock()
	spendFrom = f
}

func acceptedSpend(ctx context.Context, q db.Querier, brandID, campaignID int64) (int64, error) {
	spendMu.RLock()
	f := spendFrom
	spendMu.RUnlock()
	if f == nil {
		return 0, nil
	}
	return f(ctx, q, brandID, campaignID)
}

// Spend returns a campaign's budget, the fees of its accepted offers and
// what remains (negative when over budget).
func Spend(ctx context.Context, q db.Querier, brandID, campaignID int64) (*Budget, error) {
	c, err := Get(ctx, q, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	return spendOf(ctx, q, c)
}

func spendOf(ctx context.Context, q db.Querier, c *Campaign) (*Budget, error) {
	spent, err := acceptedSpend(ctx, q, c.BrandID, c.ID)
	if err != nil {
		return nil, err
	}
	return &Budget{Currency: c.Currency, BudgetMinor: c.BudgetMinor, SpentMinor: spent, RemainingMinor: c.BudgetMinor - spent}, nil
}

// BudgetWarning says whether committing more money would go over a
// campaign's remaining budget. It warns; nothing is blocked.
type BudgetWarning struct {
	Budget
	NeededMinor int64 `json:"needed_minor"` // what the planned offers add
	Over        bool  `json:"over"`         // NeededMinor > RemainingMinor
	ShortMinor  int64 `json:"short_minor"`  // by how much, when Over
}

// BudgetCheck says whether count offers of feeMinor each would go over
// what remains of the campaign's budget after its accepted offers. The
// participant room calls it before an offer is sent; the campaign page
// calls it with the default offer × the expected participants. A
// campaign with no budget set (0) never warns: there is nothing to go
// over.
func BudgetCheck(ctx context.Context, q db.Querier, brandID, campaignID, feeMinor int64, count int) (*BudgetWarning, error) {
	c, err := Get(ctx, q, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	b, err := spendOf(ctx, q, c)
	if err != nil {
		return nil, err
	}
	return budgetWarning(*b, feeMinor*int64(max(count, 0))), nil
}

func budgetWarning(b Budget, needed int64) *BudgetWarning {
	w := &BudgetWarning{Budget: b, NeededMinor: needed}
	if b.BudgetMinor > 0 && needed > b.RemainingMinor {
		w.Over, w.ShortMinor = true, needed-b.RemainingMinor
	}
	return w
}

// PlannedCheck compares the campaign's own plan, its default offer's fee
// for each expected participant, with the whole budget rather than what
// remains: the expected participants include those already accepted, so
// subtracting their spend too would count it twice.
func PlannedCheck(ctx context.Context, q db.Querier, c *Campaign) (*BudgetWarning, error) {
	b, err := spendOf(ctx, q, c)
	if err != nil {
		return nil, err
	}
	needed := c.Offer.FeeMinor * int64(c.ExpectedParticipants)
	w := &BudgetWarning{Budget: *b, NeededMinor: needed}
	if b.BudgetMinor > 0 && needed > b.BudgetMinor {
		w.Over, w.ShortMinor = true, needed-b.BudgetMinor
	}
	return w, nil
}
