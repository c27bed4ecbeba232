package creator

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// BenchmarkListHTTP measures what a person and a script wait for: a page
// of 50 creators of the 100,000-creator brand through real HTTP, both as
// the API's JSON and as the HTML list page (with its filter menus, the
// brand total and the layout), on each engine.
func BenchmarkListHTTP(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			d := seededBenchDB(b, engine)
			srv, cookie, token := benchServer(b, d)
			for _, bc := range benchCases[:5] {
				b.Run("api_"+bc.name, func(b *testing.B) {
					benchGet(b, srv.URL+"/api/v1/creators?"+bc.query, http.Header{"Authorization": {"Bearer " + token}})
				})
				b.Run("html_"+bc.name, func(b *testing.B) {
					benchGet(b, srv.URL+"/creators?"+bc.query, http.Header{"Cookie": {web.SessionCookie + "=" + cookie}})
				})
			}
		})
	}
}

// benchServer serves the creator routes with the real middleware over d,
// and signs in a community manager of the benchmark brand.
func benchServer(b *testing.B, d *db.DB) (*httptest.Server, string, string) {
	u, cookie := benchSession(b, d)
	token, _, err := auth.CreateToken(context.Background(), d, benchBrand, "bench", []auth.Permission{auth.CreatorsRead}, u.ID, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	deps := &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r, err := web.NewRenderer(Templates())
	if err != nil {
		b.Fatal(err)
	}
	r.Attach(deps)
	rt := web.NewRouter(deps)
	Register(rt, deps)
	srv := httptest.NewServer(rt.Handler(nil))
	b.Cleanup(srv.Close)
	return srv, cookie, token
}

// benchSession makes a community manager of the benchmark brand, named
// after the benchmark, and returns them with a session cookie value.
func benchSession(b *testing.B, d *db.DB) (*auth.User, string) {
	ctx, now := context.Background(), time.Now()
	email := "cm-" + strings.ReplaceAll(b.Name(), "/", "-") + "@bench.test"
	u, err := auth.CreateUser(ctx, d, email, "Bench", "", "en", false, now)
	if err != nil {
		b.Fatal(err)
	}
	if err := brand.SetMember(ctx, d, benchBrand, u.ID, auth.CommunityManager, now); err != nil {
		b.Fatal(err)
	}
	cookie, _, err := auth.CreateSession(ctx, d, u.ID, benchBrand, "bench", "127.0.0.1", now)
	if err != nil {
		b.Fatal(err)
	}
	return u, cookie
}

// benchMedian runs f once to warm up (connections, caches, as a person's
// second page would), then b.N times, and reports the median as p50-ms.
func benchMedian(b *testing.B, f func()) {
	f()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		f()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
}

func benchGet(b *testing.B, url string, h http.Header) {
	client := &http.Client{}
	benchMedian(b, func() {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header = h
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || len(body) < 1000 {
			b.Fatalf("GET %s: %d %.300s", url, res.StatusCode, body)
		}
	})
}
