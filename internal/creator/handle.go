package creator

import (
	"strings"
)

// HandleError explains why a handle or profile URL was refused, in words a
// person can act on. Key names the message in the translation catalogues;
// Args are the values the message was formatted with.
type HandleError struct {
	Key     string
	Message string
	Args    []any
}

func (e *HandleError) Error() string { return e.Message }

// handleErr builds a HandleError; args are name/value pairs for the
// message's placeholders.
func handleErr(key string, args ...any) *HandleError {
	return &HandleError{Key: key, Message: englishText(key, args), Args: args}
}

// maxHandleInput bounds what is parsed: profile links are short, and
// this keeps hostile input cheap.
const maxHandleInput = 2000

var platformLabels = map[string]string{
	"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "x": "X",
	"twitch": "Twitch", "pinterest": "Pinterest", "blog": "Blog",
}

// PlatformLabel is a platform's name as people write it; an unknown
// platform is returned unchanged.
func PlatformLabel(p string) string {
	if l, ok := platformLabels[p]; ok {
		return l
	}
	return p
}

// IsPlatform reports whether p is one of Platforms.
func IsPlatform(p string) bool {
	_, ok := platformLabels[p]
	return ok
}

func platformList() string {
	labels := make([]string, len(Platforms))
	for i, p := range Platforms {
		labels[i] = PlatformLabel(p)
	}
	return strings.Join(labels, ", ")
}

// NormalizeHandle turns what a person typed or pasted ("@Jane", "jane",
// "https://www.instagram.com/jane/?hl=en") into the stored handle and the
// canonical https profile URL. Handles are lower-cased, except YouTube
// channel ids ("channel/UC…"), which are case-sensitive. Legacy YouTube
// URLs keep their kind: "c/name" and "user/name" are different namespaces
// from @handles. A blog's handle is its address without scheme, "www.",
// query or trailing slash; its host is lower-cased, its path kept as given.
func NormalizeHandle(platform, raw string) (handle, profileURL string, err error) {
	rule, ok := handleRules[platform]
	if !ok && platform != "blog" {
		return "", "", handleErr("validation.platform", "platforms", platformList())
	}
	s := strings.TrimSpace(raw)
	if s == "" || s == "@" {
		return "", "", handleErr("validation.handle_required")
	}
	if len(s) > maxHandleInput {
		return "", "", handleErr("validation.too_long", "max", maxHandleInput)
	}
	if platform == "blog" {
		return normalizeBlog(s)
	}
	s = strings.TrimPrefix(s, "@")
	link, isLink, herr := splitLink(s)
	if herr != nil {
		return "", "", herr
	}
	if !isLink {
		if platform == "youtube" {
			return youtubeHandle(youtubeKind(s))
		}
		return rule.finish(strings.ToLower(s))
	}
	if herr := checkLinkPlatform(platform, link.host); herr != nil {
		return "", "", herr
	}
	if platform == "youtube" {
		kind, name, herr := youtubePath(link.segments)
		if herr != nil {
			return "", "", herr
		}
		return youtubeHandle(kind, name)
	}
	name, herr := rule.fromPath(link.segments)
	if herr != nil {
		return "", "", herr
	}
	return rule.finish(strings.ToLower(name))
}

// checkLinkPlatform refuses links to another platform, short links (which
// cannot be followed offline) and hosts that are no platform at all.
func checkLinkPlatform(platform, host string) *HandleError {
	got, short := hostPlatform(host)
	switch {
	case short:
		return handleErr("validation.handle_short_link", "platform", PlatformLabel(got))
	case got == "":
		return handleErr("validation.handle_not_platform", "platform", PlatformLabel(platform), "example", handleRules[platform].example)
	case got != platform:
		return handleErr("validation.handle_wrong_platform", "got", PlatformLabel(got), "want", PlatformLabel(platform))
	}
	return nil
}

// finish checks a lower-cased handle against the platform's rules and
// builds its profile URL.
func (r handleRule) finish(name string) (string, string, error) {
	if herr := r.check(name); herr != nil {
		return "", "", herr
	}
	return name, r.url(name), nil
}
