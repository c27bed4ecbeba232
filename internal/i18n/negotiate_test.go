package i18n

import "testing"

func TestNegotiate(t *testing.T) {
	tests := []struct {
		setting, header, want string
	}{
		{"es", "", "es"},
		{"es", "en-US,en;q=0.9", "es"}, // a saved setting beats the browser
		{"en", "es-MX", "en"},
		{"fr", "es-MX", "es"}, // unsupported setting: use the header
		{"", "es-MX", "es"},   // regional variant → base language
		{"", "es-419,es;q=0.9", "es"},
		{"", "pt-BR;q=0.9,es;q=0.8", "es"}, // first supported in preference order
		{"", "es;q=0.5,en;q=0.9", "en"},    // q-values, not position, rank
		{"", "en-GB,en;q=0.9", "en"},
		{"", "de-DE,de;q=0.9", "en"},            // nothing supported: fallback
		{"", "fr-CH, fr;q=0.9, es;q=0.7", "es"}, // spaces are allowed
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
