package creator

import "testing"

func FuzzNormalizeHandle(f *testing.F) {
	seeds := []struct{ platform, raw string }{
		{"instagram", "@jane.doe"},
		{"instagram", "https://www.instagram.com/jane_doe/?igsh=abc123"},
		{"instagram", "instagram.com/p/C1a2b3"},
		{"tiktok", "https://www.tiktok.com/@jane.doe/video/7234567890123456789?lang=en"},
		{"tiktok", "https://vm.tiktok.com/ZMabc/"},
		{"youtube", "https://www.youtube.com/@JaneDoe"},
		{"youtube", "youtube.com/c/JaneDoeCooks"},
		{"youtube", "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw"},
		{"youtube", "UC_x5XG1OV2P6uZZ5FSM9Ttw"},
		{"youtube", "https://www.youtube.com/@%E3%81%BF%E3%81%8F%E3%82%8B"},
		{"x", "https://twitter.com/jane/status/1"},
		{"x", "x.com/jane_doe"},
		{"twitch", "https://www.twitch.tv/jane_doe"},
		{"pinterest", "https://www.pinterest.co.uk/janedoe/"},
		{"blog", "https://www.Example.com/Blog/?utm=1"},
		{"blog", "example.com/caf\u00e9//x/"},
		{"instagram", "https://www.tiktok.com/@jane"},
		{"blog", "HTTPS://WWW.EXAMPLE.COM:8080/"},
	}
	for _, s := range seeds {
		f.Add(s.platform, s.raw)
	}
	f.Fuzz(func(t *testing.T, platform, raw string) {
		h, u, err := NormalizeHandle(platform, raw)
		if err != nil {
			if _, ok := err.(*HandleError); !ok {
				t.Fatalf("error %v is %T, want *HandleError", err, err)
			}
			return
		}
		if h == "" || u == "" {
			t.Fatalf("NormalizeHandle(%q, %q) = %q, %q: empty result", platform, raw, h, u)
		}
		h2, u2, err := NormalizeHandle(platform, h)
		if err != nil || h2 != h || u2 != u {
			t.Fatalf("not idempotent: %q → %q, %q; again → %q, %q, %v", raw, h, u, h2, u2, err)
		}
		h3, _, err := NormalizeHandle(platform, u)
		if err != nil || h3 != h {
			t.Fatalf("profile URL %q of %q normalises to %q, %v; want %q", u, raw, h3, err, h)
		}
	})
}
