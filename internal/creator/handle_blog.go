package creator

import (
	"strings"
)

const maxBlogAddress = 300

// normalizeBlog turns a blog address into host+path: no scheme, no
// "www.", no query, fragment or trailing slash, host lower-cased. Path
// case is kept (servers may treat it as significant); characters outside
// plain URL characters are percent-encoded.
func normalizeBlog(s string) (string, string, error) {
	rest, hadScheme := cutScheme(s)
	if !hadScheme && strings.Contains(s, "://") {
		return "", "", handleErr("validation.handle_link_scheme")
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	host, path, _ := strings.Cut(rest, "/")
	host = strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(host), "."), "www.")
	if !validHostname(host) {
		return "", "", handleErr("validation.blog_address")
	}
	if p, _ := hostPlatform(hostOf(host)); p != "" {
		return "", "", handleErr("validation.blog_is_platform", "platform", PlatformLabel(p))
	}
	var b strings.Builder
	b.WriteString(host)
	for _, seg := range strings.Split(path, "/") {
		if seg != "" {
			b.WriteByte('/')
			b.WriteString(escapePathSegment(seg))
		}
	}
	handle := b.String()
	if len(handle) > maxBlogAddress {
		return "", "", handleErr("validation.too_long", "max", maxBlogAddress)
	}
	return handle, "https://" + handle, nil
}

// validHostname accepts ASCII DNS names with at least two labels and a
// top-level domain that is not all digits (international domains in
// their xn-- form).
func validHostname(h string) bool {
	if len(h) > 253 {
		return false
	}
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			if !isASCIILetterOrDigit(c) && c != '-' {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	return strings.IndexFunc(tld, func(c rune) bool { return c < '0' || c > '9' }) >= 0
}

// escapePathSegment percent-encodes bytes that cannot appear in a URL
// path as they are; '%' itself is kept so encoding twice changes nothing.
func escapePathSegment(seg string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		if c > ' ' && c < 0x7f && !strings.ContainsRune("\"<>\\^`{|}", rune(c)) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
