package web

import (
	"log/slog"
	"net/netip"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// Config is what the web layer needs to know about its deployment.
type Config struct {
	BaseURL       string // absolute URL for links in emails, e.g. https://roster.example.com
	SecureCookies bool   // set the Secure flag (on whenever BaseURL is https)
	// Inbound mail (internal/inbox): the domain of the reply addresses
	// reply+<token>@InboundDomain and the key that signs the inbound-mail
	// webhook. Without a domain, emails carry no reply address.
	InboundDomain     string
	InboundSigningKey string
	// InboxDigestDelay is how long inbox notifications wait to gather a
	// burst of messages into one email (0: the inbox's default).
	InboxDigestDelay time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (ROSTER_TRUSTED_PROXIES); from anyone else it is ignored.
	TrustedProxies []netip.Prefix
}

// Deps are the shared dependencies every capability's handlers use.
type Deps struct {
	DB     *db.DB
	Log    *slog.Logger
	Now    func() time.Time
	Config Config
	Render *Renderer
	// Wake tells the job workers that new jobs are waiting (nil: they poll).
	Wake func()
}

// WakeJobs nudges the job workers after a commit that enqueued work.
func (d *Deps) WakeJobs() {
	if d.Wake != nil {
		d.Wake()
	}
}

// Clock returns the current time in UTC, from Deps.Now when set (tests).
func (d *Deps) Clock() time.Time {
	if d.Now != nil {
		return d.Now().UTC()
	}
	return time.Now().UTC()
}
