package creator

import (
	"net/url"
	"regexp"
	"strings"
)

// link is a pasted profile address: lower-cased host without "www.",
// "m." or "mobile.", and the path's non-empty, unescaped segments.
type link struct {
	host     string
	segments []string
}

// splitLink reads s as a link when it has an http(s) scheme or starts with
// a platform's host; anything else is a plain handle (isLink false), so
// "jane.doe" stays a handle.
func splitLink(s string) (l link, isLink bool, err *HandleError) {
	lower := strings.ToLower(s)
	rest, hadScheme := cutScheme(s)
	if !hadScheme {
		if strings.Contains(lower, "://") {
			return link{}, false, handleErr("validation.handle_link_scheme")
		}
		if p, _ := hostPlatform(hostOf(lower)); p == "" {
			return link{}, false, nil
		}
	}
	l.host = hostOf(strings.ToLower(rest))
	path := rest[min(len(rest), strings.IndexAny(rest+"/", "/?#")):]
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	for _, seg := range strings.Split(path, "/") {
		if u, err := url.PathUnescape(seg); err == nil {
			seg = u
		}
		if seg != "" {
			l.segments = append(l.segments, seg)
		}
	}
	return l, true, nil
}

// cutScheme strips a leading http:// or https:// in any case.
func cutScheme(s string) (string, bool) {
	for _, scheme := range []string{"https://", "http://"} {
		if len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			return s[len(scheme):], true
		}
	}
	return s, false
}

// hostOf returns the host of "host/path?query", without port, trailing
// dot or a "www.", "m." or "mobile." prefix.
func hostOf(s string) string {
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	for _, p := range []string{"www.", "m.", "mobile."} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// pinterestHost matches pinterest.com and its country sites:
// pinterest.co.uk, pinterest.de, pinterest.com.au, br.pinterest.com.
var pinterestHost = regexp.MustCompile(`^(?:[a-z]{2}\.)?pinterest\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$`)

// hostPlatform names the platform a host belongs to ("" for none); short
// is true for link shorteners, whose target cannot be known offline.
func hostPlatform(host string) (platform string, short bool) {
	switch host {
	case "instagram.com", "instagr.am":
		return "instagram", false
	case "tiktok.com":
		return "tiktok", false
	case "vm.tiktok.com", "vt.tiktok.com":
		return "tiktok", true
	case "youtube.com":
		return "youtube", false
	case "youtu.be":
		return "youtube", true
	case "x.com", "twitter.com":
		return "x", false
	case "t.co":
		return "x", true
	case "twitch.tv":
		return "twitch", false
	case "pin.it":
		return "pinterest", true
	}
	if pinterestHost.MatchString(host) {
		return "pinterest", false
	}
	return "", false
}
