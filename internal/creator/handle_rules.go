package creator

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// handleRule is one platform's published username rules.
type handleRule struct {
	label      string
	min, max   int
	dots       bool   // periods allowed (Instagram, TikTok)
	pathPrefix string // "@" when profile paths start with it (TikTok)
	reserved   string // first path segments that are pages, not profiles
	example    string // a profile link, for messages
	url        func(name string) string
}

var handleRules = map[string]handleRule{
	"instagram": {label: "Instagram", min: 1, max: 30, dots: true,
		reserved: " p reel reels stories explore tv accounts direct about developer legal ",
		example:  "instagram.com/name", url: prefixURL("https://www.instagram.com/", "/")},
	"tiktok": {label: "TikTok", min: 2, max: 24, dots: true, pathPrefix: "@",
		example: "tiktok.com/@name", url: prefixURL("https://www.tiktok.com/@", "")},
	"youtube": {label: "YouTube", min: 3, max: 30, example: "youtube.com/@name"},
	"x": {label: "X", min: 1, max: 15,
		reserved: " home i search explore intent share hashtag settings messages notifications compose login signup tos privacy ",
		example:  "x.com/name", url: prefixURL("https://x.com/", "")},
	"twitch": {label: "Twitch", min: 4, max: 25,
		reserved: " directory videos p settings downloads jobs turbo subscriptions inventory wallet search friends messages ",
		example:  "twitch.tv/name", url: prefixURL("https://www.twitch.tv/", "")},
	"pinterest": {label: "Pinterest", min: 3, max: 30,
		reserved: " pin search ideas today business settings _ ",
		example:  "pinterest.com/name", url: prefixURL("https://www.pinterest.com/", "/")},
}

func prefixURL(prefix, suffix string) func(string) string {
	return func(name string) string { return prefix + name + suffix }
}

// fromPath picks the profile name out of a link's path segments.
func (r handleRule) fromPath(segs []string) (string, *HandleError) {
	if len(segs) == 0 {
		return "", handleErr("validation.handle_no_name", "platform", r.label, "example", r.example)
	}
	first := segs[0]
	if r.pathPrefix != "" {
		if !strings.HasPrefix(first, r.pathPrefix) {
			return "", notProfile(r)
		}
		return strings.TrimPrefix(first, r.pathPrefix), nil
	}
	if strings.Contains(r.reserved, " "+strings.ToLower(first)+" ") {
		return "", notProfile(r)
	}
	return first, nil
}

func notProfile(r handleRule) *HandleError {
	return handleErr("validation.handle_not_profile", "platform", r.label, "example", r.example)
}

// check applies the character and length rules to a lower-cased handle.
func (r handleRule) check(name string) *HandleError {
	for _, c := range name {
		if isASCIILetterOrDigit(c) || c == '_' || (r.dots && c == '.') {
			continue
		}
		if r.dots {
			return handleErr("validation.handle_chars_dots", "platform", r.label, "char", strconv.Quote(string(c)))
		}
		return handleErr("validation.handle_chars", "platform", r.label, "char", strconv.Quote(string(c)))
	}
	if n := utf8.RuneCountInString(name); n < r.min || n > r.max {
		return handleErr("validation.handle_length", "platform", r.label, "min", r.min, "max", r.max, "n", n)
	}
	if strings.Contains(r.reserved, " "+name+" ") {
		return handleErr("validation.handle_reserved", "name", strconv.Quote(name), "platform", r.label)
	}
	switch r.label {
	case "Instagram":
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || strings.Contains(name, "..") {
			return handleErr("validation.handle_periods", "platform", r.label)
		}
	case "TikTok":
		if strings.HasSuffix(name, ".") {
			return handleErr("validation.handle_trailing_period", "platform", r.label)
		}
	case "Twitch":
		if strings.HasPrefix(name, "_") {
			return handleErr("validation.handle_underscore", "platform", r.label)
		}
	}
	return nil
}

func isASCIILetterOrDigit(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
