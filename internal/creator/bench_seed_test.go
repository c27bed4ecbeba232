package creator

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// Benchmark data: realistic, skewed distributions, generated in Go so
// both engines hold the same rows.
var (
	benchStages    = []string{"prospect", "invited", "applied", "approved", "active", "alumni", "declined"}
	benchStageW    = []float64{35, 10, 10, 10, 20, 10, 5}
	benchCountries = strings.Fields("US GB DE FR BR IN CA AU ES IT MX NL SE PL JP KR ID TR PH NG ZA AR CO CL PT BE AT CH DK NO FI IE NZ SG MY TH VN EG AE SA")
	benchTags      = strings.Fields("beauty fashion fitness food travel lifestyle parenting tech gaming music art diy home wellness yoga vegan pets outdoors photography books comedy education finance cars sports skincare makeup dance coffee sustainability")
	benchPlatforms = []string{"instagram", "tiktok", "youtube", "x", "twitch", "pinterest", "blog"}
	benchPlatformW = []float64{45, 30, 12, 5, 3, 3, 2}
	benchCountryW  = zipf(len(benchCountries), 0.9)
	benchTagW      = zipf(len(benchTags), 0.7)
	benchFirst     = strings.Fields("Maria Mario Marco Martin Marta Mariana Anna Ana Andrea Alex Sofia Sophie Emma Olivia Liam Noah Lucas Leon Mia Lea Chloe Jade Hugo Louis Yuki Hana Min Ji Priya Arjun Aisha Omar Fatima Chen Wei Ines Ivan Olga Sara Tom Jack Grace Zoe Nina Paul Eva Luca Elena Diego Camila")
	benchLast      = strings.Fields("Smith Garcia Müller Martin Rossi Silva Kim Lee Tanaka Singh Khan Nguyen Novak Kowalski Johansson Dubois Moreau Fernández López Costa Santos Jensen Hansen Murphy Walker Brown Wilson Taylor Clark Lewis Young King Wright Hill Green Adams Baker Nelson Carter Mitchell")
)

// pick draws an index with the given weights.
func pick(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x -= w; x < 0 {
			return i
		}
	}
	return len(weights) - 1
}

// zipf weights rank i by 1/(i+1)^s.
func zipf(n int, s float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), s)
	}
	return w
}

// benchCreator builds creator number i of a brand, as Create would store
// it (search text, sort name, follower total).
func benchCreator(r *rand.Rand, brandID int64, i int, created time.Time) *Creator {
	first, last := benchFirst[r.IntN(len(benchFirst))], benchLast[r.IntN(len(benchLast))]
	c := &Creator{BrandID: brandID, DisplayName: first + " " + last, Stage: benchStages[pick(r, benchStageW)],
		Country: benchCountries[pick(r, benchCountryW)], Languages: []string{"en"},
		CreatedAt: created, UpdatedAt: created.Add(time.Duration(r.IntN(90*24)) * time.Hour)}
	if r.IntN(10) < 7 {
		c.Email = strings.ToLower(foldText(first+"."+last)) + fmt.Sprint(i) + "@example.com"
	}
	for range r.IntN(5) {
		if t := benchTags[pick(r, benchTagW)]; !slices.Contains(c.Tags, t) {
			c.Tags = append(c.Tags, t)
		}
	}
	slices.Sort(c.Tags)
	for range 1 + r.IntN(3) {
		p := benchPlatforms[pick(r, benchPlatformW)]
		if slices.ContainsFunc(c.SocialAccounts, func(a SocialAccount) bool { return a.Platform == p }) {
			continue
		}
		followers := int64(math.Min(2e8, math.Exp(math.Log(8000)+1.6*r.NormFloat64())))
		// At most 14 characters, within every platform's rules.
		handle := fmt.Sprintf("%.4s%.3s%d_%d", foldText(first), foldText(last), i, brandID)
		if p == "blog" {
			handle = strings.ReplaceAll(handle, "_", "-") + ".example.com"
		}
		h, u, err := NormalizeHandle(p, handle)
		if err != nil {
			panic(err)
		}
		at := created
		c.SocialAccounts = append(c.SocialAccounts, SocialAccount{Platform: p, Handle: h, ProfileURL: u,
			Followers: followers, EngagementRate: 0.5 + 7.5*r.Float64(), MetricsUpdatedAt: &at, MetricsSource: "import:bench"})
		c.FollowersTotal += followers
	}
	return c
}

// multiInsert writes rows in one transaction: multi-row INSERTs on
// SQLite; on PostgreSQL one INSERT … SELECT FROM unnest(arrays) per
// batch, which avoids per-value parameters.
type multiInsert struct {
	tx      *db.Tx
	table   string
	columns []string
	types   []string // PostgreSQL element types: bigint, text, float8
	parent  *multiInsert
	rows    int
	args    []any
}

func (m *multiInsert) batchRows() int {
	if m.tx.Dialect() == db.Postgres {
		return 20000
	}
	return 400
}

func (m *multiInsert) add(ctx context.Context, values ...any) error {
	m.args = append(m.args, values...)
	if m.rows++; m.rows == m.batchRows() {
		return m.flush(ctx)
	}
	return nil
}

func (m *multiInsert) flush(ctx context.Context) error {
	if m.rows == 0 {
		return nil
	}
	if m.parent != nil { // its rows are referenced: insert them first
		if err := m.parent.flush(ctx); err != nil {
			return err
		}
	}
	prefix := "INSERT INTO " + m.table + " (" + strings.Join(m.columns, ", ") + ") "
	var err error
	if m.tx.Dialect() == db.Postgres {
		arrays := make([]string, len(m.columns))
		for j, t := range m.types {
			arrays[j] = "?::" + t + "[]"
		}
		_, err = m.tx.ExecContext(ctx, prefix+"SELECT * FROM unnest("+strings.Join(arrays, ", ")+")", m.columnArrays()...)
	} else {
		row := "(" + db.Placeholders(len(m.columns)) + ")"
		_, err = m.tx.ExecContext(ctx, prefix+"VALUES "+strings.Repeat(row+", ", m.rows-1)+row, m.args...)
	}
	m.rows, m.args = 0, m.args[:0]
	return err
}

// columnArrays turns the buffered rows into one typed slice per column.
func (m *multiInsert) columnArrays() []any {
	n := len(m.columns)
	out := make([]any, n)
	for j, t := range m.types {
		switch t {
		case "bigint":
			col := make([]int64, 0, m.rows)
			for i := j; i < len(m.args); i += n {
				col = append(col, m.args[i].(int64))
			}
			out[j] = col
		case "float8":
			col := make([]float64, 0, m.rows)
			for i := j; i < len(m.args); i += n {
				col = append(col, m.args[i].(float64))
			}
			out[j] = col
		default:
			col := make([]string, 0, m.rows)
			for i := j; i < len(m.args); i += n {
				col = append(col, m.args[i].(string))
			}
			out[j] = col
		}
	}
	return out
}

// seedBench inserts n creators per brand in one transaction with explicit
// ids (nothing inserts after it), then ANALYZE; on PostgreSQL VACUUM
// ANALYZE, the state autovacuum leaves a bulk-loaded table in within a
// minute (its insert threshold), with the visibility map that index-only
// scans need. ROSTER_BENCH_NO_VACUUM keeps the state right after the load.
func seedBench(ctx context.Context, d *db.DB, counts map[int64]int, analyze bool) error {
	err := d.InTx(ctx, func(tx *db.Tx) error {
		creators := &multiInsert{tx: tx, table: "creators",
			columns: strings.Fields("id brand_id display_name sort_name email country languages notes stage followers_total search_text created_at updated_at"),
			types:   strings.Fields("bigint bigint text text text text text text text bigint text bigint bigint")}
		tags := &multiInsert{tx: tx, table: "creator_tags", parent: creators,
			columns: strings.Fields("brand_id creator_id tag"), types: strings.Fields("bigint bigint text")}
		accounts := &multiInsert{tx: tx, table: "social_accounts", parent: creators,
			columns: strings.Fields("brand_id creator_id platform handle profile_url followers engagement_rate metrics_updated_at metrics_source"),
			types:   strings.Fields("bigint bigint text text text bigint float8 bigint text")}
		for brandID := int64(1); brandID <= int64(len(counts)); brandID++ {
			if _, err := tx.ExecContext(ctx, `INSERT INTO brands (id, slug, name, created_at) VALUES (?, ?, ?, 0)`,
				brandID, fmt.Sprint("bench-", brandID), "Bench"); err != nil {
				return err
			}
		}
		id := int64(0)
		for brandID := int64(1); brandID <= int64(len(counts)); brandID++ {
			r := rand.New(rand.NewPCG(uint64(brandID), 42))
			start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
			at := start
			for i := range counts[brandID] {
				// Most creators arrive one by one; a third come in imports
				// of 200 that share a timestamp (ties in the sort key).
				if i%600 < 400 || i%600 == 400 {
					at = at.Add(time.Duration(1+r.IntN(20*60)) * time.Second)
				}
				id++
				c := benchCreator(r, brandID, i, at)
				c.ID = id
				if err := creators.add(ctx, id, brandID, c.DisplayName, sortName(c.DisplayName), c.Email, c.Country, "en", "",
					c.Stage, c.FollowersTotal, buildSearchText(c), c.CreatedAt.UnixMilli(), c.UpdatedAt.UnixMilli()); err != nil {
					return err
				}
				for _, t := range c.Tags {
					if err := tags.add(ctx, brandID, id, t); err != nil {
						return err
					}
				}
				for _, a := range c.SocialAccounts {
					if err := accounts.add(ctx, brandID, id, a.Platform, a.Handle, a.ProfileURL, a.Followers, a.EngagementRate,
						a.MetricsUpdatedAt.UnixMilli(), a.MetricsSource); err != nil {
						return err
					}
				}
			}
		}
		for _, m := range []*multiInsert{creators, tags, accounts} {
			if err := m.flush(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || !analyze {
		return err
	}
	stmt := "ANALYZE"
	if d.Dialect() == db.Postgres && os.Getenv(benchNoVacuum) == "" {
		stmt = "VACUUM ANALYZE"
	}
	_, err = d.ExecContext(ctx, stmt)
	return err
}
