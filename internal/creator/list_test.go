package creator

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// seedTies creates creators whose sort keys collide a lot: five creation
// times, a handful of follower counts, repeated names.
func seedTies(t *testing.T, d *db.DB, s *Store, brand int64, n int) []*Creator {
	first := []string{"Jane", "Jana", "José", "Bob", "Ana"}
	stages := []string{"prospect", "active", "active", "alumni"}
	countries := []string{"US", "DE", "", "US"}
	var out []*Creator
	for i := range n {
		f := Fields{
			DisplayName: fmt.Sprintf("%s %c", first[i%len(first)], 'A'+rune(i%3)),
			Country:     countries[i%len(countries)],
			Stage:       stages[i%len(stages)],
			Tags:        []string{[]string{"fitness", "food", "travel"}[i%3]},
		}
		if i%2 == 0 {
			f.SocialAccounts = append(f.SocialAccounts, acct("tiktok", fmt.Sprintf("tt_%d_%d", brand, i), int64(i%4)*100))
		}
		if i%3 == 0 {
			f.SocialAccounts = append(f.SocialAccounts, acct("instagram", fmt.Sprintf("ig.%d.%d", brand, i), 100))
		}
		out = append(out, mustCreate(t, d, s, brand, f, t0.Add(time.Duration(i%5)*time.Minute)))
	}
	return out
}

// matches is the list filter written plainly in Go, to check the SQL.
func matches(c *Creator, lq ListQuery) bool {
	if lq.Stage != "" && c.Stage != lq.Stage || lq.Country != "" && c.Country != lq.Country ||
		lq.Tag != "" && !slices.Contains(c.Tags, lq.Tag) {
		return false
	}
	inRange := func(n int64) bool {
		return (lq.MinFollowers == nil || n >= *lq.MinFollowers) && (lq.MaxFollowers == nil || n <= *lq.MaxFollowers)
	}
	if lq.Platform != "" {
		found := false
		for _, a := range c.SocialAccounts {
			found = found || a.Platform == lq.Platform && inRange(a.Followers)
		}
		if !found {
			return false
		}
	} else if !inRange(c.FollowersTotal) {
		return false
	}
	indexed := strings.Fields(buildSearchText(c))
	for _, w := range searchWords(lq.Q) {
		if !slices.ContainsFunc(indexed, func(x string) bool { return strings.HasPrefix(x, w) }) {
			return false
		}
	}
	return true
}

func TestListPagesThroughEverythingOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand, other := newBrand(t, d, "acme"), newBrand(t, d, "other")
		all := seedTies(t, d, s, brand, 45)
		seedTies(t, d, s, other, 10)
		hundred := int64(100)
		zero, twoHundred := int64(0), int64(200)
		filters := []ListQuery{
			{},
			{Stage: "active"},
			{Tag: "fitness"},
			{Country: "US", MinFollowers: &hundred},
			{Platform: "tiktok", MinFollowers: &hundred},
			{Platform: "tiktok", MinFollowers: &zero, MaxFollowers: &twoHundred},
			{MaxFollowers: &hundred},
			{Q: "jan"},
			{Q: "jose b"},
			{Q: "JOSÉ"},
			{Q: "tt"},
			{Q: "fitness us"},
			{Stage: "alumni", Tag: "food", Q: "ana"},
		}
		// On SQLite, searches are planned two ways depending on how many
		// rows match; force the walking plan too.
		threshold := ftsWalkThreshold
		defer func() { ftsWalkThreshold = threshold }()
		planned := len(filters)
		for _, filter := range filters[:planned] {
			if filter.Q != "" {
				filters = append(filters, filter)
			}
		}
		for i, filter := range filters {
			ftsWalkThreshold = threshold
			if i >= planned {
				ftsWalkThreshold = 1
			}
			var want []int64
			for _, c := range all {
				if matches(c, filter) {
					want = append(want, c.ID)
				}
			}
			if len(want) == 0 {
				t.Errorf("filter %+v matches nothing in the seed; pick another", filter)
			}
			byName := map[string][]int64{}
			for _, sort := range SortOptions {
				lq := filter
				lq.Sort, lq.Limit = sort, 4
				var got []int64
				var prev *Creator
				for pages := 0; ; pages++ {
					page, err := s.List(ctx, d, brand, lq)
					if err != nil {
						t.Fatalf("%+v: %v", lq, err)
					}
					for i := range page.Items {
						c := &page.Items[i]
						got = append(got, c.ID)
						if prev != nil && outOfOrder(sort, prev, c) {
							t.Errorf("%+v: %s (%d) before %s (%d)", lq, prev.DisplayName, prev.ID, c.DisplayName, c.ID)
						}
						prev = c
					}
					if page.NextCursor == "" || pages > 60 {
						break
					}
					lq.Cursor = page.NextCursor
				}
				byName[sort] = slices.Clone(got)
				// Matching finds the same creators in the same order in one
				// query, whatever cursor lq holds, and says when it capped.
				ids, more, err := Matching(ctx, d, brand, lq, len(want))
				if err != nil || more || !slices.Equal(ids, byName[sort]) {
					t.Errorf("filter %+v sort %s: Matching %v more=%v %v; want %v", filter, sort, ids, more, err, byName[sort])
				}
				if ids, more, err := Matching(ctx, d, brand, lq, len(want)-1); err != nil || !more || !slices.Equal(ids, byName[sort][:len(want)-1]) {
					t.Errorf("filter %+v sort %s: Matching capped at %d: %v more=%v %v", filter, sort, len(want)-1, ids, more, err)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("filter %+v sort %s: paged ids %v; want %v", filter, sort, got, want)
				}
			}
			// Whatever the engine's collation, -name is name backwards.
			slices.Reverse(byName["-name"])
			if !slices.Equal(byName["name"], byName["-name"]) {
				t.Errorf("filter %+v: name order %v is not -name reversed %v", filter, byName["name"], byName["-name"])
			}
		}
	})
}

// outOfOrder checks the numeric sorts; name order depends on the
// engine's collation, and id tie-breaks are checked by completeness.
func outOfOrder(sort string, a, b *Creator) bool {
	if strings.HasSuffix(sort, "name") {
		return false
	}
	key := func(c *Creator) int64 {
		switch strings.TrimPrefix(sort, "-") {
		case "followers":
			return c.FollowersTotal
		case "created":
			return c.CreatedAt.UnixMilli()
		case "updated":
			return c.UpdatedAt.UnixMilli()
		}
		return 0
	}
	ka, kb := key(a), key(b)
	if strings.HasPrefix(sort, "-") {
		return ka < kb || ka == kb && a.ID < b.ID
	}
	return ka > kb || ka == kb && a.ID > b.ID
}

func TestListLoadsDetailsAndRefusesBadCursors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand := newBrand(t, d, "acme")
		seedTies(t, d, s, brand, 6)
		page, err := s.List(ctx, d, brand, ListQuery{Sort: "name", Limit: 2})
		if err != nil || len(page.Items) != 2 || page.NextCursor == "" {
			t.Fatalf("first page: %+v, %v", page, err)
		}
		for _, c := range page.Items {
			if len(c.Tags) != 1 || c.Tags == nil || c.SocialAccounts == nil {
				t.Errorf("details not loaded: %+v", c)
			}
		}
		tampered := []byte(page.NextCursor)
		tampered[3] ^= 1
		for name, lq := range map[string]ListQuery{
			"other sort":   {Sort: "-followers", Cursor: page.NextCursor},
			"default sort": {Cursor: page.NextCursor},
			"tampered":     {Sort: "name", Cursor: string(tampered)},
			"garbage":      {Sort: "name", Cursor: "!!!"},
		} {
			_, err := s.List(ctx, d, brand, lq)
			if e := wantCode(t, err, apperr.Invalid); !apperr.Fields(e.Fields).Has("cursor") {
				t.Errorf("%s: fields %+v", name, e.Fields)
			}
		}
	})
}
