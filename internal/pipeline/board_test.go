package pipeline_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/pipeline"
)

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{"Ana María López": "AM", "ana@x.test": "A", "community_manager@x.test": "CM", "": "", "  ñu  ": "Ñ"} {
		if got := pipeline.Initials(in); got != want {
			t.Errorf("Initials(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestParseFilter(t *testing.T) {
	f, errs := pipeline.ParseFilter(url.Values{"q": {" ana "}, "tag": {"Vegan"}, "owner": {"7"}, "stage": {"ignored"}})
	if len(errs) > 0 || f.Q != "ana" || f.Tag != "vegan" || f.Owner == nil || *f.Owner != 7 {
		t.Errorf("ParseFilter = %+v, %v", f, errs)
	}
	if f.Values().Encode() != "owner=7&q=ana&tag=vegan" {
		t.Errorf("Values = %s", f.Values().Encode())
	}
	if _, errs := pipeline.ParseFilter(url.Values{"owner": {"x"}}); !errs.Has("owner") {
		t.Error("a bad owner is not an error")
	}
}

// TestLoadPathsAgree builds the board unfiltered (a query per column) and
// with filters every creator matches (a tag: one pass; a search: on
// PostgreSQL grouped counts and a LIMIT per stage): both must give
// the same columns, counts and cards in the same order.
func TestLoadPathsAgree(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		b, err := brand.Create(ctx, d, "Echo", "echo", now)
		if err != nil {
			t.Fatal(err)
		}
		other, _ := brand.Create(ctx, d, "Foxtrot", "foxtrot", now)
		svc := creator.NewService(d, func() time.Time { return now })
		for i := range 120 {
			for _, bid := range []int64{b.ID, other.ID} {
				p := auth.NewPrincipal(auth.Principal{TokenName: "t", BrandID: bid}, nil)
				_, err := svc.Create(ctx, p, creator.Fields{DisplayName: fmt.Sprintf("C%d", i), Tags: []string{"all"},
					Stage:          creator.DefaultStages[i%5],
					SocialAccounts: []creator.SocialAccountInput{{Platform: "instagram", Handle: fmt.Sprintf("c%d_%d", i, bid), Followers: int64(i % 13 * 1000)}}})
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		l := i18n.For("en")
		all, err := pipeline.Load(ctx, d, svc.Store, l, b.ID, pipeline.Filter{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		// On PostgreSQL a tag or a search takes the grouped count and
		// per-stage LIMIT path; on SQLite the single pass.
		tagged, err := pipeline.Load(ctx, d, svc.Store, l, b.ID, pipeline.Filter{Tag: "all"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Every creator's name and handle start with "c".
		searched, err := pipeline.Load(ctx, d, svc.Store, l, b.ID, pipeline.Filter{Q: "c"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if all.Total != 120 || tagged.Total != 120 || searched.Total != 120 || len(all.Columns) != 7 || all.Columns[6].Prev != "alumni" || all.Columns[0].Prev != "" {
			t.Fatalf("totals %d %d, columns %d", all.Total, tagged.Total, len(all.Columns))
		}
		for i, col := range all.Columns {
			ids := func(c pipeline.Column) []int64 {
				var out []int64
				for _, card := range c.Cards {
					out = append(out, card.ID)
				}
				return out
			}
			for _, f := range []*pipeline.Board{tagged, searched} {
				if col.Count != f.Columns[i].Count || !slices.Equal(ids(col), ids(f.Columns[i])) {
					t.Errorf("column %s: %d %v vs %d %v", col.Stage.Key, col.Count, ids(col), f.Columns[i].Count, ids(f.Columns[i]))
				}
			}
			// 120 creators over the first five stages: 24 each, 20 shown.
			if i < 5 && (col.Count != 24 || len(col.Cards) != pipeline.CardsPerColumn || !col.More || col.Cards[0].Handle == "") {
				t.Errorf("column %s: count %d, %d cards", col.Stage.Key, col.Count, len(col.Cards))
			}
		}
		none, _ := pipeline.Load(ctx, d, svc.Store, l, b.ID, pipeline.Filter{Q: "nobody"}, nil)
		if none.Total != 0 {
			t.Errorf("search for nobody: %d", none.Total)
		}
	})
}
