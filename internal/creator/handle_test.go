package creator

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeHandle(t *testing.T) {
	tests := []struct {
		platform, raw, handle, url string
	}{
		{"instagram", "  @Jane.Doe ", "jane.doe", "https://www.instagram.com/jane.doe/"},
		{"instagram", "https://www.instagram.com/Jane_Doe/?hl=en", "jane_doe", "https://www.instagram.com/jane_doe/"},
		{"instagram", "instagram.com/jane", "jane", "https://www.instagram.com/jane/"},
		{"instagram", "HTTP://m.Instagram.com/jane/reels/", "jane", "https://www.instagram.com/jane/"},
		{"instagram", "@instagram.com/jane", "jane", "https://www.instagram.com/jane/"},
		{"tiktok", "https://www.tiktok.com/@Jane.Doe?lang=en", "jane.doe", "https://www.tiktok.com/@jane.doe"},
		{"tiktok", "tiktok.com/@jane/video/7234567890123456789", "jane", "https://www.tiktok.com/@jane"},
		{"tiktok", "@jane_doe", "jane_doe", "https://www.tiktok.com/@jane_doe"},
		{"youtube", "@JaneDoe", "janedoe", "https://www.youtube.com/@janedoe"},
		{"youtube", "https://www.youtube.com/@Jane-Doe.TV/videos", "jane-doe.tv", "https://www.youtube.com/@jane-doe.tv"},
		{"youtube", "youtube.com/c/JaneDoe", "c/janedoe", "https://www.youtube.com/c/janedoe"},
		{"youtube", "https://m.youtube.com/user/JaneDoe/", "user/janedoe", "https://www.youtube.com/user/janedoe"},
		{"youtube", "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", "channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw"},
		{"youtube", "UC_x5XG1OV2P6uZZ5FSM9Ttw", "channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw"},
		{"youtube", "https://www.youtube.com/@%E3%81%BF%E3%81%8F%E3%82%8B", "みくる", "https://www.youtube.com/@%E3%81%BF%E3%81%8F%E3%82%8B"},
		{"x", "https://twitter.com/JaneDoe/status/1234", "janedoe", "https://x.com/janedoe"},
		{"x", "x.com/jane_doe", "jane_doe", "https://x.com/jane_doe"},
		{"x", "@Jane", "jane", "https://x.com/jane"},
		{"twitch", "https://www.twitch.tv/Jane_Doe", "jane_doe", "https://www.twitch.tv/jane_doe"},
		{"pinterest", "https://www.pinterest.co.uk/JaneDoe/", "janedoe", "https://www.pinterest.com/janedoe/"},
		{"pinterest", "br.pinterest.com/jane_doe/boards", "jane_doe", "https://www.pinterest.com/jane_doe/"},
		{"pinterest", "pinterest.com.au/janedoe", "janedoe", "https://www.pinterest.com/janedoe/"},
		{"blog", "https://www.Example.COM/Blog/?utm_source=x#top", "example.com/Blog", "https://example.com/Blog"},
		{"blog", "example.com", "example.com", "https://example.com"},
		{"blog", "http://janes-kitchen.co.uk//recipes//", "janes-kitchen.co.uk/recipes", "https://janes-kitchen.co.uk/recipes"},
		{"blog", "example.com/caf\u00e9", "example.com/caf%C3%A9", "https://example.com/caf%C3%A9"},
	}
	for _, tt := range tests {
		h, u, err := NormalizeHandle(tt.platform, tt.raw)
		if err != nil || h != tt.handle || u != tt.url {
			t.Errorf("NormalizeHandle(%q, %q) = %q, %q, %v; want %q, %q", tt.platform, tt.raw, h, u, err, tt.handle, tt.url)
		}
	}
}

func TestNormalizeHandleErrors(t *testing.T) {
	tests := []struct {
		platform, raw, key, message string
	}{
		{"instagram", "  ", "validation.handle_required", "Enter a handle"},
		{"instagram", "@", "validation.handle_required", "Enter a handle"},
		{"myspace", "jane", "validation.platform", "Choose a platform: Instagram, TikTok, YouTube, X, Twitch, Pinterest, Blog."},
		{"instagram", "https://www.tiktok.com/@jane", "validation.handle_wrong_platform", "That link is for TikTok, not Instagram."},
		{"blog", "https://x.com/jane", "validation.blog_is_platform", "That link is for X, not a blog."},
		{"instagram", "https://www.instagram.com/p/C1a2b3c4/", "validation.handle_not_profile", "not to a profile"},
		{"instagram", "https://instagram.com/", "validation.handle_no_name", "has no profile name"},
		{"instagram", "https://example.com/jane", "validation.handle_not_platform", "That is not a link to a profile on Instagram"},
		{"tiktok", "https://vm.tiktok.com/ZMabc123/", "validation.handle_short_link", "Short links cannot be read"},
		{"tiktok", "tiktok.com/jane", "validation.handle_not_profile", "not to a profile"},
		{"instagram", "jane doe", "validation.handle_chars_dots", `so " " is not allowed`},
		{"instagram", "jane..doe", "validation.handle_periods", "two periods"},
		{"instagram", strings.Repeat("a", 31), "validation.handle_length", "1 to 30 characters long; this one has 31."},
		{"tiktok", "jane.", "validation.handle_trailing_period", "cannot end with a period"},
		{"x", "jane.doe", "validation.handle_chars", `so "." is not allowed`},
		{"x", "abcdefghijklmnop", "validation.handle_length", "1 to 15"},
		{"twitch", "abc", "validation.handle_length", "4 to 25"},
		{"twitch", "_jane", "validation.handle_underscore", "cannot start with an underscore"},
		{"youtube", "youtube.com/channel/UCshort", "validation.handle_youtube_channel", "start with UC"},
		{"youtube", "youtube.com/watch?v=abc", "validation.handle_not_profile", "not to a profile"},
		{"youtube", "https://youtu.be/abc", "validation.handle_short_link", "Short links"},
		{"blog", "not a url", "validation.blog_address", "Enter the blog's web address"},
		{"blog", "ftp://example.com", "validation.handle_link_scheme", "http"},
		{"blog", "localhost", "validation.blog_address", "web address"},
	}
	for _, tt := range tests {
		_, _, err := NormalizeHandle(tt.platform, tt.raw)
		var he *HandleError
		if !errors.As(err, &he) || he.Key != tt.key || !strings.Contains(he.Message, tt.message) {
			t.Errorf("NormalizeHandle(%q, %q) error = %#v; want key %s containing %q", tt.platform, tt.raw, err, tt.key, tt.message)
		}
	}
}

func TestPlatformLabel(t *testing.T) {
	for _, p := range Platforms {
		if PlatformLabel(p) == p {
			t.Errorf("platform %q has no label", p)
		}
	}
	if got := PlatformLabel("tiktok"); got != "TikTok" {
		t.Errorf("PlatformLabel(tiktok) = %q", got)
	}
}
