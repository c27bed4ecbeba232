package invite

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/jobs"
	"github.com/rosterhq/roster/internal/mail"
	"github.com/rosterhq/roster/internal/web"
)

// Job kinds: the first email of an invitation booked on a later day, and
// each follow-up (the step after the last follow-up expires it).
const (
	SendKind     = "invite.send"
	FollowupKind = "invite.followup"
)

// stepPayload names step N of an invitation (0 is the first email) and
// the day its email was booked on (-1: nothing booked, the expiry step).
type stepPayload struct {
	InvitationID int64 `json:"invitation_id"`
	BrandID      int64 `json:"brand_id"`
	N            int   `json:"n"`
	Day          int64 `json:"day"`
}

func enqueueStep(ctx context.Context, tx *db.Tx, id, brandID int64, n int, day int64, at time.Time) error {
	kind := FollowupKind
	if n == 0 {
		kind = SendKind
	}
	_, err := jobs.Enqueue(ctx, tx, kind, stepPayload{id, brandID, n, day}, jobs.RunAt(at),
		jobs.Unique(fmt.Sprintf("invitation:%d:%d", id, n)))
	return err
}

// RegisterJobs adds the invitation job handlers to the queue; d gives
// the database, the clock and the base URL for links in the emails.
func RegisterJobs(q *jobs.Queue, d *web.Deps) {
	s := NewService(d, creator.NewService(d.DB, d.Clock))
	handler := func(ctx context.Context, j jobs.Job) error {
		var p stepPayload
		if err := j.Decode(&p); err != nil || p.InvitationID <= 0 {
			return jobs.Permanent(fmt.Errorf("%s: payload %s names no invitation", j.Kind, j.Payload))
		}
		err := s.d.DB.InTx(ctx, func(tx *db.Tx) error { return s.runStep(ctx, tx, p, s.d.Clock()) })
		if err == nil {
			s.d.WakeJobs()
		}
		return err
	}
	q.Register(SendKind, handler)
	q.Register(FollowupKind, handler)
}

// runStep re-checks the invitation before it emails: an answer, a reply
// or a stop ends the sequence and gives back the day's booking. Running a
// step twice does nothing the second time.
func (s *Service) runStep(ctx context.Context, tx *db.Tx, p stepPayload, now time.Time) error {
	inv, err := Get(ctx, tx, p.BrandID, p.InvitationID)
	if isNotFound(err) {
		return nil // the creator or the brand was deleted
	}
	if err != nil {
		return err
	}
	if (p.N == 0 && inv.SentAt != nil) || (p.N > 0 && inv.FollowupsSent >= p.N) {
		return nil // done already
	}
	if inv.Status != Pending || (p.N > 0 && inv.RepliedAt != nil) {
		return release(ctx, tx, p.BrandID, p.Day)
	}
	return s.step(ctx, tx, nil, p.BrandID, p.InvitationID, p.N, p.Day, now)
}

// step sends email n of an invitation (0: the invitation itself) and
// schedules the next, or expires the invitation after its last follow-up.
// actor is nil when a job runs it.
func (s *Service) step(ctx context.Context, tx *db.Tx, actor *auth.Principal, brandID, id int64, n int, day int64, now time.Time) error {
	inv, err := Get(ctx, tx, brandID, id)
	if err != nil {
		return err
	}
	var tpl *Template
	if inv.TemplateID != nil {
		if tpl, err = GetTemplate(ctx, tx, brandID, *inv.TemplateID); err != nil && !isNotFound(err) {
			return err
		}
	}
	if tpl == nil || n > tpl.MaxFollowups {
		if err := release(ctx, tx, brandID, day); err != nil {
			return err
		}
		return s.close(ctx, tx, actor, inv, Expired, now)
	}
	b, err := brand.ByID(ctx, tx, brandID)
	if err != nil {
		return err
	}
	subject, body := s.compose(inv, tpl, b, n)
	if _, err := mail.Enqueue(ctx, tx, mail.Message{BrandID: &brandID, Kind: "invite", To: inv.Email, Subject: subject,
		Body: body, Locale: inv.Locale}); err != nil {
		return err
	}
	next := now.Add(time.Duration(tpl.FollowupDays) * 24 * time.Hour)
	nextDay := int64(-1) // the expiry step books nothing
	var nextFollowup any
	if n < tpl.MaxFollowups {
		limit, err := DailyLimit(ctx, tx, brandID)
		if err != nil {
			return err
		}
		if nextDay, err = book(ctx, tx, brandID, dayOf(next), limit); err != nil {
			return err
		}
		next = later(next, dayStart(nextDay))
		nextFollowup = next.UnixMilli()
	}
	if err := enqueueStep(ctx, tx, id, brandID, n+1, nextDay, next); err != nil {
		return err
	}
	action := "followup_sent"
	if n == 0 {
		action = "invitation_sent"
		_, err = tx.ExecContext(ctx, `UPDATE invitations SET sent_at = ?, next_followup_at = ?, updated_at = ? WHERE id = ?`,
			now.UnixMilli(), nextFollowup, now.UnixMilli(), id)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE invitations SET followups_sent = ?, next_followup_at = ?, updated_at = ? WHERE id = ?`,
			n, nextFollowup, now.UnixMilli(), id)
	}
	if err != nil {
		return err
	}
	return audit.Record(ctx, tx, actor, brandID, action, "invitation", itoa(id), map[string]audit.Change{
		"to": {To: inv.Email}, "locale": {To: inv.Locale}, "step": {To: n}}, now)
}

// compose fills the template's text in the invitation's language; a
// follow-up says so at the top.
func (s *Service) compose(inv *Invitation, tpl *Template, b *brand.Brand, n int) (string, string) {
	portal := s.d.Link("/portal?email=" + url.QueryEscape(inv.Email))
	accept := s.d.Link("/portal?email=" + url.QueryEscape(inv.Email) + "&next=" + url.QueryEscape(fmt.Sprintf("/portal/invitations/%d", inv.ID)))
	values := map[string]string{"creator_name": inv.CreatorName, "brand_name": b.Name, "sender_name": inv.SenderName,
		"portal_link": portal, "accept_link": accept}
	text := tpl.textFor(inv.Locale, b.DefaultLocale)
	subject, body := Merge(text.Subject, values), Merge(text.Body, values)
	if n > 0 {
		l := i18n.For(inv.Locale)
		subject = l.T("invite.followup.subject", "subject", subject)
		body = l.T("invite.followup.intro") + "\n\n" + body
	}
	return subject, body
}

// close ends a pending invitation with a final status.
func (s *Service) close(ctx context.Context, tx *db.Tx, actor *auth.Principal, inv *Invitation, status string, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE invitations SET status = ?, next_followup_at = NULL, updated_at = ?
		WHERE brand_id = ? AND id = ? AND status = 'pending'`, status, now.UnixMilli(), inv.BrandID, inv.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return audit.Record(ctx, tx, actor, inv.BrandID, status, "invitation", itoa(inv.ID),
		map[string]audit.Change{"status": {From: inv.Status, To: status}}, now)
}
