// Package mail is Roster's outbox: every email is first a row in the
// outbox table, written in the same transaction as the change that caused
// it, and a "mail.deliver" job sends it through SMTP when SMTP is
// configured. Without SMTP the messages stay readable in Roster.
package mail

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
)

// Message is an email to send: a plain-text body in the recipient's
// language. BrandID is nil for mail not tied to a brand (sign-in, resets).
type Message struct {
	BrandID *int64
	Kind    string // what the mail is about, for example "email.invite"
	To      string // an address, with or without a display name
	Subject string
	Body    string
	Locale  string // defaults to "en"
	// ReplyTo, when set, is where replies go (the inbox's per-thread
	// reply address) instead of the sender.
	ReplyTo string
}

// Outboxed is a message as stored in the outbox, with its delivery state.
type Outboxed struct {
	ID                      int64
	BrandID                 *int64
	Kind, To, Subject, Body string
	Locale                  string
	CreatedAt               time.Time
	SentAt                  *time.Time // nil while unsent
	Attempts                int        // delivery attempts made
	LastError               string     // why the last attempt failed, or why none was made
}

// maxSubject keeps a subject well inside SMTP's line limits once encoded.
const maxSubject = 400

// normalize validates m and puts it in stored form: a canonical address,
// a one-line subject (so it can never add a header) and a locale.
func (m *Message) normalize() error {
	var f apperr.Fields
	m.Kind = strings.TrimSpace(m.Kind)
	if m.Kind == "" {
		f.Add("kind", "validation.required", "Kind is required.")
	}
	if addr, err := mail.ParseAddress(strings.TrimSpace(m.To)); err != nil {
		f.Add("to", "validation.email", "Enter a valid email address.")
	} else if addr.Name == "" {
		m.To = addr.Address
	} else {
		m.To = addr.String()
	}
	if m.ReplyTo = strings.TrimSpace(m.ReplyTo); m.ReplyTo != "" {
		if addr, err := mail.ParseAddress(m.ReplyTo); err != nil {
			f.Add("reply_to", "validation.email", "Enter a valid email address.")
		} else {
			m.ReplyTo = addr.Address
		}
	}
	m.Subject = strings.Join(strings.Fields(m.Subject), " ")
	switch {
	case m.Subject == "":
		f.Add("subject", "validation.required", "Subject is required.")
	case utf8.RuneCountInString(m.Subject) > maxSubject:
		f.Add("subject", "validation.too_long", "Subject is too long.")
	}
	if strings.TrimSpace(m.Body) == "" {
		f.Add("body", "validation.required", "Body is required.")
	}
	m.Locale = strings.TrimSpace(m.Locale)
	if m.Locale == "" {
		m.Locale = "en"
	}
	return f.Err()
}
