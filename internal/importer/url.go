package importer

import (
	"net/url"
	"strconv"
	"strings"
)

// urlPlatform tells a profile URL's platform from its host; a link to any
// other site is a blog. A bare handle has no platform ("").
func urlPlatform(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") {
		if !strings.Contains(low, ".") || !strings.Contains(low, "/") && !strings.HasPrefix(low, "www.") {
			return ""
		}
		low = "https://" + low
	}
	u, err := url.Parse(low)
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(u.Hostname(), "www.")
	host = strings.TrimPrefix(host, "m.")
	for suffix, p := range map[string]string{"instagram.com": "instagram", "tiktok.com": "tiktok", "youtube.com": "youtube",
		"youtu.be": "youtube", "twitter.com": "x", "x.com": "x", "twitch.tv": "twitch", "pinterest.com": "pinterest"} {
		if host == suffix || strings.HasSuffix(host, "."+suffix) {
			return p
		}
	}
	if strings.HasPrefix(host, "pinterest.") {
		return "pinterest"
	}
	return "blog"
}

func itoa(n int) string { return strconv.Itoa(n) }
