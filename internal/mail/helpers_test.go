package mail_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/mail"
)

var quiet = slog.New(slog.DiscardHandler)

const from = "Roster <roster@example.com>"

func newBrand(t *testing.T, d *db.DB, slug string) int64 {
	t.Helper()
	var id int64
	err := d.WriteQueryRowContext(context.Background(),
		`INSERT INTO brands (slug, name, created_at) VALUES (?, ?, ?) RETURNING id`, slug, slug, time.Now().UnixMilli()).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustEnqueue(t *testing.T, q db.Querier, m mail.Message) int64 {
	t.Helper()
	id, err := mail.Enqueue(context.Background(), q, m)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustGet(t *testing.T, d *db.DB, brandID, id int64) *mail.Outboxed {
	t.Helper()
	m, err := mail.Get(context.Background(), d, brandID, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sender(t *testing.T, rawURL string) *mail.SMTPSender {
	t.Helper()
	s, err := mail.NewSMTPSender(rawURL, from)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// clock is the real time plus an offset the test moves forward, so
// retries come due without waiting.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// deliveryQueue is a job queue that runs only mail delivery through s.
func deliveryQueue(d *db.DB, s mail.Sender, clk *clock) *jobs.Queue {
	q := jobs.New(d, quiet, jobs.Config{Now: clk.Now})
	mail.RegisterDelivery(q, d, s)
	return q
}

func work(t *testing.T, q *jobs.Queue) {
	t.Helper()
	ran, err := q.Work(context.Background())
	if err != nil || !ran {
		t.Fatalf("Work: ran %v, err %v; want one delivery run", ran, err)
	}
}

func jobState(t *testing.T, d *db.DB, outboxID int64) (state string, attempts int) {
	t.Helper()
	err := d.QueryRowContext(context.Background(),
		`SELECT state, attempts FROM jobs WHERE kind = ? AND payload = ?`, mail.DeliverKind, fmt.Sprintf(`{"outbox_id":%d}`, outboxID)).
		Scan(&state, &attempts)
	if err != nil {
		t.Fatal(err)
	}
	return state, attempts
}
