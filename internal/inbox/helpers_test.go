package inbox

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/web"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// fixture is one brand with two community managers, a viewer-less team,
// a creator with an email and the inbox service over a test clock.
type fixture struct {
	d       *db.DB
	clk     *clock
	deps    *web.Deps
	svc     *Service
	brand   *brand.Brand
	cm, cm2 *auth.Principal
	creator *creator.Creator
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{d: d, clk: &clock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)}}
	f.deps = &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: f.clk.Now,
		Config: web.Config{BaseURL: "https://roster.test", InboundDomain: "in.roster.test", InboundSigningKey: "key-1"}}
	f.svc = NewService(f.deps)
	var err error
	if f.brand, err = brand.Create(ctx, d, "Acme", "", f.clk.Now()); err != nil {
		t.Fatal(err)
	}
	f.cm = f.member(t, "cm@acme.test", "Carla Manager", auth.CommunityManager)
	f.cm2 = f.member(t, "cm2@acme.test", "Dana Other", auth.CommunityManager)
	p := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: f.brand.ID}, nil)
	f.creator, err = creator.NewService(d, f.clk.Now).Create(ctx, p, creator.Fields{DisplayName: "Lucía Pérez",
		Email: "lucia@example.test", Languages: []string{"es"}, Stage: "active"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) member(t *testing.T, email, name string, role auth.Role) *auth.Principal {
	t.Helper()
	ctx := context.Background()
	u, err := auth.CreateUser(ctx, f.d, email, name, "", "en", false, f.clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := brand.SetMember(ctx, f.d, f.brand.ID, u.ID, role, f.clk.Now()); err != nil {
		t.Fatal(err)
	}
	return auth.NewPrincipal(auth.Principal{User: u, BrandID: f.brand.ID, BrandName: f.brand.Name, Role: role}, auth.PermissionsOf(role))
}

// ask starts a thread as the creator from the portal.
func (f *fixture) ask(t *testing.T, subject, body string) *Thread {
	t.Helper()
	th, err := f.svc.Start(context.Background(), f.brand.ID, CreatorAuthor(f.creator.Email, f.creator.DisplayName, f.brand.ID, ChannelPortal),
		NewThread{CreatorID: f.creator.ID, Subject: subject, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func (f *fixture) post(t *testing.T, th *Thread, a Author, body string) *Message {
	t.Helper()
	m, err := f.svc.Post(context.Background(), f.brand.ID, th.ID, a, body)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (f *fixture) get(t *testing.T, viewer *auth.Principal, id int64) *Thread {
	t.Helper()
	th, err := Get(context.Background(), f.d, f.brand.ID, viewer.UserID(), id)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func (f *fixture) creatorAuthor(channel string) Author {
	return CreatorAuthor(f.creator.Email, f.creator.DisplayName, f.brand.ID, channel)
}

// queue is a job queue on the fixture's clock with the digest and mail
// jobs; mail delivery keeps messages in the outbox (no SMTP).
func (f *fixture) queue() *jobs.Queue {
	q := jobs.New(f.d, f.deps.Log, jobs.Config{Now: f.clk.Now})
	RegisterJobs(q, f.deps)
	return q
}

// runDue runs every job due now and returns how many of kind ran.
func runDue(t *testing.T, d *db.DB, q *jobs.Queue, kind string) int {
	t.Helper()
	var before int
	count := func() int {
		var n int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = ? AND state = 'done'`, kind).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before = count()
	for {
		ran, err := q.Work(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			break
		}
	}
	return count() - before
}

func hasField(err error, field string) bool {
	e, ok := apperr.As(err)
	return ok && apperr.Fields(e.Fields).Has(field)
}

func outbox(t *testing.T, d *db.DB, kind string) []map[string]string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), `SELECT to_addr, subject, body, locale, reply_to FROM outbox WHERE kind = ? ORDER BY id`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []map[string]string
	for rows.Next() {
		var to, subject, body, locale, replyTo string
		if err := rows.Scan(&to, &subject, &body, &locale, &replyTo); err != nil {
			t.Fatal(err)
		}
		out = append(out, map[string]string{"to": to, "subject": subject, "body": body, "locale": locale, "reply_to": replyTo})
	}
	return out
}

var _ = fmt.Sprintf
