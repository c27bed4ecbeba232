package mail

import (
	"context"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/jobs"
)

// DeliverKind is the job kind that sends one outbox message.
const DeliverKind = "mail.deliver"

type deliverPayload struct {
	OutboxID int64 `json:"outbox_id"`
}

const insertOutbox = `INSERT INTO outbox (brand_id, kind, to_addr, subject, body, locale, reply_to, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`

// Enqueue validates m (an apperr Invalid error lists the bad fields),
// stores it in the outbox and queues its delivery, both within q: given
// the caller's transaction, the mail exists only if that commits. Given
// the *db.DB, Enqueue opens a transaction of its own so that no message is
// stored without its delivery job. Call the queue's Notify after the
// commit to send at once rather than at the next poll.
func Enqueue(ctx context.Context, q db.Querier, m Message) (int64, error) {
	if err := m.normalize(); err != nil {
		return 0, err
	}
	d, ok := q.(*db.DB)
	if !ok {
		return enqueue(ctx, q, m)
	}
	var id int64
	err := d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = enqueue(ctx, tx, m)
		return err
	})
	return id, err
}

// enqueue runs inside a transaction, whose statements go to the writer.
func enqueue(ctx context.Context, q db.Querier, m Message) (int64, error) {
	var brand any // NULL for mail not tied to a brand
	if m.BrandID != nil {
		brand = *m.BrandID
	}
	var id int64
	err := q.QueryRowContext(ctx, insertOutbox, brand, m.Kind, m.To, m.Subject, m.Body, m.Locale, m.ReplyTo, time.Now().UnixMilli()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("mail: store in outbox: %w", err)
	}
	if _, err := jobs.Enqueue(ctx, q, DeliverKind, deliverPayload{OutboxID: id}); err != nil {
		return 0, fmt.Errorf("mail: queue delivery: %w", err)
	}
	return id, nil
}
