package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewSecret returns a random URL-safe secret (256 bits) with a prefix
// that says what it is when it turns up in a log or a leak scanner.
func NewSecret(prefix string) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the hex SHA-256 of a secret. Secrets are random and
// long, so a fast hash is enough; only hashes are stored.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Secret prefixes.
const (
	SessionPrefix = "rs_"
	TokenPrefix   = "rst_"
	LinkPrefix    = "rl_"
	// CalendarFeedPrefix marks the secret in a calendar feed's URL.
	CalendarFeedPrefix = "rcf_"
	// PortalLinkPrefix and PortalSessionPrefix mark the creator portal's
	// sign-in links and sessions.
	PortalLinkPrefix    = "rpl_"
	PortalSessionPrefix = "rps_"
)

// SecretPrefixes lists every prefix, so logs can recognise a secret that
// travels in a URL path (one-time links, portal sign-in links, calendar
// feeds) and hide it. A new kind of secret must be added here.
var SecretPrefixes = []string{SessionPrefix, TokenPrefix, LinkPrefix, CalendarFeedPrefix, PortalLinkPrefix, PortalSessionPrefix}
