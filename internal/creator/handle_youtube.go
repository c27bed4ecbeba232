package creator

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// YouTube has four kinds of profile address, and they are different
// namespaces, so the stored handle keeps the kind: "name" for @name,
// "c/name" and "user/name" for legacy names, "channel/UC…" for channel
// ids (the only case-sensitive handles Roster stores).
const (
	ytHandle  = ""
	ytCustom  = "c/"
	ytUser    = "user/"
	ytChannel = "channel/"
)

var youtubeChannelID = regexp.MustCompile(`^UC[A-Za-z0-9_-]{22}$`)

// youtubeKind splits a typed handle: "c/name", "user/name",
// "channel/UC…", a bare channel id, or an @handle.
func youtubeKind(s string) (kind, name string) {
	lower := strings.ToLower(s)
	for _, k := range []string{ytCustom, ytUser, ytChannel} {
		if strings.HasPrefix(lower, k) {
			return k, s[len(k):]
		}
	}
	if youtubeChannelID.MatchString(s) {
		return ytChannel, s
	}
	return ytHandle, s
}

// youtubePath reads youtube.com/@name, /c/name, /user/name and
// /channel/UC….
func youtubePath(segs []string) (kind, name string, err *HandleError) {
	r := handleRules["youtube"]
	if len(segs) == 0 {
		return "", "", handleErr("validation.handle_no_name", "platform", r.label, "example", r.example)
	}
	if strings.HasPrefix(segs[0], "@") {
		return ytHandle, segs[0][1:], nil
	}
	if len(segs) >= 2 {
		switch strings.ToLower(segs[0]) {
		case "c":
			return ytCustom, segs[1], nil
		case "user":
			return ytUser, segs[1], nil
		case "channel":
			return ytChannel, segs[1], nil
		}
	}
	return "", "", notProfile(r)
}

// youtubeHandle checks one kind of YouTube name and builds its URL.
// Handles may use letters of any script, digits, '_', '-' and '.'.
func youtubeHandle(kind, name string) (string, string, error) {
	if kind == ytChannel {
		if !youtubeChannelID.MatchString(name) {
			return "", "", handleErr("validation.handle_youtube_channel")
		}
		return kind + name, "https://www.youtube.com/channel/" + name, nil
	}
	name = strings.ToLower(name)
	for _, c := range name {
		if !(unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c) || c == '_' || c == '-' || c == '.') {
			return "", "", handleErr("validation.handle_chars_youtube", "char", strconv.Quote(string(c)))
		}
	}
	lo, hi := 3, 30
	if kind != ytHandle {
		lo, hi = 1, 100
	}
	if n := utf8.RuneCountInString(name); n < lo || n > hi {
		return "", "", handleErr("validation.handle_length", "platform", "YouTube", "min", lo, "max", hi, "n", n)
	}
	if kind == ytHandle {
		return name, "https://www.youtube.com/@" + url.PathEscape(name), nil
	}
	return kind + name, "https://www.youtube.com/" + kind + url.PathEscape(name), nil
}
