package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/demo"
	"github.com/rosterhq/roster/internal/importer"
	"github.com/rosterhq/roster/internal/inbox"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/mail"
	"github.com/rosterhq/roster/internal/web"
)

// ServeOptions configure `roster serve`.
type ServeOptions struct {
	DB        DBFlags
	Addr      string
	BaseURL   string
	Demo      bool
	LogFormat string
	Workers   int
	// Inbound mail for the inbox: the reply addresses' domain and how long
	// notifications wait to gather a burst (the signing key is read from
	// ROSTER_INBOUND_SIGNING_KEY or ROSTER_INBOUND_SIGNING_KEY_FILE).
	InboundDomain string
	DigestDelay   time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (--trusted-proxies, ROSTER_TRUSTED_PROXIES).
	TrustedProxies []netip.Prefix
	// Ready, when set, receives the listening address once the server
	// accepts connections (tests and the start-up benchmark use it).
	Ready func(addr string)
}

// ServeFlags parses serve's flags.
func ServeFlags(args []string, out io.Writer) (*ServeOptions, error) {
	o := &ServeOptions{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(out)
	o.DB.Register(fs)
	fs.StringVar(&o.Addr, "addr", envOr("ROSTER_ADDR", "127.0.0.1:8080"), "address to listen on (env ROSTER_ADDR)")
	fs.StringVar(&o.BaseURL, "base-url", os.Getenv("ROSTER_BASE_URL"), "public URL of this installation, for links in emails (env ROSTER_BASE_URL; default http://ADDR)")
	fs.BoolVar(&o.Demo, "demo", false, "on an empty database, create a demo brand with one user per role and 500 creators")
	fs.StringVar(&o.LogFormat, "log-format", envOr("ROSTER_LOG_FORMAT", "text"), "text or json (env ROSTER_LOG_FORMAT)")
	fs.IntVar(&o.Workers, "workers", 2, "background job workers on this node")
	fs.StringVar(&o.InboundDomain, "inbound-domain", os.Getenv("ROSTER_INBOUND_DOMAIN"),
		"domain of the inbox's reply addresses reply+<token>@DOMAIN, routed to POST /inbound/email (env ROSTER_INBOUND_DOMAIN; empty: no reply by email)")
	fs.DurationVar(&o.DigestDelay, "inbox-digest-delay", envDuration("ROSTER_INBOX_DIGEST_DELAY", inbox.DefaultDigestDelay),
		"how long inbox notifications wait to gather a burst of messages into one email (env ROSTER_INBOX_DIGEST_DELAY)")
	proxies := fs.String("trusted-proxies", os.Getenv("ROSTER_TRUSTED_PROXIES"),
		"addresses or CIDR prefixes of the reverse proxies in front of roster, comma-separated; their X-Forwarded-For gives the client's address for the per-address limits (env ROSTER_TRUSTED_PROXIES; empty: the connection's address)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	var err error
	if o.TrustedProxies, err = web.ParsePrefixes(*proxies); err != nil {
		return nil, fmt.Errorf("--trusted-proxies: %w", err)
	}
	if o.LogFormat != "text" && o.LogFormat != "json" {
		return nil, fmt.Errorf("--log-format must be text or json, not %q", o.LogFormat)
	}
	return o, nil
}

// NewLogger returns the structured logger.
func NewLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// Serve runs the web server and the job workers until ctx is cancelled,
// then shuts down gracefully: in-flight requests and jobs finish first.
func Serve(ctx context.Context, o *ServeOptions, stdout io.Writer, log *slog.Logger) error {
	cfg, err := o.DB.Config()
	if err != nil {
		return err
	}
	d, err := OpenChecked(ctx, cfg)
	if err != nil {
		return err
	}
	defer d.Close()

	if o.Demo {
		res, err := demo.Seed(ctx, d, time.Now())
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		printDemo(stdout, res)
	}

	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return err
	}
	baseURL := o.BaseURL
	if baseURL == "" {
		baseURL = "http://" + ln.Addr().String()
	}
	smtpURL, err := Env("SMTP_URL")
	if err != nil {
		return err
	}
	sender, err := newSender(smtpURL)
	if err != nil {
		return err
	}
	reg := NewRegistry()
	queue := jobs.New(d, log, jobs.Config{Workers: o.Workers, Registerer: reg})
	mail.RegisterDelivery(queue, d, sender)
	importer.RegisterJobs(queue, d)
	signingKey, err := Env("INBOUND_SIGNING_KEY")
	if err != nil {
		return err
	}
	deps := &web.Deps{DB: d, Log: log, Config: web.Config{BaseURL: baseURL, SecureCookies: strings.HasPrefix(baseURL, "https://"),
		InboundDomain: strings.ToLower(o.InboundDomain), InboundSigningKey: signingKey, InboxDigestDelay: o.DigestDelay,
		TrustedProxies: o.TrustedProxies}, Wake: queue.Notify}
	invite.RegisterJobs(queue, deps)
	inbox.RegisterJobs(queue, deps)
	handler, _, err := NewHandler(deps, reg)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}

	jobsDone := make(chan error, 1)
	go func() { jobsDone <- queue.Run(ctx) }()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("roster is serving", "url", baseURL, "database", o.DB.Describe(cfg), "smtp", smtpURL != "")
	if o.Ready != nil {
		o.Ready(ln.Addr().String())
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests and jobs")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if jerr := <-jobsDone; jerr != nil && !errors.Is(jerr, context.Canceled) {
		err = errors.Join(err, jerr)
	}
	return err
}

// envDuration reads a duration such as "90s" from the environment, or
// returns def when it is unset or does not parse.
func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}

func newSender(smtpURL string) (mail.Sender, error) {
	if smtpURL == "" {
		return nil, nil
	}
	from, err := Env("SMTP_FROM")
	if err != nil {
		return nil, err
	}
	if from == "" {
		from = "Roster <roster@localhost>"
	}
	return mail.NewSMTPSender(smtpURL, from)
}

func printDemo(w io.Writer, res *demo.Result) {
	if res == nil {
		fmt.Fprintln(w, "demo: the database already has data; nothing was added")
		return
	}
	fmt.Fprintf(w, "demo: created brand %q with %d creators and %d applications to review. Sign in with any of these (password: %s):\n",
		res.BrandName, res.Creators, res.Applicants, res.Password)
	for _, u := range res.Users {
		fmt.Fprintf(w, "  %-18s %s\n", u.Role, u.Email)
	}
}
