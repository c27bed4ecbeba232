package invite

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestMergeFillsKnownFieldsOnly(t *testing.T) {
	got := Merge("Hi {creator_name}, from {brand_name} {other} {", map[string]string{"creator_name": "Ana", "brand_name": "Acme"})
	if want := "Hi Ana, from Acme {other} {"; got != want {
		t.Errorf("Merge = %q, want %q", got, want)
	}
}

func TestLocaleFor(t *testing.T) {
	for _, tc := range []struct {
		langs    []string
		fallback string
		want     string
	}{
		{[]string{"es-MX", "en"}, "en", "es"},
		{[]string{"ru", "es"}, "en", "en"}, // only the first language counts
		{nil, "es", "es"},
		{nil, "xx", "en"},
	} {
		if got := LocaleFor(tc.langs, tc.fallback); got != tc.want {
			t.Errorf("LocaleFor(%v, %q) = %q, want %q", tc.langs, tc.fallback, got, tc.want)
		}
	}
}

func TestValidateTemplate(t *testing.T) {
	tpl := &Template{Name: " Hello ", FollowupDays: 4, MaxFollowups: 2, Texts: map[string]Text{
		"en": {Locale: "en", Subject: "Hi  {creator_name}", Body: "Body {accept_link}\r\n"},
		"es": {Locale: "es", Subject: "", Body: ""},
	}}
	if err := validateTemplate(tpl, "en"); err != nil {
		t.Fatal(err)
	}
	if tpl.Name != "Hello" || tpl.Texts["en"].Subject != "Hi {creator_name}" || len(tpl.Texts) != 1 {
		t.Errorf("not tidied: %+v", tpl)
	}
	bad := &Template{Name: "x", FollowupDays: 0, MaxFollowups: 11, Texts: map[string]Text{"es": {Locale: "es", Subject: "s", Body: "{nickname}"}}}
	err := validateTemplate(bad, "en")
	for _, field := range []string{"followup_days", "max_followups", "body_es", "subject_en"} {
		if err == nil || !hasField(err, field) {
			t.Errorf("no error for %s: %v", field, err)
		}
	}
}

func TestBookingMovesToTheNextDayWithRoom(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		b, err := brand.Create(ctx, d, "Limit", "", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var days []int64
		err = d.InTx(ctx, func(tx *db.Tx) error {
			for range 5 {
				day, err := book(ctx, tx, b.ID, 100, 2)
				if err != nil {
					return err
				}
				days = append(days, day)
			}
			return release(ctx, tx, b.ID, 100)
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := []int64{100, 100, 101, 101, 102}; !equal(days, want) {
			t.Errorf("days %v, want %v", days, want)
		}
		_ = d.InTx(ctx, func(tx *db.Tx) error {
			day, err := book(ctx, tx, b.ID, 100, 2)
			if err != nil || day != 100 {
				t.Errorf("after a release: day %d, %v; want the freed slot on day 100", day, err)
			}
			return nil
		})
	})
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
