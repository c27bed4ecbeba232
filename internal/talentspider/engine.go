package talentspider

import (
	"context"
	"sort"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Engine ranks a brand's suggestions on request: the installation's
// accounts come from a shared snapshot (see snapshot.go), everything of
// the brand itself (its handles, seed, prospects, dismissals) is read
// fresh, so its own actions show at once.
type Engine struct {
	DB *db.DB
	// Scores, when set, gives review scores that widen the seed and order
	// its top (see SelectSeed); nil ranks the top by engagement.
	Scores ScoreFunc
	cache  snapshots
}

// Query is one page of suggestions.
type Query struct {
	Filter
	After *Suggestion // continue after this position (score, platform, handle); nil from the top
	Limit int         // 0: all
}

// Result is a page of ranked suggestions and what they were compared with.
type Result struct {
	Suggestions []Suggestion
	Total       int      // suggestions matching the filter, on every page
	Countries   []string // countries of the suggestions on the filtered platform, for a menu
	Seed        int      // creators in the seed
	Top         int      // of which the top used for the niche term
}

// ranking is a brand's candidates with their terms.
type ranking struct {
	prof    *profile
	med     map[string]float64
	maskBy  []uint16 // interned tag → top mask
	tagName []string // interned tag → name
	items   []ranked
	brandID int64
	res     Result
}

type ranked struct {
	c *candidate
	t terms
}

// Suggest returns every suggestion of the brand, filtered by f.
func (e *Engine) Suggest(ctx context.Context, brandID int64, f Filter) (*Result, error) {
	return e.Page(ctx, brandID, Query{Filter: f})
}

// Page returns one page of the brand's suggestions.
func (e *Engine) Page(ctx context.Context, brandID int64, q Query) (*Result, error) {
	rk, err := e.rank(ctx, brandID, q.Filter)
	if err != nil {
		return nil, err
	}
	items := rk.items
	if q.After != nil {
		after := ranked{c: &candidate{person: &person{platform: q.After.Platform, handle: q.After.Handle}}, t: terms{total: q.After.Score}}
		kept := items[:0:0]
		for _, it := range items {
			if after.before(&it) {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	items = first(items, q.Limit)
	for _, it := range items {
		rk.res.Suggestions = append(rk.res.Suggestions, rk.spell(it))
	}
	return &rk.res, nil
}

var errNotFound = apperr.New(apperr.NotFound, "suggestion not found")

// Find returns the brand's current suggestion with this id, or NotFound:
// an id of another brand, of a dismissed suggestion or of a person the
// brand now has is not one.
func (e *Engine) Find(ctx context.Context, brandID int64, id string) (*Suggestion, error) {
	rk, err := e.rank(ctx, brandID, Filter{})
	if err != nil {
		return nil, err
	}
	for _, it := range rk.items {
		if Key(brandID, it.c.platform, it.c.handle) == id {
			s := rk.spell(it)
			return &s, nil
		}
	}
	return nil, errNotFound
}

// first returns the first n items in list order (all, sorted, when n is
// 0), keeping a sorted window of n instead of sorting everything.
func first(items []ranked, n int) []ranked {
	if n <= 0 || n >= len(items) {
		sort.Slice(items, func(i, j int) bool { return items[i].before(&items[j]) })
		return items
	}
	best := make([]ranked, 0, n+1)
	for _, it := range items {
		if len(best) == n && !it.before(&best[n-1]) {
			continue
		}
		i := sort.Search(len(best), func(i int) bool { return it.before(&best[i]) })
		best = append(best, ranked{})
		copy(best[i+1:], best[i:])
		best[i] = it
		if len(best) > n {
			best = best[:n]
		}
	}
	return best
}

// before is the list order of two ranked candidates (as before, for
// suggestions).
func (a *ranked) before(b *ranked) bool {
	if a.t.total != b.t.total {
		return a.t.total > b.t.total
	}
	if a.c.platform != b.c.platform {
		return a.c.platform < b.c.platform
	}
	return a.c.handle < b.c.handle
}

// spell builds the suggestion with the tags it shares with the top.
func (rk *ranking) spell(it ranked) Suggestion {
	var shared []string
	if it.c.tagNames != nil {
		for _, t := range it.c.tagNames {
			if rk.prof.topMask[t] != 0 {
				shared = append(shared, t)
			}
		}
	} else {
		for _, t := range it.c.tags {
			if rk.maskBy[t] != 0 {
				shared = union(shared, rk.tagName[t])
			}
		}
	}
	s := rk.prof.suggestion(it.c, it.t, shared, rk.med)
	s.ID = Key(rk.brandID, it.c.platform, it.c.handle)
	return s
}
