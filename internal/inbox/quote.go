package inbox

import (
	"regexp"
	"strings"
)

// quoteHeader matches the line mail programs put above the message they
// quote: "On <date>, <name> wrote:" and its Spanish form, Outlook's
// "-----Original Message-----" and a forwarded block. A header that mail
// programs wrap over two lines is matched by joining each line with the
// next.
var quoteHeader = regexp.MustCompile(`(?i)^(on\b.*\bwrote:|el\b.*\bescribió:|-+\s*original message\s*-+|-+\s*mensaje original\s*-+|-+\s*forwarded message\s*-+)$`)

// StripQuoted returns the new text of a plain-text reply: everything above
// the quote header or the first run of "> " lines that ends the message,
// and above a "-- " signature. Providers that strip quotes themselves
// (stripped-text) are trusted first; this is the fallback.
func StripQuoted(body string) string {
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	cut := len(lines)
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "--" && strings.HasPrefix(line, "-- ") || line == "-- " {
			cut = i
			break
		}
		if quoteHeader.MatchString(trimmed) {
			cut = i
			break
		}
		if i+1 < len(lines) && quoteHeader.MatchString(trimmed+" "+strings.TrimSpace(lines[i+1])) {
			cut = i
			break
		}
		if strings.HasPrefix(trimmed, ">") && onlyQuotesAfter(lines[i:]) {
			cut = i
			break
		}
	}
	return strings.TrimSpace(strings.Join(lines[:cut], "\n"))
}

// onlyQuotesAfter reports whether the rest of the message is quoted lines
// and blank lines: a quote in the middle of a reply (answering point by
// point) is kept.
func onlyQuotesAfter(lines []string) bool {
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, ">") {
			return false
		}
	}
	return true
}
