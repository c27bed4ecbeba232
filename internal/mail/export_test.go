package mail

import "crypto/x509"

// TrustRoots makes s verify servers against pool, so tests can exercise
// verified TLS against their own certificate authority.
func TrustRoots(s *SMTPSender, pool *x509.CertPool) { s.tls.RootCAs = pool }

var Compose = compose

var ComposeReplyTo = composeReplyTo
