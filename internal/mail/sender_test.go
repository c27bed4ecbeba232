package mail_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/mail"
)

func TestNewSMTPSenderRejectsBadConfiguration(t *testing.T) {
	for _, tc := range []struct{ url, from, want string }{
		{"smtp://", from, "ROSTER_SMTP_URL: missing host"},
		{"smtp://:25", from, "ROSTER_SMTP_URL: missing host"},
		{"mailto:a@example.com", from, `scheme "mailto" is not supported`},
		{"relay.example.com:25", from, "is not supported"},
		{"smtp://relay.example.com:99999", from, `port "99999"`},
		{"smtp://relay.example.com/inbox", from, "expected only user, password, host and port"},
		{"smtp://:secret@relay.example.com", from, "a password without a user name"},
		{"smtp://user:s3cr%zzet@relay.example.com", from, "not a valid URL"},
		{"smtp://relay.example.com", "", "ROSTER_SMTP_FROM: missing sender address"},
		{"smtp://relay.example.com", "roster at example", "ROSTER_SMTP_FROM"},
	} {
		_, err := mail.NewSMTPSender(tc.url, tc.from)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewSMTPSender(%q, %q) = %v, want an error with %q", tc.url, tc.from, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr") {
			t.Errorf("error %q shows the password", err)
		}
	}
	for _, ok := range []string{"smtp://relay.example.com", "smtp+insecure://u:p%40ss@10.0.0.2:2525", "smtps://u:p@smtp.example.com", "smtps+insecure://relay"} {
		s, err := mail.NewSMTPSender(ok, from)
		if err != nil {
			t.Errorf("NewSMTPSender(%q): %v", ok, err)
		} else if strings.Contains(s.String(), "p@ss") {
			t.Errorf("String() %q shows the password", s)
		}
	}
}

func TestSendOverEachTransport(t *testing.T) {
	plain, starttls, tlsOnly := startSMTP(t, plainText), startSMTP(t, startTLS), startSMTP(t, implicitTLS)
	authed := startSMTP(t, plainText)
	authed.user, authed.pass = "roster", "p@ss word"
	verified := sender(t, "smtp://"+starttls.Addr)
	mail.TrustRoots(verified, starttls.CA)

	for _, tc := range []struct {
		name    string
		srv     *smtpServer
		s       *mail.SMTPSender
		wantTLS bool
	}{
		{"plain relay", plain, sender(t, "smtp://"+plain.Addr), false},
		{"STARTTLS, certificate verified", starttls, verified, true},
		{"STARTTLS, verification skipped", starttls, sender(t, "smtp+insecure://"+starttls.Addr), true},
		{"implicit TLS", tlsOnly, sender(t, "smtps+insecure://"+tlsOnly.Addr), true},
		{"AUTH PLAIN on localhost", authed, sender(t, "smtp://roster:p%40ss%20word@"+authed.Addr), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(tc.srv.Received())
			if err := tc.s.Send(context.Background(), "ana@example.com", "Hola", "Cuerpo"); err != nil {
				t.Fatal(err)
			}
			got := tc.srv.Received()
			if len(got) != before+1 || got[len(got)-1].TLS != tc.wantTLS {
				t.Fatalf("server got %d new messages, TLS %v; want 1, TLS %v", len(got)-before, got[len(got)-1].TLS, tc.wantTLS)
			}
		})
	}

	for _, tc := range []struct {
		name, url, want string
		trust           bool
	}{
		{"untrusted certificate", "smtp://" + starttls.Addr, "certificate", false},
		{"wrong password", "smtp://roster:nope@" + authed.Addr, "SMTP sign-in as roster", false},
		{"AUTH required but no user given", "smtp://" + authed.Addr, "MAIL FROM", false},
		{"nothing listening", "smtp://127.0.0.1:1", "connect to SMTP server", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := sender(t, tc.url).Send(context.Background(), "ana@example.com", "Hola", "Cuerpo")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Send: %v, want an error with %q", err, tc.want)
			}
		})
	}
}
