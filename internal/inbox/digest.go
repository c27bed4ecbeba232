package inbox

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/notify"
	"github.com/rosterhq/roster/internal/web"
)

// DigestKind is the job that emails one recipient the messages of a
// thread they have not been told about, as one email.
const DigestKind = "inbox.digest"

// DefaultDigestDelay is how long a digest waits for more messages of the
// same burst when the configuration does not say.
const DefaultDigestDelay = 2 * time.Minute

// recipientCreator names the thread's creator as a digest recipient; team
// members are "user:<id>".
const recipientCreator = "creator"

type digestPayload struct {
	BrandID   int64  `json:"brand_id"`
	ThreadID  int64  `json:"thread_id"`
	Recipient string `json:"recipient"`
	Key       string `json:"key"`
}

func (s *Service) digestDelay() time.Duration {
	if s.d.Config.InboxDigestDelay > 0 {
		return s.d.Config.InboxDigestDelay
	}
	return DefaultDigestDelay
}

// bookDigests makes sure a digest is booked for everyone on the other side
// of a message: the creator for a team message; for a creator message the
// assignee, or every community manager of the brand while nobody is
// assigned. The first message of a burst books the digest and its job
// (same unique key); later ones find the booking and join it.
func (s *Service) bookDigests(ctx context.Context, tx *db.Tx, t *Thread, a Author, messageID int64, now time.Time) error {
	var recipients []string
	switch {
	case a.Kind == ByTeam && t.CreatorEmail != "":
		recipients = []string{recipientCreator}
	case a.Kind == ByCreator && t.AssigneeID != nil:
		recipients = []string{"user:" + itoa(*t.AssigneeID)}
	case a.Kind == ByCreator:
		members, err := brand.Members(ctx, tx, t.BrandID)
		if err != nil {
			return err
		}
		for _, m := range members {
			if m.Role == auth.CommunityManager {
				recipients = append(recipients, "user:"+itoa(m.User.ID))
			}
		}
	}
	due := now.Add(s.digestDelay()).UnixMilli()
	for _, rcpt := range recipients {
		key := fmt.Sprintf("%d:%s:%d", t.ID, rcpt, messageID)
		var booked string
		var at int64
		// DO UPDATE (not DO NOTHING) locks a booking that exists, so a
		// digest job deleting it waits for this message to commit and
		// then sees it.
		err := tx.QueryRowContext(ctx, `INSERT INTO inbox_digests (thread_id, recipient, job_key, due_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (thread_id, recipient) DO UPDATE SET due_at = inbox_digests.due_at RETURNING job_key, due_at`,
			t.ID, rcpt, key, due).Scan(&booked, &at)
		if err != nil {
			return err
		}
		if _, err := jobs.Enqueue(ctx, tx, DigestKind, digestPayload{t.BrandID, t.ID, rcpt, booked},
			jobs.RunAt(ms(at)), jobs.Unique(booked)); err != nil {
			return err
		}
	}
	return nil
}

// RegisterJobs adds the digest job to the queue.
func RegisterJobs(q *jobs.Queue, d *web.Deps) {
	s := NewService(d)
	q.Register(DigestKind, func(ctx context.Context, j jobs.Job) error {
		var p digestPayload
		if err := j.Decode(&p); err != nil || p.ThreadID <= 0 || p.Key == "" {
			return jobs.Permanent(fmt.Errorf("%s: payload %s names no digest", j.Kind, j.Payload))
		}
		err := d.DB.InTx(ctx, func(tx *db.Tx) error { return s.sendDigest(ctx, tx, p) })
		if err == nil {
			d.WakeJobs()
		}
		return err
	})
}

// sendDigest takes its booking, then emails the recipient every message
// of the other side they were not told about yet, as one email in their
// language. Run twice, it finds no booking the second time.
func (s *Service) sendDigest(ctx context.Context, tx *db.Tx, p digestPayload) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM inbox_digests WHERE thread_id = ? AND recipient = ? AND job_key = ?`,
		p.ThreadID, p.Recipient, p.Key)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	t, err := Get(ctx, tx, p.BrandID, 0, p.ThreadID)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	var since int64
	err = tx.QueryRowContext(ctx, `SELECT message_id FROM inbox_notified WHERE thread_id = ? AND recipient = ?`, t.ID, p.Recipient).Scan(&since)
	if err != nil && !db.IsNoRows(err) {
		return err
	}
	from := ByCreator
	if p.Recipient == recipientCreator {
		from = ByTeam
	}
	all, err := Messages(ctx, tx, t.BrandID, t.ID, since, 1000)
	if err != nil {
		return err
	}
	var news []Message
	for _, m := range all {
		if m.Author == from {
			news = append(news, m)
		}
	}
	if len(news) == 0 {
		return nil
	}
	to, locale, link, err := s.recipient(ctx, tx, t, p.Recipient)
	if err != nil || to == "" {
		return err
	}
	l := i18n.For(locale)
	var text strings.Builder
	for _, m := range news {
		fmt.Fprintf(&text, "%s, %s:\n%s\n\n", m.AuthorName, l.DateTime(m.CreatedAt), m.Body)
	}
	e := notify.Email{BrandID: t.BrandID, To: to, Locale: locale,
		Args: []any{"brand", t.BrandName, "creator", t.CreatorName, "subject", t.Subject, "messages", strings.TrimSpace(text.String()),
			"link", link, "count", int64(len(news))}}
	if from == ByTeam {
		e.Key = "inbox.email.to_creator"
	} else {
		e.Key = "inbox.email.to_team"
	}
	if addr := ReplyAddress(s.d.Config.InboundDomain, t.ReplyToken); addr != "" {
		e.ReplyTo = addr
		e.Key += "_reply"
	}
	if err := notify.Send(ctx, tx, e); err != nil {
		return err
	}
	last := news[len(news)-1].ID
	_, err = tx.ExecContext(ctx, `INSERT INTO inbox_notified (thread_id, recipient, message_id) VALUES (?, ?, ?)
		ON CONFLICT (thread_id, recipient) DO UPDATE SET message_id = excluded.message_id`, t.ID, p.Recipient, last)
	return err
}

// recipient finds a digest recipient's address, language and the link to
// the thread on their side. A recipient who is gone gets no email.
func (s *Service) recipient(ctx context.Context, tx *db.Tx, t *Thread, rcpt string) (string, string, string, error) {
	b, err := brand.ByID(ctx, tx, t.BrandID)
	if err != nil {
		return "", "", "", err
	}
	if rcpt == recipientCreator {
		locale, err := creatorLocale(ctx, tx, t)
		if db.IsNoRows(err) {
			return "", "", "", nil
		}
		if err != nil {
			return "", "", "", err
		}
		link := s.d.Link("/portal?email=" + url.QueryEscape(t.CreatorEmail) + "&next=" + url.QueryEscape(fmt.Sprintf("/portal/messages/%d", t.ID)))
		return t.CreatorEmail, locale, link, nil
	}
	uid, err := strconv.ParseInt(strings.TrimPrefix(rcpt, "user:"), 10, 64)
	if err != nil {
		return "", "", "", nil
	}
	var email, locale string
	err = tx.QueryRowContext(ctx, `SELECT u.email, u.locale FROM users u JOIN memberships m ON m.user_id = u.id AND m.brand_id = ?
		WHERE u.id = ?`, t.BrandID, uid).Scan(&email, &locale)
	if db.IsNoRows(err) {
		return "", "", "", nil
	}
	if err != nil {
		return "", "", "", err
	}
	if !i18n.IsSupported(locale) {
		locale = b.DefaultLocale
	}
	return email, locale, s.d.Link(fmt.Sprintf("/inbox/threads/%d", t.ID)), nil
}

// ReplyAddress is a thread's reply address, or "" when inbound mail is
// not configured.
func ReplyAddress(domain, token string) string {
	if domain == "" || token == "" {
		return ""
	}
	return "reply+" + token + "@" + domain
}
