package mail_test

import (
	"bytes"
	netmail "net/mail"
	"testing"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/mail"
)

// A message with a reply address is delivered with a Reply-To header; one
// without gets none.
func TestDeliveryCarriesReplyTo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := startSMTP(t, plainText)
		q := deliveryQueue(d, sender(t, "smtp://"+srv.Addr), &clock{})
		brand := newBrand(t, d, "replies")
		mustEnqueue(t, d, mail.Message{BrandID: &brand, Kind: "inbox", To: "ana@example.com", Subject: "Re: envío",
			Body: "Hola", ReplyTo: "Roster <reply+abc123@in.example.com>"})
		work(t, q)
		mustEnqueue(t, d, mail.Message{BrandID: &brand, Kind: "inbox", To: "ana@example.com", Subject: "Sin respuesta", Body: "Hola"})
		work(t, q)
		got := srv.Received()
		if len(got) != 2 {
			t.Fatalf("server received %d messages", len(got))
		}
		for i, want := range []string{"<reply+abc123@in.example.com>", ""} {
			msg, err := netmail.ReadMessage(bytes.NewReader(got[i].Data))
			if err != nil {
				t.Fatal(err)
			}
			if h := msg.Header.Get("Reply-To"); h != want {
				t.Errorf("message %d Reply-To = %q, want %q", i, h, want)
			}
		}
		if _, err := mail.Enqueue(t.Context(), d, mail.Message{Kind: "x", To: "a@example.com", Subject: "s", Body: "b", ReplyTo: "not an address"}); err == nil {
			t.Error("a bad reply address was accepted")
		}
	})
}
