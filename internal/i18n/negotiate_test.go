package i18n

import "testing"

// Cases use languages Roster does not speak (Russian, Korean, Chinese)
// for "nothing supported", so they stay true as languages are added.
func TestNegotiate(t *testing.T) {
	tests := []struct {
		setting, header, want string
	}{
		{"es", "", "es"},
		{"es", "en-US,en;q=0.9", "es"}, // a saved setting beats the browser
		{"en", "es-MX", "en"},
		{"ru", "es-MX", "es"}, // unsupported setting: use the header
		{"", "es-MX", "es"},   // regional variant → base language
		{"", "es-419,es;q=0.9", "es"},
		{"", "ko-KR;q=0.9,es;q=0.8", "es"}, // first supported in preference order
		{"", "es;q=0.5,en;q=0.9", "en"},    // q-values, not position, rank
		{"", "en-GB,en;q=0.9", "en"},
		{"", "ru-RU,ru;q=0.9", "en"},            // nothing supported: fallback
		{"", "ko-KR, ko;q=0.9, es;q=0.7", "es"}, // spaces are allowed
		{"", "zh-CN", "en"},
		{"", "gl-ES", "es"}, // x/text treats Spanish as Galician's fallback (low confidence)
		{"", "*", "en"},
		{"", "", "en"},
		{"", "not a header;;q=x", "en"}, // malformed: fallback, no error
		{"", "ES-mx", "es"},             // tags are case-insensitive
	}
	for _, tt := range tests {
		if got := Negotiate(tt.setting, tt.header); got != tt.want {
			t.Errorf("Negotiate(%q, %q) = %q, want %q", tt.setting, tt.header, got, tt.want)
		}
	}
}

// TestNegotiateEachLanguage checks every supported language is reached
// from the header browsers of its speakers send.
func TestNegotiateEachLanguage(t *testing.T) {
	headers := map[string]string{
		"en": "en-US,en;q=0.9", "es": "es-ES,es;q=0.9", "fr": "fr-FR,fr;q=0.9",
		"de": "de-DE,de;q=0.9", "pt-BR": "pt-BR,pt;q=0.9", "ja": "ja-JP,ja;q=0.9",
	}
	for _, code := range Supported {
		header, ok := headers[code]
		if !ok {
			t.Errorf("no browser header to test %s with: add one", code)
			continue
		}
		if got := Negotiate("", header); got != code {
			t.Errorf("Negotiate(%q) = %q, want %q", header, got, code)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct{ code, want string }{
		{"es", "es"},
		{"ES", "es"},
		{"es-MX", "es"},
		{"es_419", "es"},
		{" en-GB ", "en"},
		{"ru", ""}, // not spoken
		{"ca", ""}, // Catalan is not answered in Spanish by guesswork
		{"", ""},   // nothing
		{"not a tag", ""},
	}
	// Each supported language also answers to its bare and regional forms.
	regional := map[string][]string{
		"fr": {"fr", "fr-CA", "FR_fr"}, "de": {"de", "de-AT", "de_CH"},
		"pt-BR": {"pt", "pt-br", "pt_BR", "PT-BR"}, "ja": {"ja", "ja-JP", "JA"},
	}
	for _, code := range Supported {
		for _, form := range regional[code] {
			tests = append(tests, struct{ code, want string }{form, code})
		}
	}
	for _, tt := range tests {
		if got := Match(tt.code); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}
