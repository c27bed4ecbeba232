package mail

import (
	"regexp"
	"strings"

	"github.com/rosterhq/roster/internal/auth"
)

// secretInText finds a secret Roster puts in a link (a teammate
// invitation, a password reset, a sign-in link): one of the secret
// prefixes, not in the middle of a word, and the random part.
var secretInText = regexp.MustCompile(`(^|[^A-Za-z0-9_])(` + strings.Join(auth.SecretPrefixes, "|") + `)[A-Za-z0-9_-]{16,}`)

// RedactSecrets hides the secret part of every such link in an email's
// text, keeping its prefix: a brand's outbox is read by everyone holding
// outbox:read, and a teammate invitation's link is a way in with the
// role it gives (a community manager could take a brand executive's
// invitation). The email sent keeps the link; only what the outbox shows
// loses it.
func RedactSecrets(text string) string {
	return secretInText.ReplaceAllString(text, "${1}${2}…")
}
