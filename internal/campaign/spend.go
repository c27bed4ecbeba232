package campaign

import (
	"context"
	"sync"

	"github.com/rosterhq/roster/internal/db"
)

// Commitments are a campaign's flat fees by where their offers stand, in
// the campaign's minor units: accepted, or offered and awaiting an
// answer (from the creator, or from the team on a counter-offer).
type Commitments struct {
	Accepted int64
	Offered  int64
}

// SpendFunc returns a campaign's commitments, leaving out the open offer
// of participant except (0: none), whose new offer is being checked in
// its place. Offers live in the participant room, which registers its
// SpendFunc with RegisterSpend; this room does not read the offers table
// itself, so it works before that table exists.
type SpendFunc func(ctx context.Context, q db.Querier, brandID, campaignID, except int64) (Commitments, error)

var (
	spendMu   sync.RWMutex
	spendFrom SpendFunc
)

// RegisterSpend sets where commitments come from (call it once, from the
// participant room's init or wiring). Without it, there are none.
func RegisterSpend(f SpendFunc) {
	spendMu.Lock()
	defer spendMu.Unlock()
	spendFrom = f
}

func commitments(ctx context.Context, q db.Querier, brandID, campaignID, except int64) (Commitments, error) {
	spendMu.RLock()
	f := spendFrom
	spendMu.RUnlock()
	if f == nil {
		return Commitments{}, nil
	}
	return f(ctx, q, brandID, campaignID, except)
}

// Spend returns a campaign's budget, the fees of its accepted offers and
// of its offers awaiting an answer, and what remains to offer (negative
// when over budget).
func Spend(ctx context.Context, q db.Querier, brandID, campaignID int64) (*Budget, error) {
	c, err := Get(ctx, q, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	return spendOf(ctx, q, c, 0)
}

func spendOf(ctx context.Context, q db.Querier, c *Campaign, except int64) (*Budget, error) {
	m, err := commitments(ctx, q, c.BrandID, c.ID, except)
	if err != nil {
		return nil, err
	}
	return &Budget{Currency: c.Currency, BudgetMinor: c.BudgetMinor, SpentMinor: m.Accepted, OfferedMinor: m.Offered,
		RemainingMinor: c.BudgetMinor - m.Accepted - m.Offered}, nil
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
// what remains of the campaign's budget after its accepted offers and
// the offers still awaiting an answer, so offers sent in several rounds
// are checked together. A new offer to a participant who already has an
// open one (a revision, or accepting their counter-offer) replaces it:
// pass that participant as except. The participant room calls it before
// an offer is sent. A campaign with no budget set (0) never warns: there
// is nothing to go over.
func BudgetCheck(ctx context.Context, q db.Querier, brandID, campaignID, feeMinor int64, count int, except int64) (*BudgetWarning, error) {
	c, err := Get(ctx, q, brandID, campaignID)
	if err != nil {
		return nil, err
	}
	b, err := spendOf(ctx, q, c, except)
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
// remains: the expected participants include those already accepted or
// offered, so subtracting their fees too would count them twice.
func PlannedCheck(ctx context.Context, q db.Querier, c *Campaign) (*BudgetWarning, error) {
	b, err := spendOf(ctx, q, c, 0)
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
