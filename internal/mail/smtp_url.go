package mail

import (
	"crypto/tls"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// SMTPSender sends mail through one SMTP server with net/smtp.
type SMTPSender struct {
	addr        string // host:port
	host        string
	implicitTLS bool // smtps: TLS from the first byte; otherwise STARTTLS when offered
	tls         *tls.Config
	user, pass  string
	from        *mail.Address
	helo        string
	timeout     time.Duration
}

var defaultPorts = map[string]string{"smtp": "587", "smtp+insecure": "587", "smtps": "465", "smtps+insecure": "465"}

// NewSMTPSender configures delivery from a URL such as
// smtp://user:pass@host:587 and a From address such as
// "Roster <roster@example.com>". Schemes: smtp (STARTTLS when the server
// offers it, certificate verified), smtps (implicit TLS), and
// smtp+insecure or smtps+insecure, which skip certificate verification for
// local relays with self-signed certificates. The port defaults to 587 for
// smtp and 465 for smtps. Credentials are only ever sent over TLS or to
// localhost.
func NewSMTPSender(rawURL, from string) (*SMTPSender, error) {
	const env = "ROSTER_SMTP_URL"
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		// url's own message would quote the URL, password included.
		return nil, fmt.Errorf("%s: not a valid URL (percent-encode special characters in the user name and password)", env)
	}
	port, known := defaultPorts[u.Scheme]
	if !known {
		return nil, fmt.Errorf("%s: scheme %q is not supported: use smtp://, smtps://, smtp+insecure:// or smtps+insecure://", env, u.Scheme)
	}
	s := &SMTPSender{host: u.Hostname(), implicitTLS: strings.HasPrefix(u.Scheme, "smtps"), timeout: time.Minute}
	if s.host == "" {
		return nil, fmt.Errorf("%s: missing host", env)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("%s: port %q is not a number from 1 to 65535", env, p)
		}
		port = p
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%s: expected only user, password, host and port, as in smtp://user:pass@host:587", env)
	}
	s.addr = s.host + ":" + port
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	if s.user == "" && s.pass != "" {
		return nil, fmt.Errorf("%s: a password without a user name", env)
	}
	// InsecureSkipVerify is the operator's explicit choice, for relays on
	// the local network with self-signed certificates.
	s.tls = &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12, InsecureSkipVerify: strings.HasSuffix(u.Scheme, "+insecure")}
	if strings.TrimSpace(from) == "" {
		return nil, fmt.Errorf("ROSTER_SMTP_FROM: missing sender address")
	}
	if s.from, err = mail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("ROSTER_SMTP_FROM: %q is not a valid address: %v", from, err)
	}
	s.helo, _ = os.Hostname()
	if s.helo == "" {
		s.helo = "localhost"
	}
	return s, nil
}

// String describes the server without its credentials, for logs.
func (s *SMTPSender) String() string {
	mode := "STARTTLS when offered"
	if s.implicitTLS {
		mode = "TLS"
	}
	if s.tls.InsecureSkipVerify {
		mode += ", certificate not verified"
	}
	return fmt.Sprintf("%s (%s) as %s", s.addr, mode, s.from.Address)
}
