package creator

import (
	"net/url"
	"reflect"
	"testing"
)

func TestParseListQuery(t *testing.T) {
	v, _ := url.ParseQuery("q=+Jane+&stage=Active&tag=Vegan++Food&platform=TikTok&country=us&min_followers=1.2k&max_followers=1,500,000&sort=-followers&limit=25")
	lq, errs := ParseListQuery(v)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	lo, hi := int64(1200), int64(1500000)
	want := ListQuery{Q: "Jane", Stage: "active", Tag: "vegan food", Platform: "tiktok", Country: "US",
		MinFollowers: &lo, MaxFollowers: &hi, Sort: "-followers", Limit: 25}
	if !reflect.DeepEqual(lq, want) {
		t.Errorf("ParseListQuery = %+v; want %+v", lq, want)
	}
	back, errs := ParseListQuery(lq.Values())
	if len(errs) > 0 || !reflect.DeepEqual(back, lq) {
		t.Errorf("Values round trip = %+v, %v", back, errs)
	}
	if empty, errs := ParseListQuery(url.Values{}); len(errs) > 0 || !reflect.DeepEqual(empty, ListQuery{}) || len(empty.Values()) != 0 {
		t.Errorf("empty query = %+v, %v", empty, errs)
	}
}

func TestParseListQueryErrors(t *testing.T) {
	nameCursor := cursor{sort: "name", key: "jane", id: 4}.encode()
	tests := []struct{ query, field, key, substr string }{
		{"sort=popularity", "sort", "validation.sort", "name, -name, followers, -followers, created, -created, updated, -updated"},
		{"limit=0", "limit", "validation.limit", "between 1 and 200"},
		{"limit=201", "limit", "validation.limit", "between 1 and 200"},
		{"limit=ten", "limit", "validation.limit", "between 1 and 200"},
		{"min_followers=lots", "min_followers", "validation.followers_number", "10k or 1.2M"},
		{"min_followers=-5", "min_followers", "validation.followers_number", "10k"},
		{"min_followers=1.5", "min_followers", "validation.followers_number", "10k"},
		{"min_followers=10k&max_followers=5k", "max_followers", "validation.followers_range", "at least the minimum"},
		{"stage=best+friend", "stage", "validation.stage", "prospect"}, // a stage the brand lacks just matches nothing
		{"platform=myspace", "platform", "validation.platform", "Instagram"},
		{"country=XX", "country", "validation.country", "two-letter"},
		{"cursor=abc", "cursor", "validation.cursor", "first page"},
		{"cursor=" + nameCursor, "cursor", "validation.cursor", "first page"}, // made for sort=name
	}
	for _, tt := range tests {
		v, _ := url.ParseQuery(tt.query)
		_, errs := ParseListQuery(v)
		if !hasFieldError(errs, tt.field, tt.key, tt.substr) {
			t.Errorf("%s: errors %+v; want %s %s containing %q", tt.query, errs, tt.field, tt.key, tt.substr)
		}
	}
	v := url.Values{"sort": {"name"}, "cursor": {nameCursor}}
	if _, errs := ParseListQuery(v); len(errs) > 0 {
		t.Errorf("cursor of the same sort refused: %v", errs)
	}
}

func TestParseFollowers(t *testing.T) {
	tests := map[string]int64{"0": 0, "1234": 1234, "1,234": 1234, "10k": 10000, "10K": 10000, "1.2M": 1200000,
		"2.5k": 2500, " 3 b ": 3000000000, "1_000": 1000, ".5k": 500, "1000000000000": 1000000000000,
		// As other languages write them: decimal commas, point and space grouping.
		"1,2M": 1200000, "12,5k": 12500, "12.000": 12000, "1.234.567": 1234567, "12 000": 12000, "12\u202f000": 12000,
		"1.234,5k": 1234500, "1,234.5k": 1234500, "1,250k": 1250000, "1.250k": 1250, "12.0": 12, "1'234": 1234}
	for in, want := range tests {
		if got, ok := parseFollowers(in); !ok || got != want {
			t.Errorf("parseFollowers(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "k", "1.", "1.2345k", "1.5", "-1", "1e6", "9999999999999b", "1000000000001", "12x", "1..2k",
		"12,34", "1,23,456", "1.2.3,4", ",500", "1,2,3"} {
		if got, ok := parseFollowers(in); ok {
			t.Errorf("parseFollowers(%q) = %d; want refusal", in, got)
		}
	}
}

func FuzzParseListQuery(f *testing.F) {
	for _, s := range []string{
		"", "q=jane&sort=-followers", "stage=active&tag=fitness&limit=50", "country=us&min_followers=10k&max_followers=1.2M",
		"platform=tiktok&min_followers=50000", "cursor=" + (cursor{sort: "-created", key: "1700000000000", id: 9}).encode(),
		"q=%00%ff&tag=+A++B+", "limit=200&sort=name", "min_followers=1,234&max_followers=1,234",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		lq, errs := ParseListQuery(v)
		if len(errs) > 0 {
			return
		}
		back, errs := ParseListQuery(lq.Values())
		if len(errs) > 0 || !reflect.DeepEqual(back, lq) {
			t.Fatalf("%q parsed to %+v; its Values() parse to %+v, %v", raw, lq, back, errs)
		}
	})
}
