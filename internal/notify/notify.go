// Package notify composes Roster's emails in the recipient's language
// from catalogue messages and puts them in the outbox.
package notify

import (
	"context"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/mail"
)

// Email is one message to compose: Key names the catalogue entries
// Key+".subject" and Key+".body"; Args fill their placeholders.
type Email struct {
	BrandID int64 // 0 for mail not tied to a brand
	To      string
	Locale  string // the recipient's language
	Key     string
	Args    []any
	ReplyTo string // where replies go, when not to the sender
}

// Send composes e and enqueues it within q (a transaction, normally), so
// the mail goes out only if the change that caused it commits.
func Send(ctx context.Context, q db.Querier, e Email) error {
	l := i18n.For(e.Locale)
	m := mail.Message{
		Kind:    e.Key,
		To:      e.To,
		Subject: l.T(e.Key+".subject", e.Args...),
		Body:    l.T(e.Key+".body", e.Args...) + "\n\n-- \n" + l.T("email.footer"),
		Locale:  l.Lang(),
		ReplyTo: e.ReplyTo,
	}
	if e.BrandID != 0 {
		id := e.BrandID
		m.BrandID = &id
	}
	_, err := mail.Enqueue(ctx, q, m)
	return err
}
