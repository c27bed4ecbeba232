package mail

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/jobs"
)

// Sender delivers one plain-text message.
type Sender interface {
	Send(ctx context.Context, to, subject, body string) error
}

// ReplyToSender is a Sender that can also name a Reply-To address.
type ReplyToSender interface {
	SendReplyTo(ctx context.Context, to, replyTo, subject, body string) error
}

// NotConfigured is recorded on messages kept because SMTP is not set up.
const NotConfigured = "SMTP is not configured: the message stays readable in Roster"

// RegisterDelivery installs the "mail.deliver" handler on q. A nil s means
// SMTP is not configured: messages are kept, unsent and readable, without
// retries. A failed send is recorded on the message and retried by the
// queue; a message already sent is never sent again.
func RegisterDelivery(q *jobs.Queue, d *db.DB, s Sender) {
	if smtpSender, ok := s.(*SMTPSender); ok && smtpSender == nil {
		s = nil // a typed nil in the interface is still "not configured"
	}
	q.Register(DeliverKind, func(ctx context.Context, j jobs.Job) error {
		var p deliverPayload
		if err := j.Decode(&p); err != nil || p.OutboxID <= 0 {
			return jobs.Permanent(fmt.Errorf("mail.deliver: payload %s names no outbox message", j.Payload))
		}
		return deliver(ctx, d, s, p.OutboxID)
	})
}

func deliver(ctx context.Context, d *db.DB, s Sender, id int64) error {
	var to, subject, body, replyTo string
	var sentAt sql.NullInt64
	err := d.QueryRowContext(ctx, `SELECT to_addr, subject, body, reply_to, sent_at FROM outbox WHERE id = ?`, id).
		Scan(&to, &subject, &body, &replyTo, &sentAt)
	if errors.Is(err, sql.ErrNoRows) || sentAt.Valid {
		return nil // deleted with its brand, or sent already
	}
	if err != nil {
		return err
	}
	if s == nil {
		_, err := d.ExecContext(ctx, `UPDATE outbox SET last_error = ? WHERE id = ? AND sent_at IS NULL`, NotConfigured, id)
		return err
	}
	send := func() error { return s.Send(ctx, to, subject, body) }
	if rs, ok := s.(ReplyToSender); ok && replyTo != "" {
		send = func() error { return rs.SendReplyTo(ctx, to, replyTo, subject, body) }
	}
	if sendErr := send(); sendErr != nil {
		_, err := d.ExecContext(context.WithoutCancel(ctx),
			`UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?`, storable(sendErr), id)
		return errors.Join(sendErr, err)
	}
	// The mail is gone: record it even if the job is being cancelled.
	_, err = d.ExecContext(context.WithoutCancel(ctx),
		`UPDATE outbox SET attempts = attempts + 1, sent_at = ?, last_error = '' WHERE id = ? AND sent_at IS NULL`,
		time.Now().UnixMilli(), id)
	return err
}

// storable makes an error fit a PostgreSQL text column: no NUL bytes,
// valid UTF-8, bounded length.
func storable(err error) string {
	s := strings.ToValidUTF8(strings.ReplaceAll(err.Error(), "\x00", ""), "\uFFFD")
	if len(s) > 2000 {
		s = strings.ToValidUTF8(s[:2000], "") + "…"
	}
	return s
}
