package calendar

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

// A feed belongs to one person in one brand: every tenant row carries its
// brand, a leaked URL exposes one brand's plans only, each brand gets its
// own calendar (named after it) in the person's application, and leaving
// a brand or losing campaigns:read there closes that brand's feed at once
// (checked on every fetch) without touching the others.

// feedPage is the settings page of the person's feed in the brand.
type feedPage struct {
	Live *Subscription
	URL  string // only right after creating or rotating: shown once
}

func (h *handlers) showFeed(w http.ResponseWriter, r *http.Request, secretURL string) error {
	p := auth.FromContext(r.Context())
	live, err := LiveSubscription(r.Context(), h.DB, p.BrandID, p.UserID())
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "calendar/feed", &web.View{Nav: "calendar", Data: &feedPage{Live: live, URL: secretURL}})
}

func (h *handlers) feedPage(w http.ResponseWriter, r *http.Request) error {
	return h.showFeed(w, r, "")
}

// subscribe creates the feed URL, or rotates it, and shows it once. The
// page is the answer to the post itself (no redirect), so the secret is
// never put in a cookie or a URL the browser keeps in its history.
func (h *handlers) subscribe(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	secret, _, err := Subscribe(r.Context(), h.DB, auth.FromContext(r.Context()), h.Clock())
	if err != nil {
		return err
	}
	return h.showFeed(w, r, h.feedURL(r, secret))
}

func (h *handlers) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	l := web.Localizer(r)
	err := Unsubscribe(r.Context(), h.DB, auth.FromContext(r.Context()), h.Clock())
	switch apperr.CodeOf(err) {
	case "":
		if err != nil {
			return err
		}
		web.SetFlash(w, l.T("calendar.feed.revoked"))
	case apperr.NotFound:
		web.SetFlash(w, l.T("calendar.feed.none_to_revoke"))
	default:
		return err
	}
	web.Redirect(w, r, "/calendar/feed")
	return nil
}

// feedURL is the absolute address of a feed: the configured base URL,
// else the address this request came in on.
func (h *handlers) feedURL(r *http.Request, secret string) string {
	path := "/calendar/feed/" + secret + ".ics"
	if h.Config.BaseURL != "" {
		return h.Link(path)
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// feed serves GET /calendar/feed/{secret}.ics. Anything that does not
// open a live feed of a person who may still read the brand's campaigns
// is 404, the same answer as for a URL that never existed.
func (h *handlers) feed(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || !strings.HasPrefix(secret, FeedPrefix) {
		return apperr.New(apperr.NotFound, "There is no such calendar feed.")
	}
	sub, err := SubscriptionBySecret(ctx, h.DB, secret)
	if err != nil {
		return err
	}
	user, err := auth.UserByID(ctx, h.DB, sub.UserID)
	if err != nil {
		return err
	}
	if !user.IsPlatformAdmin {
		role, err := brand.RoleOf(ctx, h.DB, sub.BrandID, user.ID)
		if apperr.CodeOf(err) == apperr.NotFound || (err == nil && !role.Grants(auth.CampaignsRead)) {
			return apperr.New(apperr.NotFound, "There is no such calendar feed.")
		}
		if err != nil {
			return err
		}
	}
	b, err := brand.ByID(ctx, h.DB, sub.BrandID)
	if err != nil {
		return err
	}
	now := h.Clock()
	l := i18n.For(user.Locale)
	if user.Locale == "" {
		l = i18n.For(b.DefaultLocale)
	}
	events, err := Collect(ctx, h.DB, l, sub.BrandID, FeedRange(now), Filter{})
	if err != nil {
		return err
	}
	if err := MarkUsed(ctx, h.DB, sub, now); err != nil {
		return err
	}
	cal := FeedCalendar{Name: l.T("calendar.feed.name", "brand", b.Name), Host: h.uidHost(r),
		Link: func(e Event) string {
			if e.Link != "" {
				return h.absolute(r, e.Link)
			}
			return h.absolute(r, WeekLink(e.Start, Filter{}))
		}}
	var body bytes.Buffer
	if err := WriteFeed(&body, cal, events, now); err != nil {
		return err
	}
	// Calendar applications poll; the feed only changes when a plan does
	// (DTSTAMP is each record's last change), so an ETag lets them skip
	// the download.
	sum := sha256.Sum256(body.Bytes())
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, no-cache")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="roster.ics"`)
	_, err = w.Write(body.Bytes())
	return err
}

// uidHost is the domain in every UID: the configured base URL's host, so
// UIDs stay the same whichever node or address served the feed ("roster"
// when no base URL is set).
func (h *handlers) uidHost(*http.Request) string {
	if u, err := url.Parse(h.Config.BaseURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "roster"
}

func (h *handlers) absolute(r *http.Request, path string) string {
	if h.Config.BaseURL != "" {
		return h.Link(path)
	}
	return "http://" + r.Host + path
}
