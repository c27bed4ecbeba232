package creator

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// TestGetManyKeepsTheOrderGiven: GetMany returns what Get would, in the
// order of the ids (a selection's list order, across its chunks of 500),
// once per creator, without another brand's or absent ids.
func TestGetManyKeepsTheOrderGiven(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand, other := newBrand(t, d, "acme"), newBrand(t, d, "other")
		var ids []int64
		for i := range 520 {
			f := Fields{DisplayName: fmt.Sprintf("Creator %d", i), Tags: []string{"t"}}
			if i%100 == 0 {
				f.SocialAccounts = []SocialAccountInput{acct("instagram", fmt.Sprintf("c%d", i), int64(i))}
			}
			ids = append(ids, mustCreate(t, d, s, brand, f, t0).ID)
		}
		foreign := mustCreate(t, d, s, other, Fields{DisplayName: "Not yours"}, t0).ID
		// Newest first, as the list sorts by default, with strays mixed in.
		var ask []int64
		for i := len(ids) - 1; i >= 0; i-- {
			ask = append(ask, ids[i])
		}
		ask = append(ask[:3], append([]int64{foreign, ids[len(ids)-1], ids[len(ids)-1] + 9999}, ask[3:]...)...)
		got, err := s.GetMany(ctx, d, brand, ask)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ids) {
			t.Fatalf("%d creators, want %d", len(got), len(ids))
		}
		for i, c := range got {
			if want := ids[len(ids)-1-i]; c.ID != want {
				t.Fatalf("creator %d is %d, want %d", i, c.ID, want)
			}
		}
		one, err := s.Get(ctx, d, brand, ids[500])
		if err != nil || !reflect.DeepEqual(*one, got[len(ids)-1-500]) {
			t.Errorf("GetMany's creator %+v differs from Get's %+v (%v)", got[len(ids)-1-500], one, err)
		}
		if none, err := s.GetMany(ctx, d, brand, nil); err != nil || len(none) != 0 {
			t.Errorf("no ids: %v, %v", none, err)
		}
	})
}
