package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"time"
)

// Send delivers one message; its error says which step of the SMTP
// conversation failed and what the server answered.
func (s *SMTPSender) Send(ctx context.Context, to, subject, body string) error {
	return s.SendReplyTo(ctx, to, "", subject, body)
}

// SendReplyTo delivers one message whose replies go to replyTo (none
// when empty).
func (s *SMTPSender) SendReplyTo(ctx context.Context, to, replyTo, subject, body string) error {
	rcpt, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("recipient %q: %w", to, err)
	}
	var reply *mail.Address
	if replyTo != "" {
		if reply, err = mail.ParseAddress(replyTo); err != nil {
			return fmt.Errorf("reply-to %q: %w", replyTo, err)
		}
	}
	msg, err := composeReplyTo(s.from, rcpt, reply, subject, body, time.Now())
	if err != nil {
		return fmt.Errorf("compose message: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	conn, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("connect to SMTP server %s: %w", s.addr, err)
	}
	defer conn.Close()
	// net/smtp knows no context: a deadline bounds every read and write,
	// and cancelling ctx moves it to now.
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	defer context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })()

	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		return fmt.Errorf("SMTP greeting from %s: %w", s.addr, err)
	}
	defer c.Close()
	if err := c.Hello(s.helo); err != nil {
		return fmt.Errorf("SMTP EHLO: %w", err)
	}
	if !s.implicitTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(s.tls); err != nil {
				return fmt.Errorf("SMTP STARTTLS with %s: %w", s.host, err)
			}
		}
	}
	if s.user != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return fmt.Errorf("SMTP server %s offers no AUTH, yet ROSTER_SMTP_URL names a user", s.addr)
		}
		// PlainAuth itself refuses to send the password unencrypted to
		// anything but localhost.
		if err := c.Auth(smtp.PlainAuth("", s.user, s.pass, s.host)); err != nil {
			return fmt.Errorf("SMTP sign-in as %s: %w", s.user, err)
		}
	}
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("SMTP MAIL FROM <%s>: %w", s.from.Address, err)
	}
	if err := c.Rcpt(rcpt.Address); err != nil {
		return fmt.Errorf("SMTP RCPT TO <%s>: %w", rcpt.Address, err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	// The server has accepted the message; a failed QUIT changes nothing.
	_ = c.Quit()
	return nil
}

func (s *SMTPSender) dial(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{}
	if s.implicitTLS {
		return (&tls.Dialer{NetDialer: d, Config: s.tls}).DialContext(ctx, "tcp", s.addr)
	}
	return d.DialContext(ctx, "tcp", s.addr)
}
