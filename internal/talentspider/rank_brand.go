package talentspider

import (
	"context"
	"sort"

	"github.com/rosterhq/roster/internal/db"
)

// rank computes the brand's candidates and their terms, unordered.
func (e *Engine) rank(ctx context.Context, brandID int64, f Filter) (*ranking, error) {
	snap, err := e.cache.get(ctx, e.DB)
	if err != nil {
		return nil, err
	}
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
	seed, top := SelectSeed(pool, scores, snap.medians)
	rk := &ranking{prof: newProfile(seed, top), med: snap.medians, brandID: brandID, tagName: snap.tagName,
		res: Result{Seed: len(seed), Top: len(top)}}
	if len(seed) == 0 {
		return rk, nil
	}
	rk.maskBy = make([]uint16, len(snap.tagName))
	for tag, m := range rk.prof.topMask {
		if id, ok := snap.tagID[tag]; ok {
			rk.maskBy[id] = m
		}
	}
	own, err := ownAccounts(ctx, e.DB, brandID)
	if err != nil {
		return nil, err
	}
	gone, err := dismissed(ctx, e.DB, brandID)
	if err != nil {
		return nil, err
	}
	// People the brand has: its handles, and every handle of a creator of
	// another brand who shares one of them (the same person).
	skip := map[int32]bool{}
	known := map[int64]bool{}
	for _, a := range own {
		if i, ok := snap.index[handleKey(a.platform, a.handle)]; ok {
			skip[i] = true
			for _, o := range snap.people[i].owners {
				if o.brandID != brandID {
					known[o.creatorID] = true
				}
			}
		}
	}
	for k := range gone {
		if i, ok := snap.index[k]; ok {
			skip[i] = true
		}
	}
	countries := map[string]bool{}
	keep := func(c *candidate, mask uint16) {
		if f.Platform != "" && c.platform != f.Platform {
			return
		}
		t := rk.prof.measure(mask, c.country, c.bases, c.followers, c.rate, rk.med)
		if !t.holds() {
			return
		}
		if c.country != "" {
			countries[c.country] = true
		}
		if f.Country == "" || c.country == f.Country {
			rk.items = append(rk.items, ranked{c, t})
		}
	}
	cands := make([]candidate, len(snap.people))
people:
	for i := range snap.people {
		p := &snap.people[i]
		if skip[int32(i)] {
			continue
		}
		for _, o := range p.owners {
			if o.brandID == brandID || known[o.creatorID] {
				continue people
			}
		}
		var mask uint16
		for _, t := range p.tags {
			mask |= rk.maskBy[t]
		}
		cands[i] = candidate{person: p, source: SourceNetwork}
		keep(&cands[i], mask)
	}
	prospects, err := ownProspects(ctx, e.DB, brandID, own, gone, rk.prof.vocabulary())
	if err != nil {
		return nil, err
	}
	for _, c := range prospects {
		var mask uint16
		for _, t := range c.tagNames {
			mask |= rk.prof.topMask[t]
		}
		keep(c, mask)
	}
	rk.res.Total = len(rk.items)
	for c := range countries {
		rk.res.Countries = append(rk.res.Countries, c)
	}
	sort.Strings(rk.res.Countries)
	return rk, nil
}

// ownProspects are the brand's prospects, each by its main account (most
// followers, then platform and handle), except those added from a
// suggestion and those dismissed; their tags are read within vocab.
func ownProspects(ctx context.Context, q db.Querier, brandID int64, own []account, gone map[string]bool, vocab []string) ([]*candidate, error) {
	main := map[int64]*account{}
	for i := range own {
		a := &own[i]
		if a.stage != "prospect" || a.source == AddedSource {
			continue
		}
		if m := main[a.creatorID]; m == nil || mainBefore(a, m) {
			main[a.creatorID] = a
		}
	}
	if len(main) == 0 {
		return nil, nil
	}
	tags, err := ownTagsWithin(ctx, q, brandID, vocab)
	if err != nil {
		return nil, err
	}
	var out []*candidate
	for id, a := range main {
		if gone[handleKey(a.platform, a.handle)] {
			continue
		}
		p := &person{platform: a.platform, handle: a.handle, profileURL: a.profileURL, followers: a.followers,
			rate: a.rate, country: a.country, languages: splitList(a.languages)}
		for _, l := range p.languages {
			p.bases = union(p.bases, baseLanguage(l))
		}
		out = append(out, &candidate{person: p, source: SourceProspect, creatorID: id, tagNames: union(nil, tags[id]...)})
	}
	return out, nil
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
