package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// compose renders an RFC 5322 message: UTF-8 plain text sent as
// quoted-printable, so any body survives 7-bit relays and long lines.
func compose(from, to *mail.Address, subject, body string, now time.Time) ([]byte, error) {
	return composeReplyTo(from, to, nil, subject, body, now)
}

// composeReplyTo is compose with a Reply-To header when replyTo is set.
func composeReplyTo(from, to, replyTo *mail.Address, subject, body string, now time.Time) ([]byte, error) {
	var b bytes.Buffer
	header := func(name, value string) { b.WriteString(name + ": " + value + "\r\n") }
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", messageID(from))
	header("From", from.String())
	header("To", to.String())
	if replyTo != nil {
		header("Reply-To", replyTo.String())
	}
	b.WriteString("Subject:" + encodeSubject(subject) + "\r\n")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	// The writer sends LF as CRLF; it is given LF alone, because its own
	// handling of CR loses a line break when an encoded byte follows one.
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(lineBreaks.Replace(body))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// lineBreaks turns CRLF and lone CR into LF.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// encodeSubject Q-encodes a subject that is not plain ASCII, one encoded
// word per folded line: after "Subject: " even the first word could pass
// the 78 characters a line should keep to. Line breaks in the subject are
// encoded too, so it can never start a header of its own.
func encodeSubject(s string) string {
	enc := mime.QEncoding.Encode("utf-8", s)
	if enc == s {
		return " " + s
	}
	return "\r\n " + strings.ReplaceAll(enc, "?= =?", "?=\r\n =?")
}

// messageID is a unique id in the sender's domain.
func messageID(from *mail.Address) string {
	domain := "localhost"
	if at := strings.LastIndexByte(from.Address, '@'); at >= 0 {
		domain = from.Address[at+1:]
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "<" + hex.EncodeToString(b) + "@" + domain + ">"
}
