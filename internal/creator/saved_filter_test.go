package creator

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestCanonicalQuery(t *testing.T) {
	for raw, want := range map[string]string{
		"":                       "",
		"?tag=Beauty&country=us": "country=US&tag=beauty",
		"/creators?platform=TikTok&min_followers=10k": "min_followers=10000&platform=tiktok",
		"sort=-created&limit=10&cursor=whatever":      "", // the default sort and a page are not a filter
		"sort=-followers&q=++trail+runner+":           "q=trail+runner&sort=-followers",
		"stage=&tag=":                                 "",
	} {
		got, errs := CanonicalQuery(raw)
		if len(errs) > 0 || got != want {
			t.Errorf("CanonicalQuery(%q) = %q, %v; want %q", raw, got, errs, want)
		}
	}
	for raw, fields := range map[string][]string{
		"min_followers=lots&stage=Not A Stage": {"query.min_followers", "query.stage"},
		"stag=vip":                             {"query"},
		"tag=a&tag=b":                          {"query"},
		"country=%zz":                          {"query"},
		"min_followers=5000&max_followers=10":  {"query.max_followers"},
	} {
		got, errs := CanonicalQuery(raw)
		var names []string
		for _, e := range errs {
			names = append(names, e.Field)
			if e.Message == "" || e.Message == e.Key {
				t.Errorf("CanonicalQuery(%q): %s has no English message (%q)", raw, e.Field, e.Message)
			}
		}
		slices.Sort(names)
		if got != "" || !slices.Equal(names, fields) {
			t.Errorf("CanonicalQuery(%q) = %q with problems on %v; want %v", raw, got, names, fields)
		}
	}
}

func TestSavedFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		brand, other := newBrand(t, d, "acme"), newBrand(t, d, "other")
		svc := NewService(d, func() time.Time { return t0 })
		user, err := auth.CreateUser(ctx, d, "cm@acme.test", "Casey Manager", "", "en", false, t0)
		if err != nil {
			t.Fatal(err)
		}
		p := auth.NewPrincipal(auth.Principal{User: user, BrandID: brand}, nil)
		op := auth.NewPrincipal(auth.Principal{TokenName: "other", BrandID: other}, nil)

		f, err := svc.SaveFilter(ctx, p, "  US beauty ", "/creators?tag=Beauty&country=us&cursor=x")
		if err != nil {
			t.Fatal(err)
		}
		if f.Name != "US beauty" || f.Query != "country=US&tag=beauty" || f.CreatedBy == nil || *f.CreatedBy != user.ID ||
			f.CreatorName != "Casey Manager" || f.ListURL() != "/creators?country=US&tag=beauty" {
			t.Errorf("saved %+v", f)
		}
		// Names are unique per brand whatever their case; another brand
		// may use the same one.
		_, err = svc.SaveFilter(ctx, p, "us BEAUTY", "tag=x")
		if e := wantCode(t, err, apperr.Conflict); len(e.Fields) != 1 || e.Fields[0].Field != "name" {
			t.Errorf("same name: %+v", e)
		}
		theirs, err := svc.SaveFilter(ctx, op, "US beauty", "stage=active")
		if err != nil || theirs.CreatedBy != nil {
			t.Fatalf("another brand's filter of the same name: %+v %v", theirs, err)
		}
		_, err = svc.SaveFilter(ctx, p, "", "min_followers=many")
		if e := wantCode(t, err, apperr.Invalid); len(e.Fields) != 2 {
			t.Errorf("no name and a bad query: %+v", e.Fields)
		}

		second, err := svc.SaveFilter(ctx, p, "Big on TikTok", "platform=tiktok&min_followers=100k&sort=-followers")
		if err != nil {
			t.Fatal(err)
		}
		list, err := SavedFilters(ctx, d, brand)
		if err != nil || len(list) != 2 || list[0].ID != second.ID || list[1].ID != f.ID {
			t.Errorf("the brand's filters by name: %+v %v", list, err)
		}

		// Rename: to another filter's name is a conflict, a change of case
		// of its own name is not; the query can change too.
		taken, renamed := "us beauty", "Big On TikTok"
		_, err = svc.UpdateFilter(ctx, p, second.ID, &taken, nil)
		wantCode(t, err, apperr.Conflict)
		got, err := svc.UpdateFilter(ctx, p, second.ID, &renamed, nil)
		if err != nil || got.Name != renamed || got.Query != second.Query {
			t.Errorf("rename: %+v %v", got, err)
		}
		bad := "sort=height"
		_, err = svc.UpdateFilter(ctx, p, second.ID, nil, &bad)
		wantCode(t, err, apperr.Invalid)

		// Another brand's filter is not found, for every use.
		_, err = GetSavedFilter(ctx, d, brand, theirs.ID)
		wantCode(t, err, apperr.NotFound)
		_, err = svc.UpdateFilter(ctx, p, theirs.ID, &renamed, nil)
		wantCode(t, err, apperr.NotFound)
		wantCode(t, svc.DeleteFilter(ctx, p, theirs.ID), apperr.NotFound)
		_, err = SelectFilter(ctx, d, brand, theirs.ID, 10)
		wantCode(t, err, apperr.NotFound)

		if err := svc.DeleteFilter(ctx, p, second.ID); err != nil {
			t.Fatal(err)
		}
		_, err = GetSavedFilter(ctx, d, brand, second.ID)
		wantCode(t, err, apperr.NotFound)

		var actions []string
		events, err := audit.List(ctx, d, brand, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if e.Entity == "saved_filter" {
				actions = append(actions, e.Action+" "+e.EntityID)
			}
		}
		want := []string{"delete " + itoa(second.ID), "update " + itoa(second.ID), "create " + itoa(second.ID), "create " + itoa(f.ID)}
		if !slices.Equal(actions, want) {
			t.Errorf("audit %v; want %v", actions, want)
		}
	})
}

// TestSelectFilterMatchesNow: a saved filter selects the creators that
// match it when it is used, not when it was saved, in its order, capped.
func TestSelectFilterMatchesNow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand, other := newBrand(t, d, "acme"), newBrand(t, d, "other")
		svc := NewService(d, func() time.Time { return t0 })
		p := auth.NewPrincipal(auth.Principal{TokenName: "t", BrandID: brand}, nil)
		early := mustCreate(t, d, s, brand, Fields{DisplayName: "Early Bird", Tags: []string{"wave-1"}, Stage: "prospect"}, t0)
		mustCreate(t, d, s, brand, Fields{DisplayName: "Not Tagged", Stage: "prospect"}, t0)
		mustCreate(t, d, s, other, Fields{DisplayName: "Other Brand", Tags: []string{"wave-1"}, Stage: "prospect"}, t0)
		f, err := svc.SaveFilter(ctx, p, "Wave 1", "tag=wave-1&sort=name")
		if err != nil {
			t.Fatal(err)
		}
		late := mustCreate(t, d, s, brand, Fields{DisplayName: "Adam Late", Tags: []string{"wave-1"}, Stage: "prospect"}, t0.Add(time.Minute))
		sel, err := SelectFilter(ctx, d, brand, f.ID, 10)
		if err != nil || sel.Capped || sel.Filter == nil || sel.Filter.ID != f.ID || !slices.Equal(sel.IDs, []int64{late.ID, early.ID}) {
			t.Errorf("select %+v %v; want Adam Late then Early Bird", sel, err)
		}
		sel, err = SelectFilter(ctx, d, brand, f.ID, 1)
		if err != nil || !sel.Capped || !slices.Equal(sel.IDs, []int64{late.ID}) {
			t.Errorf("capped at 1: %+v %v", sel, err)
		}
		// Select reads the same from the invitation forms' parameters.
		sel, err = Select(ctx, d, brand, map[string][]string{"filter": {itoa(f.ID)}, "ids": {itoa(early.ID)}}, 10)
		if err != nil || len(sel.IDs) != 2 || sel.Filter == nil {
			t.Errorf("filter=%d: %+v %v", f.ID, sel, err)
		}
		_, err = Select(ctx, d, brand, map[string][]string{"filter": {"x"}}, 10)
		wantCode(t, err, apperr.NotFound)
	})
}
