package browsertest_test

import (
	"bytes"
	"io"
	"log"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// mailWait bounds how long a test waits for an email to arrive.
const mailWait = 30 * time.Second

// sunkMail is one message as the test SMTP server received it, decoded:
// the subject from its encoded words, the body from quoted-printable.
type sunkMail struct {
	From    string
	To      []string
	Subject string
	Body    string
}

// mailSink is a real SMTP server on loopback that keeps what it receives
// and wakes whoever waits for a message.
type mailSink struct {
	Addr string

	mu      sync.Mutex
	msgs    []sunkMail
	arrived chan struct{} // closed, and replaced, when a message arrives
}

func startMailSink(t *testing.T) *mailSink {
	t.Helper()
	s := &mailSink{arrived: make(chan struct{})}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: s}, nil }))
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// waitFor returns the first message received for to that match accepts,
// waiting for new ones until mailWait has passed.
func (s *mailSink) waitFor(t *testing.T, what, to string, match func(sunkMail) bool) sunkMail {
	t.Helper()
	deadline := time.NewTimer(mailWait)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		msgs, arrived := s.msgs, s.arrived
		s.mu.Unlock()
		for _, m := range msgs {
			if len(m.To) == 1 && m.To[0] == to && match(m) {
				return m
			}
		}
		select {
		case <-arrived:
		case <-deadline.C:
			var got []string
			for _, m := range msgs {
				got = append(got, strings.Join(m.To, ",")+": "+m.Subject)
			}
			t.Fatalf("%s: no such email to %s within %s; the SMTP server has %q", what, to, mailWait, got)
		}
	}
}

func (s *mailSink) add(m sunkMail) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

type sinkSession struct {
	sink *mailSink
	cur  sunkMail
}

func (ss *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	ss.cur = sunkMail{From: from}
	return nil
}

func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.cur.To = append(ss.cur.To, to)
	return nil
}

// Data decodes the message as a mail reader would; one it cannot read is
// refused, so the sender sees the failure.
func (ss *sinkSession) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	if ss.cur.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return err
	}
	body := io.Reader(msg.Body)
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(msg.Body)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(body); err != nil {
		return err
	}
	ss.cur.Body = strings.ReplaceAll(b.String(), "\r\n", "\n")
	ss.sink.add(ss.cur)
	return nil
}

func (ss *sinkSession) Reset()        { ss.cur = sunkMail{} }
func (ss *sinkSession) Logout() error { return nil }
