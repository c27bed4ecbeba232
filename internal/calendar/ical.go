package calendar

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// icalWriter writes iCalendar (RFC 5545) content lines: CRLF endings,
// lines folded at 75 octets without splitting a UTF-8 character, TEXT
// values escaped. It is the whole of the format Roster needs; the Go
// libraries looked at either do not fold lines or bring far more than a
// feed of all-day events uses (see docs/adr/0010-icalendar-feed.md).
type icalWriter struct {
	w   *bufio.Writer
	err error
}

func newICalWriter(w io.Writer) *icalWriter { return &icalWriter{w: bufio.NewWriter(w)} }

// maxLineOctets is RFC 5545 §3.1's limit, not counting the CRLF.
const maxLineOctets = 75

// line writes one content line "NAME[;PARAMS]:VALUE", folded. value must
// already be escaped when it is TEXT (see text).
func (iw *icalWriter) line(nameAndParams, value string) {
	if iw.err != nil {
		return
	}
	iw.err = writeFolded(iw.w, nameAndParams+":"+value)
}

// text writes a TEXT property, escaping its value.
func (iw *icalWriter) text(name, value string) { iw.line(name, escapeText(value)) }

// date writes a DATE-valued property.
func (iw *icalWriter) date(name string, day time.Time) {
	iw.line(name+";VALUE=DATE", day.UTC().Format("20060102"))
}

// utc writes a DATE-TIME property in UTC ("Z" form).
func (iw *icalWriter) utc(name string, t time.Time) {
	iw.line(name, t.UTC().Format("20060102T150405Z"))
}

func (iw *icalWriter) flush() error {
	if iw.err != nil {
		return iw.err
	}
	return iw.w.Flush()
}

// writeFolded writes s as a content line: when longer than 75 octets it
// is broken before the character that would pass the limit, and each
// continuation starts with a space (which counts towards its 75).
func writeFolded(w *bufio.Writer, s string) error {
	limit := maxLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut-- // never split a multi-byte character
		}
		if _, err := w.WriteString(s[:cut]); err != nil {
			return err
		}
		if _, err := w.WriteString("\r\n "); err != nil {
			return err
		}
		s = s[cut:]
		limit = maxLineOctets - 1 // the leading space takes one octet
	}
	_, err := w.WriteString(s + "\r\n")
	return err
}

// textEscaper escapes a TEXT value (RFC 5545 §3.3.11): backslash, comma
// and semicolon get a backslash, newlines become \n, and a bare CR is
// dropped (CRLF counts as one newline).
var textEscaper = strings.NewReplacer(`\`, `\\`, `,`, `\,`, `;`, `\;`, "\r\n", `\n`, "\n", `\n`, "\r", "")

func escapeText(s string) string {
	// Control characters other than newline are not allowed in TEXT.
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return textEscaper.Replace(s)
}
