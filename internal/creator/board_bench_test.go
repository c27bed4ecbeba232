package creator_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/pipeline"
	"github.com/rosterhq/roster/internal/stages"
	"github.com/rosterhq/roster/internal/web"
)

// BenchmarkBoard measures the pipeline board of the 100,000-creator brand
// (seven columns of 20 cards, each column's count): the queries alone
// (load) and the whole page through real HTTP with the layout (html), on
// each engine. It lives here to reuse the seeded brand of BenchmarkList.
func BenchmarkBoard(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			d := creator.SeededBenchDB(b, engine)
			ctx := context.Background()
			u, cookie := creator.BenchSession(b, d)
			// One creator in seven gets this owner, for the owner filter.
			if _, err := d.ExecContext(ctx, `UPDATE creators SET owner_user_id = ? WHERE brand_id = ? AND id % 7 = 0`, u.ID, creator.BenchBrand); err != nil {
				b.Fatal(err)
			}
			deps := &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			r, err := web.NewRenderer(creator.Templates(), stages.Templates(), pipeline.Templates())
			if err != nil {
				b.Fatal(err)
			}
			r.Attach(deps)
			rt := web.NewRouter(deps)
			creator.Register(rt, deps)
			stages.Register(rt, deps)
			pipeline.Register(rt, deps)
			srv := httptest.NewServer(rt.Handler(nil))
			b.Cleanup(srv.Close)
			members, err := brand.Members(ctx, d, creator.BenchBrand)
			if err != nil {
				b.Fatal(err)
			}
			owner := "owner=" + itoa(u.ID)
			for _, bc := range []struct{ name, query string }{
				{"a_all", ""}, {"b_tag", "tag=fitness"}, {"c_search", "q=mar"}, {"d_owner", owner},
			} {
				b.Run("load_"+bc.name, func(b *testing.B) {
					f, errs := pipeline.ParseFilter(mustQuery(bc.query))
					if len(errs) > 0 {
						b.Fatal(errs)
					}
					store := creator.NewStore(d)
					creator.BenchMedian(b, func() {
						board, err := pipeline.Load(ctx, d, store, i18n.For("en"), creator.BenchBrand, f, members)
						if err != nil || len(board.Columns) != 7 || board.Total == 0 {
							b.Fatalf("board: %v", err)
						}
					})
				})
				b.Run("html_"+bc.name, func(b *testing.B) {
					client := &http.Client{}
					creator.BenchMedian(b, func() {
						req, _ := http.NewRequest("GET", srv.URL+"/pipeline?"+bc.query, nil)
						req.Header.Set("Cookie", web.SessionCookie+"="+cookie)
						res, err := client.Do(req)
						if err != nil {
							b.Fatal(err)
						}
						body, _ := io.ReadAll(res.Body)
						res.Body.Close()
						if res.StatusCode != 200 || !strings.Contains(string(body), `class="card"`) {
							b.Fatalf("GET /pipeline?%s: %d %.300s", bc.query, res.StatusCode, body)
						}
					})
				})
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func mustQuery(s string) url.Values {
	v, err := url.ParseQuery(s)
	if err != nil {
		panic(err)
	}
	return v
}
