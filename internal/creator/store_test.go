package creator

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestCreateAndGet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand := newBrand(t, d, "acme")
		in := Fields{DisplayName: "Jane Doe", Email: "Jane@Example.com", Country: "us", Languages: []string{"en", "es"},
			Tags: []string{"Fitness", "vegan"}, Notes: "met at expo", Stage: "active",
			SocialAccounts: []SocialAccountInput{
				{Platform: "instagram", Handle: "@Jane.Doe", Followers: 12000, EngagementRate: 3.5},
				{Platform: "tiktok", Handle: "tiktok.com/@janedoe", Followers: 800, MetricsSource: "import:list.csv"},
			}}
		c := mustCreate(t, d, s, brand, in, t0)
		got, err := s.Get(ctx, d, brand, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("Get = %+v\nCreate returned %+v", got, c)
		}
		if got.DisplayName != "Jane Doe" || got.Email != "jane@example.com" || got.Country != "US" || got.Stage != "active" ||
			!reflect.DeepEqual(got.Languages, []string{"en", "es"}) || !reflect.DeepEqual(got.Tags, []string{"fitness", "vegan"}) ||
			got.FollowersTotal != 12800 || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0) || got.BrandID != brand {
			t.Errorf("creator = %+v", got)
		}
		if len(got.SocialAccounts) != 2 {
			t.Fatalf("accounts = %+v", got.SocialAccounts)
		}
		ig, tt := got.SocialAccounts[0], got.SocialAccounts[1]
		if ig.Handle != "jane.doe" || ig.ProfileURL != "https://www.instagram.com/jane.doe/" || ig.MetricsSource != "manual" ||
			ig.EngagementRate != 3.5 || ig.MetricsUpdatedAt == nil || !ig.MetricsUpdatedAt.Equal(t0) || ig.ID == 0 {
			t.Errorf("instagram account = %+v", ig)
		}
		if tt.Handle != "janedoe" || tt.MetricsSource != "import:list.csv" {
			t.Errorf("tiktok account = %+v", tt)
		}
	})
}

func TestCreateRefusesTakenHandle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := NewStore(d)
		brand, other := newBrand(t, d, "acme"), newBrand(t, d, "other")
		jane := mustCreate(t, d, s, brand, Fields{DisplayName: "Jane Doe", SocialAccounts: []SocialAccountInput{acct("instagram", "jane", 10)}}, t0)
		_, err := create(d, s, brand, Fields{DisplayName: "Impostor", SocialAccounts: []SocialAccountInput{
			acct("tiktok", "impostor", 1), acct("instagram", "https://instagram.com/Jane/", 5)}}, t0)
		e := wantCode(t, err, apperr.Conflict)
		want := `Instagram handle "jane" already belongs to Jane Doe (creator ` + itoa64(jane.ID) + `).`
		if e.Message != want {
			t.Errorf("message = %q; want %q", e.Message, want)
		}
		if len(e.Fields) != 1 || e.Fields[0].Field != "social_accounts[1].handle" || e.Fields[0].Key != "validation.handle_taken" ||
			e.Fields[0].Message != "This Instagram handle already belongs to Jane Doe (creator "+itoa64(jane.ID)+")." {
			t.Errorf("fields = %+v", e.Fields)
		}
		if n, _ := s.Count(context.Background(), d, brand); n != 1 {
			t.Errorf("count after refused create = %d; want 1", n)
		}
		// The same handle on another platform or in another brand is fine.
		mustCreate(t, d, s, brand, Fields{DisplayName: "Jane on TikTok", SocialAccounts: []SocialAccountInput{acct("tiktok", "jane", 1)}}, t0)
		mustCreate(t, d, s, other, Fields{DisplayName: "Other Jane", SocialAccounts: []SocialAccountInput{acct("instagram", "jane", 1)}}, t0)
	})
}

// Two writers racing past the check meet the unique index; its error
// becomes the same Conflict.
func TestRacingHandleBecomesConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := NewStore(d)
		brand := newBrand(t, d, "acme")
		jane := mustCreate(t, d, s, brand, Fields{DisplayName: "Jane Doe", SocialAccounts: []SocialAccountInput{acct("x", "jane", 10)}}, t0)
		bob := mustCreate(t, d, s, brand, Fields{DisplayName: "Bob"}, t0)
		err := d.InTx(context.Background(), func(tx *db.Tx) error {
			a := SocialAccount{Platform: "x", Handle: "jane", ProfileURL: "https://x.com/jane", MetricsSource: "manual"}
			return s.insertAccount(context.Background(), tx, brand, bob.ID, 0, &a)
		})
		e := wantCode(t, err, apperr.Conflict)
		if want := `X handle "jane" already belongs to Jane Doe (creator ` + itoa64(jane.ID) + `).`; e.Message != want || len(e.Fields) != 1 {
			t.Errorf("error = %q %+v; want %q", e.Message, e.Fields, want)
		}
	})
}

func TestOtherBrandIsNotFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand, other := newBrand(t, d, "acme"), newBrand(t, d, "other")
		c := mustCreate(t, d, s, brand, Fields{DisplayName: "Jane", Tags: []string{"a"}, SocialAccounts: []SocialAccountInput{acct("x", "jane", 1)}}, t0)
		if _, err := s.Get(ctx, d, other, c.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("Get from other brand: %v", err)
		}
		if _, err := s.Get(ctx, d, brand, c.ID+1000); apperr.CodeOf(err) != apperr.NotFound || err.Error() != "not_found: creator not found" {
			t.Errorf("Get absent: %v", err)
		}
		err := d.InTx(ctx, func(tx *db.Tx) error {
			_, _, err := s.Update(ctx, tx, other, c.ID, Fields{DisplayName: "Hijacked", Stage: "active"}, t0)
			return err
		})
		wantCode(t, err, apperr.NotFound)
		err = d.InTx(ctx, func(tx *db.Tx) error { _, err := s.Delete(ctx, tx, other, c.ID); return err })
		wantCode(t, err, apperr.NotFound)
		got, err := s.Get(ctx, d, brand, c.ID)
		if err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("creator changed by another brand: %+v, %v", got, err)
		}
	})
}

func TestUpdateKeepsUnchangedAccounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand := newBrand(t, d, "acme")
		c := mustCreate(t, d, s, brand, Fields{DisplayName: "Jane", Tags: []string{"old"}, SocialAccounts: []SocialAccountInput{
			acct("instagram", "jane", 100), acct("tiktok", "jane", 50), acct("x", "jane", 5)}}, t0)
		t1 := t0.Add(time.Hour)
		f := Fields{DisplayName: "Jane Roe", Tags: []string{"New"}, Stage: "approved", SocialAccounts: []SocialAccountInput{
			acct("instagram", "@Jane", 100),                                           // unchanged
			{Platform: "tiktok", Handle: "jane", Followers: 70, MetricsSource: "api"}, // new figures
			acct("youtube", "@jane", 9),                                               // added; x removed
		}}
		Validate(&f)
		var before, after *Creator
		inTx(t, d, func(tx *db.Tx) (err error) {
			before, after, err = s.Update(ctx, tx, brand, c.ID, f, t1)
			return err
		})
		if !reflect.DeepEqual(before, c) {
			t.Errorf("before = %+v; want %+v", before, c)
		}
		if after.DisplayName != "Jane Roe" || after.Stage != "approved" || !reflect.DeepEqual(after.Tags, []string{"new"}) ||
			after.FollowersTotal != 179 || !after.UpdatedAt.Equal(t1) || !after.CreatedAt.Equal(t0) {
			t.Errorf("after = %+v", after)
		}
		byPlatform := map[string]SocialAccount{}
		for _, a := range after.SocialAccounts {
			byPlatform[a.Platform] = a
		}
		ig, tt, yt := byPlatform["instagram"], byPlatform["tiktok"], byPlatform["youtube"]
		if len(after.SocialAccounts) != 3 || byPlatform["x"].ID != 0 {
			t.Fatalf("accounts = %+v", after.SocialAccounts)
		}
		if ig.ID != c.SocialAccounts[0].ID || !ig.MetricsUpdatedAt.Equal(t0) || ig.MetricsSource != "manual" {
			t.Errorf("unchanged account = %+v; want id %d, metrics time kept", ig, c.SocialAccounts[0].ID)
		}
		if tt.ID != c.SocialAccounts[1].ID || !tt.MetricsUpdatedAt.Equal(t1) || tt.Followers != 70 || tt.MetricsSource != "api" {
			t.Errorf("updated account = %+v; want same id, new time", tt)
		}
		if yt.ID == 0 || !yt.MetricsUpdatedAt.Equal(t1) {
			t.Errorf("added account = %+v", yt)
		}
		page, err := s.List(ctx, d, brand, ListQuery{Q: "roe"})
		if err != nil || len(page.Items) != 1 {
			t.Errorf("search after rename: %+v, %v", page.Items, err)
		}
	})
}

func TestUpdateRefusesAnotherCreatorsHandle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand := newBrand(t, d, "acme")
		mustCreate(t, d, s, brand, Fields{DisplayName: "Jane", SocialAccounts: []SocialAccountInput{acct("twitch", "janeplays", 1)}}, t0)
		bob := mustCreate(t, d, s, brand, Fields{DisplayName: "Bob", SocialAccounts: []SocialAccountInput{acct("twitch", "bobplays", 1)}}, t0)
		f := Fields{DisplayName: "Bob", SocialAccounts: []SocialAccountInput{acct("twitch", "janeplays", 1)}}
		Validate(&f)
		err := d.InTx(ctx, func(tx *db.Tx) error { _, _, err := s.Update(ctx, tx, brand, bob.ID, f, t0); return err })
		if e := wantCode(t, err, apperr.Conflict); e.Message[:30] != `Twitch handle "janeplays" alre` {
			t.Errorf("message = %q", e.Message)
		}
		// Keeping one's own handle is not a conflict.
		f = Fields{DisplayName: "Bobby", SocialAccounts: []SocialAccountInput{acct("twitch", "bobplays", 2)}}
		Validate(&f)
		inTx(t, d, func(tx *db.Tx) error { _, _, err := s.Update(ctx, tx, brand, bob.ID, f, t0); return err })
	})
}

func TestDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		brand := newBrand(t, d, "acme")
		c := mustCreate(t, d, s, brand, Fields{DisplayName: "Jane", Tags: []string{"a"}, SocialAccounts: []SocialAccountInput{acct("x", "jane", 1)}}, t0)
		var gone *Creator
		inTx(t, d, func(tx *db.Tx) (err error) { gone, err = s.Delete(ctx, tx, brand, c.ID); return err })
		if !reflect.DeepEqual(gone, c) {
			t.Errorf("Delete returned %+v; want %+v", gone, c)
		}
		if _, err := s.Get(ctx, d, brand, c.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("Get after delete: %v", err)
		}
		if page, _ := s.List(ctx, d, brand, ListQuery{Q: "jane"}); len(page.Items) != 0 {
			t.Errorf("deleted creator still found by search")
		}
		// Its handle is free again.
		mustCreate(t, d, s, brand, Fields{DisplayName: "New Jane", SocialAccounts: []SocialAccountInput{acct("x", "jane", 1)}}, t0)
	})
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
