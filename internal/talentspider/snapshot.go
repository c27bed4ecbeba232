package talentspider

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// SnapshotTTL bounds how stale the installation snapshot may be. A new or
// deleted social account anywhere rebuilds it at the next request; edits
// in place (another brand's metrics, country, tags) show within this time.
const SnapshotTTL = 30 * time.Second

// owner is one creator record behind a candidate. These ids never leave
// the package: they only tell which brand's records a candidate merges.
type owner struct{ brandID, creatorID int64 }

// person is every account with one platform and handle on the
// installation, merged: public facts from the freshest metrics, every
// language, every tag (interned).
type person struct {
	platform, handle, profileURL string
	followers                    int64
	rate                         float64
	metricsAt                    int64
	country, anyCountry          string
	languages                    []string // as stored, sorted
	bases                        []string // base language subtags
	tags                         []int32
	owners                       []owner
}

// snapshot is the installation as ranking needs it, shared by every
// brand's requests until the accounts change or it is SnapshotTTL old.
type snapshot struct {
	stamp   [2]int64 // max id and count of social_accounts
	built   time.Time
	people  []person
	index   map[string]int32 // handleKey → people
	tagName []string
	tagID   map[string]int32
	medians map[string]float64
}

// snapshots caches one snapshot per engine.
type snapshots struct {
	mu   sync.Mutex
	snap *snapshot
}

func accountStamp(ctx context.Context, q db.Querier) ([2]int64, error) {
	var s [2]int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0), COUNT(*) FROM social_accounts`).Scan(&s[0], &s[1])
	return s, err
}

// get returns a current snapshot, building one when needed; concurrent
// callers wait for a single build.
func (c *snapshots) get(ctx context.Context, q db.Querier) (*snapshot, error) {
	stamp, err := accountStamp(ctx, q)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.snap; s != nil && s.stamp == stamp && time.Since(s.built) < SnapshotTTL {
		return s, nil
	}
	s, err := buildSnapshot(ctx, q, stamp)
	if err != nil {
		return nil, err
	}
	c.snap = s
	return s, nil
}

func buildSnapshot(ctx context.Context, q db.Querier, stamp [2]int64) (*snapshot, error) {
	accts, err := scanAccounts(ctx, q)
	if err != nil {
		return nil, err
	}
	s := &snapshot{stamp: stamp, built: time.Now(), index: make(map[string]int32, len(accts)), tagID: map[string]int32{}}
	byCreator, err := allTags(ctx, q, s)
	if err != nil {
		return nil, err
	}
	rates := map[string][]float64{}
	for i := range accts {
		a := &accts[i]
		if a.rate > 0 {
			rates[TierOf(a.followers)] = append(rates[TierOf(a.followers)], a.rate)
		}
		k := handleKey(a.platform, a.handle)
		at, ok := s.index[k]
		if !ok {
			at = int32(len(s.people))
			s.index[k] = at
			s.people = append(s.people, person{platform: a.platform, handle: a.handle})
		}
		s.people[at].fold(a, byCreator[a.creatorID])
	}
	s.medians = medians(rates)
	for i := range s.people {
		p := &s.people[i]
		if p.country == "" {
			p.country = p.anyCountry
		}
		for _, l := range p.languages {
			if b := baseLanguage(l); b != "" {
				p.bases = union(p.bases, b)
			}
		}
	}
	return s, nil
}

// fold adds one account to a person. The freshest metrics win; ties go
// to more followers, then the older record, so row order does not matter.
func (p *person) fold(a *account, tags []int32) {
	first := len(p.owners) == 0
	if first || a.metricsAt > p.metricsAt || (a.metricsAt == p.metricsAt && (a.followers > p.followers ||
		(a.followers == p.followers && a.creatorID < p.owners[0].creatorID))) {
		p.profileURL, p.followers, p.rate, p.metricsAt, p.country = a.profileURL, a.followers, a.rate, a.metricsAt, a.country
		p.owners = append([]owner{{a.brandID, a.creatorID}}, p.owners...) // the main record first
	} else {
		p.owners = append(p.owners, owner{a.brandID, a.creatorID})
	}
	if a.country != "" && (p.anyCountry == "" || a.country < p.anyCountry) {
		p.anyCountry = a.country
	}
	p.languages = union(p.languages, splitList(a.languages)...)
	for _, t := range tags {
		i := sort.Search(len(p.tags), func(i int) bool { return p.tags[i] >= t })
		if i == len(p.tags) || p.tags[i] != t {
			p.tags = append(p.tags, 0)
			copy(p.tags[i+1:], p.tags[i:])
			p.tags[i] = t
		}
	}
}

// allTags reads every creator's tags, interning the names in s.
func allTags(ctx context.Context, q db.Querier, s *snapshot) (map[int64][]int32, error) {
	rows, err := q.QueryContext(ctx, `SELECT creator_id, tag FROM creator_tags`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]int32{}
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return nil, err
		}
		t, ok := s.tagID[tag]
		if !ok {
			t = int32(len(s.tagName))
			s.tagID[tag] = t
			s.tagName = append(s.tagName, tag)
		}
		out[id] = append(out[id], t)
	}
	return out, rows.Err()
}
