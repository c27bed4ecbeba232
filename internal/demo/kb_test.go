package demo

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/kb"
)

// The demo's articles are valid, in English and Spanish, split between
// brand teams and creators, and found by search in both languages.
func TestDemoKnowledgeBase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := seedKB(ctx, d, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		brand, err := kb.List(ctx, d, kb.AudienceBrand, "", "es")
		if err != nil {
			t.Fatal(err)
		}
		creators, err := kb.List(ctx, d, kb.AudienceCreator, "", "es")
		if err != nil {
			t.Fatal(err)
		}
		if len(brand)+len(creators) != 12 || len(creators) < 3 {
			t.Fatalf("%d brand and %d creator articles, want 12 with at least 3 for creators", len(brand), len(creators))
		}
		for _, s := range append(brand, creators...) {
			if s.Locale != "es" || len(s.Languages) != 2 {
				t.Errorf("%s: shown in %s, languages %v", s.Slug, s.Locale, s.Languages)
			}
		}
		for q, audience := range map[string]string{"importar": kb.AudienceBrand, "import": kb.AudienceBrand, "contrasena": kb.AudienceCreator, "temporizador": kb.AudienceBrand} {
			if got, _, err := kb.Search(ctx, d, audience, q, "en", 5); err != nil || len(got) == 0 {
				t.Errorf("search %q: %v %v", q, got, err)
			}
		}
	})
}
