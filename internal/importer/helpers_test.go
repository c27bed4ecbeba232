package importer

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

var testNow = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func newBrand(t testing.TB, d *db.DB, slug string) int64 {
	t.Helper()
	b, err := brand.Create(context.Background(), d, strings.ToUpper(slug), slug, testNow)
	if err != nil {
		t.Fatal(err)
	}
	return b.ID
}

func run(t testing.TB, d *db.DB, brandID int64, file string, mod ...func(*Options)) *Result {
	t.Helper()
	o := Options{BrandID: brandID, Source: "import:test.csv", Now: func() time.Time { return testNow }, Preview: 10}
	for _, m := range mod {
		m(&o)
	}
	res, err := Run(context.Background(), d, strings.NewReader(file), o)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Counts
	if c.Created+c.Updated+c.Unchanged+c.Failed != c.Rows {
		t.Fatalf("counts do not add up: %+v", c)
	}
	return res
}

// byHandle loads the brand's creator that has this account.
func byHandle(t testing.TB, d *db.DB, brandID int64, platform, handle string) *creator.Creator {
	t.Helper()
	var id int64
	err := d.QueryRowContext(context.Background(), `SELECT creator_id FROM social_accounts WHERE brand_id = ? AND platform = ? AND handle = ?`,
		brandID, platform, handle).Scan(&id)
	if err != nil {
		t.Fatalf("%s %s: %v", platform, handle, err)
	}
	c, err := creator.NewStore(d).Get(context.Background(), d, brandID, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func countCreators(t testing.TB, d *db.DB, brandID int64) int64 {
	t.Helper()
	var n int64
	if err := d.QueryRowContext(context.Background(), `SELECT count(*) FROM creators WHERE brand_id = ?`, brandID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantCounts(t testing.TB, got Counts, rows, created, updated, unchanged, failed int64) {
	t.Helper()
	want := Counts{Rows: rows, Created: created, Updated: updated, Unchanged: unchanged, Failed: failed, Warnings: got.Warnings, Merged: got.Merged}
	if got != want {
		t.Fatalf("counts = %+v, want %+v", got, want)
	}
}

func problemsText(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%d|%s|%s|%s|%s\n", p.Line, p.Column, p.Value, p.Kind, p.Message)
	}
	return b.String()
}
