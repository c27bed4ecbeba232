package mail_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/mail"
)

func TestDeliverySendsTheMessageOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := startSMTP(t, plainText)
		q := deliveryQueue(d, sender(t, "smtp://"+srv.Addr), &clock{})
		brand := newBrand(t, d, "otono")
		subject := "¡Únete a la campaña de otoño, Lucía! Ñandú, pingüino y más acentos para partir la línea"
		body := "Hola Lucía:\n\nTu solicitud para la campaña «Otoño» fue aceptada. Revisa los entregables y la fecha límite en Roster cuando puedas.\n.\nUna línea con solo un punto, arriba.\n"
		id := mustEnqueue(t, d, mail.Message{BrandID: &brand, Kind: "email.invite", To: "Lucía Pérez <lucia@example.com>",
			Subject: subject, Body: body, Locale: "es"})
		work(t, q)

		got := srv.Received()
		if len(got) != 1 {
			t.Fatalf("server received %d messages, want 1", len(got))
		}
		if got[0].From != "roster@example.com" || len(got[0].To) != 1 || got[0].To[0] != "lucia@example.com" {
			t.Fatalf("envelope from %q to %v", got[0].From, got[0].To)
		}
		msg, err := netmail.ReadMessage(bytes.NewReader(got[0].Data))
		if err != nil {
			t.Fatal(err)
		}
		h := msg.Header
		var dec mime.WordDecoder
		gotSubject, err := dec.DecodeHeader(h.Get("Subject"))
		if err != nil || gotSubject != subject {
			t.Errorf("Subject decodes to %q (err %v), want %q", gotSubject, err, subject)
		}
		if to, err := h.AddressList("To"); err != nil || len(to) != 1 || to[0].Name != "Lucía Pérez" || to[0].Address != "lucia@example.com" {
			t.Errorf("To %q parses to %v (err %v)", h.Get("To"), to, err)
		}
		if f, err := h.AddressList("From"); err != nil || f[0].Name != "Roster" || f[0].Address != "roster@example.com" {
			t.Errorf("From %q", h.Get("From"))
		}
		if date, err := h.Date(); err != nil || time.Since(date) > time.Minute {
			t.Errorf("Date %q: %v", h.Get("Date"), err)
		}
		if id := h.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@example.com>") {
			t.Errorf("Message-ID %q", id)
		}
		if h.Get("Content-Type") != "text/plain; charset=utf-8" || h.Get("Content-Transfer-Encoding") != "quoted-printable" || h.Get("Mime-Version") != "1.0" {
			t.Errorf("MIME headers %v", h)
		}
		raw, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
		if err != nil {
			t.Fatal(err)
		}
		if decoded := strings.ReplaceAll(string(raw), "\r\n", "\n"); decoded != body {
			t.Errorf("body decodes to %q, want %q", decoded, body)
		}
		for _, line := range strings.Split(string(got[0].Data), "\r\n") {
			if len(line) > 78 {
				t.Errorf("line of %d characters sent: %q", len(line), line)
			}
		}

		m := mustGet(t, d, brand, id)
		if m.SentAt == nil || m.Attempts != 1 || m.LastError != "" {
			t.Fatalf("outbox after delivery: sent %v, attempts %d, error %q", m.SentAt, m.Attempts, m.LastError)
		}
		// A second delivery job for the same message sends nothing.
		if _, err := jobs.Enqueue(context.Background(), d, mail.DeliverKind, map[string]int64{"outbox_id": id}); err != nil {
			t.Fatal(err)
		}
		work(t, q)
		if n := len(srv.Received()); n != 1 {
			t.Fatalf("server has %d messages after a repeated delivery, want still 1", n)
		}
	})
}

func TestRefusedDeliveryIsRecordedAndRetried(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := startSMTP(t, plainText)
		srv.RejectRcpt(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox here"})
		clk := &clock{}
		q := deliveryQueue(d, sender(t, "smtp://"+srv.Addr), clk)
		brand := newBrand(t, d, "b")
		id := mustEnqueue(t, d, mail.Message{BrandID: &brand, Kind: "k", To: "nobody@example.com", Subject: "Hi", Body: "Hello"})
		work(t, q)

		m := mustGet(t, d, brand, id)
		if m.SentAt != nil || m.Attempts != 1 || !strings.Contains(m.LastError, "550") || !strings.Contains(m.LastError, "no such mailbox here") {
			t.Fatalf("outbox after a refusal: sent %v, attempts %d, error %q", m.SentAt, m.Attempts, m.LastError)
		}
		if state, attempts := jobState(t, d, id); state != jobs.StateAvailable || attempts != 1 {
			t.Fatalf("delivery job %s after %d attempts, want available for a retry", state, attempts)
		}

		srv.RejectRcpt(nil)
		clk.Advance(time.Hour) // past the backoff
		work(t, q)
		if m := mustGet(t, d, brand, id); m.SentAt == nil || m.Attempts != 2 || m.LastError != "" || len(srv.Received()) != 1 {
			t.Fatalf("outbox after the retry: sent %v, attempts %d, error %q", m.SentAt, m.Attempts, m.LastError)
		}
	})
}

func TestWithoutSMTPMessagesStayReadable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		var none *mail.SMTPSender // what a caller might pass when unconfigured
		q := deliveryQueue(d, none, &clock{})
		brand := newBrand(t, d, "b")
		id := mustEnqueue(t, d, mail.Message{BrandID: &brand, Kind: "k", To: "ana@example.com", Subject: "Hola", Body: "Cuerpo"})
		work(t, q)
		m := mustGet(t, d, brand, id)
		if m.SentAt != nil || m.Attempts != 0 || m.LastError != mail.NotConfigured || m.Body != "Cuerpo" {
			t.Fatalf("unsent message: %+v", m)
		}
		if state, _ := jobState(t, d, id); state != jobs.StateDone {
			t.Fatalf("delivery job %s, want done: nothing to retry without SMTP", state)
		}
	})
}
