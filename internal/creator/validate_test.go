package creator

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apperr"
)

func TestValidateNormalises(t *testing.T) {
	f := Fields{
		DisplayName: "  Jane\x00 Doe ",
		Email:       " Jane.Doe@Example.COM ",
		Country:     " us",
		Languages:   []string{"EN_us", "en-US", "pt-br", " ", "iw"},
		Tags:        []string{" Fitness ", "fitness", "Vegan   Food", "", "beauty"},
		Notes:       "line one\r\nline two\x07",
		SocialAccounts: []SocialAccountInput{
			{Platform: " Instagram ", Handle: "https://www.instagram.com/Jane.Doe/", Followers: 1200, EngagementRate: 3.4},
			{Platform: "tiktok", Handle: "@JaneDoe"},
		},
	}
	if errs := Validate(&f); len(errs) > 0 {
		t.Fatalf("Validate: %v", errs)
	}
	want := Fields{
		DisplayName: "Jane Doe",
		Email:       "jane.doe@example.com",
		Country:     "US",
		Languages:   []string{"en-US", "pt-BR", "he"},
		Tags:        []string{"beauty", "fitness", "vegan food"},
		Notes:       "line one\nline two",
		Stage:       "prospect",
		SocialAccounts: []SocialAccountInput{
			{Platform: "instagram", Handle: "jane.doe", Followers: 1200, EngagementRate: 3.4},
			{Platform: "tiktok", Handle: "janedoe"},
		},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("normalised to\n%+v\nwant\n%+v", f, want)
	}
}

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name   string
		f      Fields
		field  string
		key    string
		substr string
	}{
		{"name required", Fields{DisplayName: "  "}, "display_name", "validation.required", "required"},
		{"name too long", Fields{DisplayName: strings.Repeat("é", 201)}, "display_name", "validation.too_long", "at most 200"},
		{"email", Fields{DisplayName: "A", Email: "jane@"}, "email", "validation.invalid_email", "valid email"},
		{"email without dot", Fields{DisplayName: "A", Email: "jane@localhost"}, "email", "validation.invalid_email", "valid email"},
		{"country", Fields{DisplayName: "A", Country: "USA"}, "country", "validation.country", `"USA" is not one`},
		{"country unknown", Fields{DisplayName: "A", Country: "ZZ"}, "country", "validation.country", "two-letter"},
		{"country reserved", Fields{DisplayName: "A", Country: "eu"}, "country", "validation.country", "two-letter"},
		{"country alias", Fields{DisplayName: "A", Country: "uk"}, "country", "validation.country_alias", "use GB"},
		{"language", Fields{DisplayName: "A", Languages: []string{"english"}}, "languages", "validation.language", `"english" is not a language code`},
		{"tag too long", Fields{DisplayName: "A", Tags: []string{strings.Repeat("x", 41)}}, "tags", "validation.tag_too_long", "at most 40"},
		{"too many tags", Fields{DisplayName: "A", Tags: numbered("t", 51)}, "tags", "validation.too_many", "at most 50"},
		{"notes", Fields{DisplayName: "A", Notes: strings.Repeat("n", 10001)}, "notes", "validation.too_long", "10,000"},
		{"stage", Fields{DisplayName: "A", Stage: "best friend"}, "stage", "validation.stage", "prospect, invited"}, // not a key; membership is the service's
		{"platform", Fields{DisplayName: "A", SocialAccounts: []SocialAccountInput{{Platform: "myspace", Handle: "x"}}},
			"social_accounts[0].platform", "validation.platform", "Instagram, TikTok"},
		{"handle", Fields{DisplayName: "A", SocialAccounts: []SocialAccountInput{{Platform: "x", Handle: "a"}, {Platform: "x", Handle: "jane doe"}}},
			"social_accounts[1].handle", "validation.handle_chars", `" " is not allowed`},
		{"followers", Fields{DisplayName: "A", SocialAccounts: []SocialAccountInput{{Platform: "x", Handle: "a", Followers: -1}}},
			"social_accounts[0].followers", "validation.followers_negative", "negative"},
		{"engagement", Fields{DisplayName: "A", SocialAccounts: []SocialAccountInput{{Platform: "x", Handle: "a", EngagementRate: 101}}},
			"social_accounts[0].engagement_rate", "validation.engagement_rate", "0 to 100"},
		{"engagement NaN", Fields{DisplayName: "A", SocialAccounts: []SocialAccountInput{{Platform: "x", Handle: "a", EngagementRate: math.NaN()}}},
			"social_accounts[0].engagement_rate", "validation.engagement_rate", "0 to 100"},
		{"same account twice", Fields{DisplayName: "A", SocialAccounts: []SocialAccountInput{{Platform: "x", Handle: "@Jane"}, {Platform: "x", Handle: "https://twitter.com/jane"}}},
			"social_accounts[1].handle", "validation.duplicate_account", `X account (jane) is listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Validate(&tt.f)
			if !hasFieldError(errs, tt.field, tt.key, tt.substr) {
				t.Errorf("errors = %+v; want %s %s containing %q", errs, tt.field, tt.key, tt.substr)
			}
		})
	}
}

func TestValidateAllowsSameHandleOnTwoPlatforms(t *testing.T) {
	f := Fields{DisplayName: "A", SocialAccounts: []SocialAccountInput{{Platform: "x", Handle: "jane"}, {Platform: "tiktok", Handle: "jane"}}}
	if errs := Validate(&f); len(errs) > 0 {
		t.Fatal(errs)
	}
}

func hasFieldError(errs apperr.Fields, field, key, substr string) bool {
	for _, e := range errs {
		if e.Field == field && e.Key == key && strings.Contains(e.Message, substr) {
			return true
		}
	}
	return false
}

func numbered(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	return out
}
