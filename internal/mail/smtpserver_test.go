package mail_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message as the test SMTP server got it.
type received struct {
	From   string
	To     []string
	Data   []byte
	TLS    bool
	Authed bool
}

// smtpServer is a real SMTP server on loopback that records what it
// receives. Fields set before use change its behaviour.
type smtpServer struct {
	Addr string
	CA   *x509.CertPool // trusts the server's certificate when it has one

	mu         sync.Mutex
	msgs       []received
	rejectRcpt error  // answer to every RCPT TO while set
	user, pass string // when set, MAIL FROM needs AUTH PLAIN with these
}

type serverMode int

const (
	plainText   serverMode = iota // no TLS offered
	startTLS                      // STARTTLS offered
	implicitTLS                   // TLS from the first byte
)

func startSMTP(t *testing.T, mode serverMode) *smtpServer {
	t.Helper()
	s := &smtpServer{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, isTLS := c.TLSConnectionState()
		return &session{srv: s, tls: isTLS, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if mode != plainText {
		cfg, pool := selfSignedTLS(t)
		s.CA = pool
		srv.TLSConfig = cfg
		if mode == implicitTLS {
			ln = tls.NewListener(ln, cfg)
		}
	}
	s.Addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

func (s *smtpServer) Received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

func (s *smtpServer) RejectRcpt(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectRcpt = err
}

type session struct {
	srv    *smtpServer
	conn   *smtp.Conn
	tls    bool
	authed bool
	msg    received
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.srv.user || pass != ss.srv.pass {
			return errors.New("invalid user name or password")
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.srv.mu.Lock()
	needAuth := ss.srv.user != ""
	ss.srv.mu.Unlock()
	if needAuth && !ss.authed {
		return smtp.ErrAuthRequired
	}
	_, isTLS := ss.conn.TLSConnectionState() // after STARTTLS, too
	ss.msg = received{From: from, TLS: ss.tls || isTLS, Authed: ss.authed}
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.srv.mu.Lock()
	reject := ss.srv.rejectRcpt
	ss.srv.mu.Unlock()
	if reject != nil {
		return reject
	}
	ss.msg.To = append(ss.msg.To, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.msg.Data = b
	ss.srv.mu.Lock()
	defer ss.srv.mu.Unlock()
	ss.srv.msgs = append(ss.srv.msgs, ss.msg)
	return nil
}

func (ss *session) Reset()        { ss.msg = received{} }
func (ss *session) Logout() error { return nil }
