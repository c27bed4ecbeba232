package talentspider

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// Benchmark installation: BenchCreators creators over ten brands, the
// first of which (the one suggestions are asked for) has 2,000, a tenth
// of the others' handles appearing in two brands.
const BenchCreators = 100_000

var (
	benchCountries = strings.Fields("US US US GB GB DE FR BR IN CA AU ES IT MX NL SE PL JP KR ID")
	benchLangs     = strings.Fields("en en en en es pt de fr it ja")
	benchTags      = strings.Fields("beauty fashion fitness food travel lifestyle parenting tech gaming music art diy home wellness yoga vegan pets outdoors photography books")
	benchPlatforms = strings.Fields("instagram instagram instagram tiktok tiktok youtube")
	benchStages    = strings.Fields("prospect prospect invited applied approved active active alumni declined")
)

// insertRows writes rows in multi-row INSERTs of batch rows each.
func insertRows(ctx context.Context, tx *db.Tx, head string, cols int, rows [][]any) error {
	const batch = 400
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		var sb strings.Builder
		args := make([]any, 0, (end-start)*cols)
		one := "(" + db.Placeholders(cols) + ")"
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteString(",")
			}
			sb.WriteString(one)
			args = append(args, rows[i]...)
		}
		if _, err := tx.ExecContext(ctx, head+" VALUES "+sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// seedInstallation fills d and returns the brand to ask for.
func seedInstallation(tb testing.TB, d *db.DB) int64 {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 6))
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	var brands []int64
	for i := range 10 {
		var id int64
		if err := d.WriteQueryRowContext(ctx, `INSERT INTO brands (slug, name, created_at) VALUES (?, ?, ?) RETURNING id`,
			fmt.Sprintf("bench-%d", i), fmt.Sprintf("Bench %d", i), now).Scan(&id); err != nil {
			tb.Fatal(err)
		}
		brands = append(brands, id)
	}
	var creators, tags, accounts [][]any
	for i := range BenchCreators {
		id := int64(1_000_000 + i)
		b := brands[1+i%9]
		if i < 2000 {
			b = brands[0]
		}
		handle := fmt.Sprintf("user%06d", i)
		if i >= 2000 && i%10 == 0 {
			handle = fmt.Sprintf("user%06d", i-1) // the same person in a neighbouring brand
		}
		followers := int64(1000 * (1 << r.IntN(12)) * (1 + r.IntN(9)) / 4)
		langs := benchLangs[r.IntN(len(benchLangs))]
		creators = append(creators, []any{id, b, "Private " + handle, "private " + handle, handle + "@private.test",
			benchCountries[r.IntN(len(benchCountries))], langs, "private notes", benchStages[r.IntN(len(benchStages))],
			followers, "", now, now})
		for _, t := range r.Perm(len(benchTags))[:1+r.IntN(3)] {
			tags = append(tags, []any{b, id, benchTags[t]})
		}
		accounts = append(accounts, []any{b, id, benchPlatforms[r.IntN(len(benchPlatforms))], handle, "https://example.com/" + handle,
			followers, float64(r.IntN(80)) / 10, now + int64(r.IntN(1000)), "bench"})
	}
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if err := insertRows(ctx, tx, `INSERT INTO creators (id, brand_id, display_name, sort_name, email, country, languages, notes,
			stage, followers_total, search_text, created_at, updated_at)`, 13, creators); err != nil {
			return err
		}
		if err := insertRows(ctx, tx, `INSERT INTO creator_tags (brand_id, creator_id, tag)`, 3, tags); err != nil {
			return err
		}
		return insertRows(ctx, tx, `INSERT INTO social_accounts (brand_id, creator_id, platform, handle, profile_url,
			followers, engagement_rate, metrics_updated_at, metrics_source)`, 9, accounts)
	})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, `ANALYZE`); err != nil {
		tb.Fatal(err)
	}
	return brands[0]
}

// BenchmarkSuggest ranks the first brand's suggestions over an
// installation of BenchCreators creators and spells out the first page,
// on each engine, with the installation snapshot built (page) and
// rebuilt every time (page-cold-snapshot):
//
//	ROSTER_TEST_POSTGRES_URL=… go test ./internal/talentspider -run '^$' -bench Suggest -benchtime 20x
func BenchmarkSuggest(b *testing.B) {
	for _, engine := range []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(engine.name, func(b *testing.B) {
			d := engine.open(b)
			home := seedInstallation(b, d)
			e := &Engine{DB: d}
			ctx := context.Background()
			for _, c := range []struct {
				name string
				cold bool
			}{{"page", false}, {"page-cold-snapshot", true}} {
				b.Run(c.name, func(b *testing.B) {
					var total int
					for b.Loop() {
						if c.cold {
							e.cache.snap = nil
						}
						res, err := e.Page(ctx, home, Query{Limit: PageSize})
						if err != nil {
							b.Fatal(err)
						}
						total = res.Total
					}
					b.ReportMetric(float64(total), "suggestions")
				})
			}
		})
	}
}
