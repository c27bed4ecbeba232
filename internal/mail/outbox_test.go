package mail_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/mail"
)

func TestAnotherBrandsMessageIsNotFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		mine, theirs := newBrand(t, d, "mine"), newBrand(t, d, "theirs")
		id := mustEnqueue(t, d, mail.Message{BrandID: &mine, Kind: "k", To: "a@example.com", Subject: "S", Body: "B"})
		if _, err := mail.Get(ctx, d, theirs, id); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("Get with another brand: %v, want not_found", err)
		}
		if _, err := mail.Get(ctx, d, mine, id+1000); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("Get of a missing id: %v, want not_found", err)
		}
		if list, err := mail.List(ctx, d, theirs, 10, 0); err != nil || len(list) != 0 {
			t.Fatalf("another brand lists %v (err %v), want nothing", list, err)
		}
		m := mustGet(t, d, mine, id)
		if m.BrandID == nil || *m.BrandID != mine || m.To != "a@example.com" || m.Locale != "en" || m.CreatedAt.IsZero() {
			t.Fatalf("own message: %+v", m)
		}
	})
}

func TestListPagesNewestFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		brand := newBrand(t, d, "b")
		var ids []int64
		for range 5 {
			ids = append(ids, mustEnqueue(t, d, mail.Message{BrandID: &brand, Kind: "k", To: "a@example.com", Subject: "S", Body: "B"}))
		}
		platform := mustEnqueue(t, d, mail.Message{Kind: "email.reset", To: "admin@example.com", Subject: "Reset", Body: "B"})

		first, err := mail.List(ctx, d, brand, 2, 0)
		if err != nil {
			t.Fatal(err)
		}
		next, err := mail.List(ctx, d, brand, 2, first[len(first)-1].ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, m := range append(first, next...) {
			got = append(got, m.ID)
		}
		want := []int64{ids[4], ids[3], ids[2], ids[1]}
		if len(first) != 2 || len(next) != 2 || !slices.Equal(got, want) {
			t.Fatalf("pages %v, want %v", got, want)
		}
		all, err := mail.ListAll(ctx, d, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 6 || all[0].ID != platform || all[0].BrandID != nil {
			t.Fatalf("ListAll: %d messages, first %+v; want 6 with the brand-less one first", len(all), all[0])
		}
	})
}

func TestEnqueueValidatesAndNormalizes(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	_, err := mail.Enqueue(ctx, d, mail.Message{Kind: "k", To: "not an address", Subject: " ", Body: ""})
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid || !apperr.Fields(e.Fields).Has("to") || !apperr.Fields(e.Fields).Has("subject") || !apperr.Fields(e.Fields).Has("body") {
		t.Fatalf("invalid message: %v, want invalid to, subject and body", err)
	}
	id := mustEnqueue(t, d, mail.Message{Kind: "k", To: " Ana <ana@example.com> ", Subject: "Hi\r\nBcc: evil@example.com", Body: "B"})
	all, err := mail.ListAll(ctx, d, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if all[0].ID != id || all[0].Subject != "Hi Bcc: evil@example.com" || all[0].To != `"Ana" <ana@example.com>` {
		t.Fatalf("stored %+v: want a one-line subject and a canonical address", all[0])
	}
}

func TestEnqueueIsAtomicWithTheCallersTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		rollback := errors.New("roll back")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			mustEnqueue(t, tx, mail.Message{Kind: "k", To: "a@example.com", Subject: "S", Body: "B"})
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatal(err)
		}
		var outbox, queued int
		if err := d.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM jobs)`).Scan(&outbox, &queued); err != nil {
			t.Fatal(err)
		}
		if outbox != 0 || queued != 0 {
			t.Fatalf("after rollback: %d outbox rows, %d jobs; want none", outbox, queued)
		}
		id := mustEnqueue(t, d, mail.Message{Kind: "k", To: "a@example.com", Subject: "S", Body: "B"})
		if state, _ := jobState(t, d, id); state != "available" {
			t.Fatalf("delivery job of a message enqueued on the DB is %q, want available", state)
		}
	})
}
