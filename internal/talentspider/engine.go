package talentspider

import (
	"context"
	"sort"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Engine computes a brand's suggestions on request, from one scan of the
// installation's social accounts; nothing is precomputed or cached.
type Engine struct {
	DB *db.DB
	// Scores, when set, gives review scores that widen the seed and order
	// its top (see SelectSeed); nil ranks the top by engagement.
	Scores ScoreFunc
}

// Result is a brand's ranked suggestions and the size of what they were
// compared with.
type Result struct {
	Suggestions []Suggestion
	Seed        int // creators in the seed
	Top         int // of which the top used for the niche term
}

// merged is a network candidate while its accounts are folded together.
type merged struct {
	candidate
	metricsAt   int64
	mainCreator int64
	creators    []int64
	anyCountry  string // the smallest country of any account, when the main one has none
}

// Suggest ranks the brand's candidates, filtered by f.
func (e *Engine) Suggest(ctx context.Context, brandID int64, f Filter) (*Result, error) {
	accts, err := scanAccounts(ctx, e.DB)
	if err != nil {
		return nil, err
	}
	rates := map[string][]float64{}
	own := map[string]bool{}
	for _, a := range accts {
		if a.rate > 0 {
			rates[TierOf(a.followers)] = append(rates[TierOf(a.followers)], a.rate)
		}
		if a.brandID == brandID {
			own[handleKey(a.platform, a.handle)] = true
		}
	}
	med := medians(rates)
	var scores map[int64]float64
	if e.Scores != nil {
		if scores, err = e.Scores(ctx, e.DB, brandID); err != nil {
			return nil, err
		}
	}
	pool, err := loadPool(ctx, e.DB, brandID, scores)
	if err != nil {
		return nil, err
	}
	seed, top := SelectSeed(pool, scores, med)
	res := &Result{Seed: len(seed), Top: len(top)}
	if len(seed) == 0 {
		return res, nil
	}
	prof := newProfile(seed, top)
	tags, err := tagsWithin(ctx, e.DB, prof.vocabulary())
	if err != nil {
		return nil, err
	}
	gone, err := dismissed(ctx, e.DB, brandID)
	if err != nil {
		return nil, err
	}
	for _, c := range candidates(accts, brandID, own, tags) {
		k := handleKey(c.platform, c.handle)
		if gone[k] || (f.Platform != "" && c.platform != f.Platform) || (f.Country != "" && c.country != f.Country) {
			continue
		}
		if s, ok := score(c, prof, med); ok {
			s.ID = Key(brandID, c.platform, c.handle)
			res.Suggestions = append(res.Suggestions, s)
		}
	}
	sort.Slice(res.Suggestions, func(i, j int) bool { return before(&res.Suggestions[i], &res.Suggestions[j]) })
	return res, nil
}

// candidates folds the scan into the brand's candidates: other brands'
// accounts merged by platform and handle, leaving out every account of a
// person the brand already has (any creator sharing a handle with it),
// and the brand's own prospects by their main account (except those
// added from a suggestion).
func candidates(accts []account, brandID int64, own map[string]bool, tags map[int64][]string) []*candidate {
	known := map[int64]bool{}
	for _, a := range accts {
		if a.brandID != brandID && own[handleKey(a.platform, a.handle)] {
			known[a.creatorID] = true
		}
	}
	network := map[string]*merged{}
	prospects := map[int64]*account{}
	for i := range accts {
		a := &accts[i]
		if a.brandID == brandID {
			// A prospect added from a suggestion was acted on already.
			if p := prospects[a.creatorID]; a.stage == "prospect" && a.source != AddedSource && (p == nil || mainBefore(a, p)) {
				prospects[a.creatorID] = a
			}
			continue
		}
		if known[a.creatorID] {
			continue
		}
		k := handleKey(a.platform, a.handle)
		m := network[k]
		if m == nil {
			m = &merged{candidate: candidate{source: SourceNetwork, platform: a.platform, handle: a.handle}}
			network[k] = m
		}
		// The freshest metrics win; ties go to more followers, then the
		// older record, so the result does not depend on row order.
		fresher := len(m.creators) == 0 || a.metricsAt > m.metricsAt ||
			(a.metricsAt == m.metricsAt && (a.followers > m.followers ||
				(a.followers == m.followers && a.creatorID < m.mainCreator)))
		if fresher {
			m.profileURL, m.followers, m.rate, m.metricsAt, m.mainCreator = a.profileURL, a.followers, a.rate, a.metricsAt, a.creatorID
			m.country = a.country
		}
		if a.country != "" && (m.anyCountry == "" || a.country < m.anyCountry) {
			m.anyCountry = a.country
		}
		m.languages = union(m.languages, splitList(a.languages)...)
		m.tags = union(m.tags, tags[a.creatorID]...)
		m.creators = append(m.creators, a.creatorID)
	}
	out := make([]*candidate, 0, len(network)+len(prospects))
	for _, m := range network {
		if m.country == "" {
			m.country = m.anyCountry
		}
		out = append(out, &m.candidate)
	}
	for id, a := range prospects {
		out = append(out, &candidate{source: SourceProspect, creatorID: id, platform: a.platform, handle: a.handle,
			profileURL: a.profileURL, followers: a.followers, rate: a.rate, country: a.country,
			languages: splitList(a.languages), tags: union(nil, tags[id]...)})
	}
	return out
}

// mainBefore says whether a is a better main account than b: more
// followers, then platform and handle.
func mainBefore(a, b *account) bool {
	if a.followers != b.followers {
		return a.followers > b.followers
	}
	if a.platform != b.platform {
		return a.platform < b.platform
	}
	return a.handle < b.handle
}

var errNotFound = apperr.New(apperr.NotFound, "suggestion not found")

// Find returns the brand's current suggestion with this id, or NotFound:
// an id of another brand, of a dismissed suggestion or of a person the
// brand now has is not one.
func (e *Engine) Find(ctx context.Context, brandID int64, id string) (*Suggestion, error) {
	res, err := e.Suggest(ctx, brandID, Filter{})
	if err != nil {
		return nil, err
	}
	for i := range res.Suggestions {
		if res.Suggestions[i].ID == id {
			return &res.Suggestions[i], nil
		}
	}
	return nil, errNotFound
}
