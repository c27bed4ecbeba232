package creator

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestBulkActions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		t1 := t0.Add(3600e9)
		s.Now = func() time.Time { return t1 }
		brand, other := newBrand(t, d, "acme"), newBrand(t, d, "other")
		a := mustCreate(t, d, s, brand, Fields{DisplayName: "Ann", Tags: []string{"yoga"}}, t0)
		b := mustCreate(t, d, s, brand, Fields{DisplayName: "Ben"}, t0)
		c := mustCreate(t, d, s, brand, Fields{DisplayName: "Cat", Stage: "active"}, t0)
		x := mustCreate(t, d, s, other, Fields{DisplayName: "Xena"}, t0)
		ids := []int64{a.ID, b.ID, c.ID, x.ID, b.ID, 99999}

		var changed []int64
		inTx(t, d, func(tx *db.Tx) (err error) { changed, err = s.BulkAddTag(ctx, tx, brand, ids, " Yoga "); return err })
		if !reflect.DeepEqual(changed, []int64{b.ID, c.ID}) {
			t.Errorf("BulkAddTag changed %v; want %v", changed, []int64{b.ID, c.ID})
		}
		page, _ := s.List(ctx, d, brand, ListQuery{Q: "yoga", Sort: "name"})
		if names := names(page.Items); !reflect.DeepEqual(names, []string{"Ann", "Ben", "Cat"}) {
			t.Errorf("search for the added tag found %v", names)
		}
		if got, _ := s.Get(ctx, d, brand, b.ID); !got.UpdatedAt.Equal(t1) {
			t.Errorf("updated_at after adding a tag = %v; want %v", got.UpdatedAt, t1)
		}
		if got, _ := s.Get(ctx, d, brand, a.ID); !got.UpdatedAt.Equal(t0) {
			t.Errorf("unchanged creator's updated_at moved to %v", got.UpdatedAt)
		}

		inTx(t, d, func(tx *db.Tx) (err error) { changed, err = s.BulkRemoveTag(ctx, tx, brand, ids, "yoga"); return err })
		if !reflect.DeepEqual(changed, []int64{a.ID, b.ID, c.ID}) {
			t.Errorf("BulkRemoveTag changed %v", changed)
		}
		if page, _ := s.List(ctx, d, brand, ListQuery{Q: "yoga"}); len(page.Items) != 0 {
			t.Errorf("search still finds the removed tag: %v", names(page.Items))
		}

		inTx(t, d, func(tx *db.Tx) (err error) {
			changed, err = s.BulkSetStage(ctx, tx, brand, ids, "active", t1)
			return err
		})
		if !reflect.DeepEqual(changed, []int64{a.ID, b.ID}) {
			t.Errorf("BulkSetStage changed %v; want %v", changed, []int64{a.ID, b.ID})
		}
		if got, _ := s.Get(ctx, d, brand, a.ID); got.Stage != "active" || !got.UpdatedAt.Equal(t1) {
			t.Errorf("after BulkSetStage: %+v", got)
		}
		// The other brand's creator was never touched.
		if got, _ := s.Get(ctx, d, other, x.ID); !reflect.DeepEqual(got, x) {
			t.Errorf("other brand's creator changed: %+v", got)
		}
		err := d.InTx(ctx, func(tx *db.Tx) error { _, err := s.BulkSetStage(ctx, tx, brand, ids, "friend", t1); return err })
		if e := wantCode(t, err, apperr.Invalid); !apperr.Fields(e.Fields).Has("stage") {
			t.Errorf("fields = %+v", e.Fields)
		}
		err = d.InTx(ctx, func(tx *db.Tx) error { _, err := s.BulkAddTag(ctx, tx, brand, ids, "  "); return err })
		wantCode(t, err, apperr.Invalid)
	})
}

func TestFacets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand, other := newBrand(t, d, "acme"), newBrand(t, d, "other")
		mustCreate(t, d, s, brand, Fields{DisplayName: "A", Country: "US", Tags: []string{"yoga", "food"}}, t0)
		mustCreate(t, d, s, brand, Fields{DisplayName: "B", Country: "DE", Tags: []string{"food"}}, t0)
		mustCreate(t, d, s, brand, Fields{DisplayName: "C"}, t0)
		mustCreate(t, d, s, other, Fields{DisplayName: "X", Country: "FR", Tags: []string{"cars"}}, t0)
		if n, err := s.Count(ctx, d, brand); n != 3 || err != nil {
			t.Errorf("Count = %d, %v", n, err)
		}
		if tags, err := s.Tags(ctx, d, brand); !reflect.DeepEqual(tags, []string{"food", "yoga"}) || err != nil {
			t.Errorf("Tags = %v, %v", tags, err)
		}
		if cs, err := s.Countries(ctx, d, brand); !reflect.DeepEqual(cs, []string{"DE", "US"}) || err != nil {
			t.Errorf("Countries = %v, %v", cs, err)
		}
	})
}

func names(cs []Creator) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.DisplayName)
	}
	return out
}
