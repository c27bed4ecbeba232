package inbox

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/web"
)

// Service holds the inbox's rules: who may write, how statuses move, what
// is audited and which digests a message books.
type Service struct {
	d *web.Deps
}

// NewService returns a service over d's database, clock and settings.
func NewService(d *web.Deps) *Service { return &Service{d: d} }

// Author is who writes a message, and on which channel.
type Author struct {
	Kind      string // ByCreator or ByTeam
	UserID    int64  // the team member; 0 for a creator or an API token
	Name      string
	Channel   string
	Principal *auth.Principal // named in the audit log
}

// TeamAuthor is a team member (or an API token) writing on channel.
func TeamAuthor(p *auth.Principal, channel string) Author {
	name := p.TokenName
	if p.User != nil {
		name = p.User.Name
		if name == "" {
			name = p.User.Email
		}
	}
	if name == "" {
		name = p.BrandName
	}
	return Author{Kind: ByTeam, UserID: p.UserID(), Name: name, Channel: channel, Principal: p}
}

// CreatorAuthor is the creator with this email writing to a brand.
func CreatorAuthor(email, name string, brandID int64, channel string) Author {
	return Author{Kind: ByCreator, Name: name, Channel: channel, Principal: invite.CreatorPrincipal(email, brandID)}
}

// NewThread is what starting a conversation takes.
type NewThread struct {
	CreatorID  int64
	CampaignID *int64
	Subject    string
	Body       string
}

// Start opens a thread of the brand with its first message.
func (s *Service) Start(ctx context.Context, brandID int64, a Author, in NewThread) (*Thread, error) {
	var f apperr.Fields
	in.Subject = strings.Join(strings.Fields(in.Subject), " ")
	switch {
	case in.Subject == "":
		f.Add("subject", "validation.required", "This field is required.")
	case utf8.RuneCountInString(in.Subject) > MaxSubject:
		f.Add("subject", "validation.too_long", "This is too long.", "max", MaxSubject)
	}
	body, bodyErr := cleanBody(in.Body)
	if bodyErr != nil {
		f = append(f, *bodyErr)
	}
	now := s.d.Clock()
	var id int64
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM creators WHERE brand_id = ? AND id = ?`, brandID, in.CreatorID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			f.Add("creator_id", "inbox.validation.creator", "Choose a creator of the brand.")
		}
		if in.CampaignID != nil {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM campaigns WHERE brand_id = ? AND id = ?`, brandID, *in.CampaignID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				f.Add("campaign_id", "inbox.validation.campaign", "Choose a campaign of the brand, or none.")
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		token, err := newReplyToken()
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO inbox_threads (brand_id, creator_id, campaign_id, subject, status, reply_token,
			last_message_at, last_author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			brandID, in.CreatorID, in.CampaignID, in.Subject, Open, token, now.UnixMilli(), a.Kind, now.UnixMilli(), now.UnixMilli()).Scan(&id)
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, a.Principal, brandID, "thread_started", "thread", itoa(id), map[string]audit.Change{
			"subject": {To: in.Subject}, "creator": {To: in.CreatorID}, "campaign": {To: in.CampaignID}}, now); err != nil {
			return err
		}
		t, err := Get(ctx, tx, brandID, a.UserID, id)
		if err != nil {
			return err
		}
		_, err = s.post(ctx, tx, t, a, body, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.d.WakeJobs()
	return Get(ctx, s.d.DB, brandID, a.UserID, id)
}

// Post adds a message to a thread of the brand.
func (s *Service) Post(ctx context.Context, brandID, threadID int64, a Author, body string) (*Message, error) {
	clean, bodyErr := cleanBody(body)
	if bodyErr != nil {
		return nil, apperr.Fields{*bodyErr}.Err()
	}
	now := s.d.Clock()
	var m *Message
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		t, err := Get(ctx, tx, brandID, a.UserID, threadID)
		if err != nil {
			return err
		}
		m, err = s.post(ctx, tx, t, a, clean, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.d.WakeJobs()
	return m, nil
}

// post stores a message and moves the thread: a team reply waits on the
// creator, a creator message (re)opens it. The first creator message and
// the first team answer after it are kept for the metrics.
func (s *Service) post(ctx context.Context, tx *db.Tx, t *Thread, a Author, body string, now time.Time) (*Message, error) {
	m := &Message{ThreadID: t.ID, Author: a.Kind, AuthorName: a.Name, Body: body, Channel: a.Channel, CreatedAt: now}
	if a.UserID != 0 {
		uid := a.UserID
		m.AuthorID = &uid
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO inbox_messages (brand_id, thread_id, author, author_user_id, author_name, body, channel, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, t.BrandID, t.ID, a.Kind, m.AuthorID, a.Name, body, a.Channel, now.UnixMilli()).Scan(&m.ID)
	if err != nil {
		return nil, err
	}
	status := Waiting
	set := `status = ?, closed_at = NULL, message_count = message_count + 1, last_message_at = ?, last_author = ?, updated_at = ?`
	args := []any{status, now.UnixMilli(), a.Kind, now.UnixMilli()}
	if a.Kind == ByCreator {
		status = Open
		args[0] = status
		set += `, last_creator_message_id = ?, first_creator_at = COALESCE(first_creator_at, ?)`
		args = append(args, m.ID, now.UnixMilli())
	} else {
		set += `, first_response_at = CASE WHEN first_creator_at IS NOT NULL AND first_response_at IS NULL THEN ? ELSE first_response_at END`
		args = append(args, now.UnixMilli())
	}
	if _, err := tx.ExecContext(ctx, `UPDATE inbox_threads SET `+set+` WHERE brand_id = ? AND id = ?`, append(args, t.BrandID, t.ID)...); err != nil {
		return nil, err
	}
	if a.Kind == ByTeam {
		// Whoever answers has read what they answer.
		if err := MarkRead(ctx, tx, t.BrandID, t.ID, a.UserID, m.ID); err != nil {
			return nil, err
		}
	} else if err := invite.CreatorWrote(ctx, tx, a.Principal, t.BrandID, t.CreatorID, a.Channel, now); err != nil {
		// A creator who writes has answered: their invitations' follow-ups
		// stop with this message.
		return nil, err
	}
	changes := map[string]audit.Change{"message": {To: m.ID}, "author": {To: a.Kind}, "channel": {To: a.Channel}}
	if status != t.Status {
		changes["status"] = audit.Change{From: t.Status, To: status}
	}
	if err := audit.Record(ctx, tx, a.Principal, t.BrandID, "message_posted", "thread", itoa(t.ID), changes, now); err != nil {
		return nil, err
	}
	return m, s.bookDigests(ctx, tx, t, a, m.ID, now)
}

// Edit is a change to a thread from the team: a new status, a new
// assignee, or both.
type Edit struct {
	Status      *string
	SetAssignee bool
	Assignee    *int64 // with SetAssignee; nil means nobody
}

// SetStatus opens, parks (waiting on the creator) or closes a thread.
func (s *Service) SetStatus(ctx context.Context, p *auth.Principal, id int64, status string) (*Thread, error) {
	return s.Edit(ctx, p, id, Edit{Status: &status})
}

// Assign gives a thread to a team member who may answer (nil: nobody).
func (s *Service) Assign(ctx context.Context, p *auth.Principal, id int64, userID *int64) (*Thread, error) {
	return s.Edit(ctx, p, id, Edit{SetAssignee: true, Assignee: userID})
}

// Edit applies e in one transaction: a refused part changes nothing.
func (s *Service) Edit(ctx context.Context, p *auth.Principal, id int64, e Edit) (*Thread, error) {
	if e.Status != nil && !validStatus(*e.Status) {
		var f apperr.Fields
		f.Add("status", "validation.choose_from_list", "Choose one of: open, waiting, closed.")
		return nil, f.Err()
	}
	now := s.d.Clock()
	err := s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		t, err := Get(ctx, tx, p.BrandID, p.UserID(), id)
		if err != nil {
			return err
		}
		if e.SetAssignee {
			if err := assign(ctx, tx, p, t, e.Assignee, now); err != nil {
				return err
			}
		}
		if e.Status != nil {
			return setStatus(ctx, tx, p, t, *e.Status, now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, s.d.DB, p.BrandID, p.UserID(), id)
}

func setStatus(ctx context.Context, tx *db.Tx, p *auth.Principal, t *Thread, status string, now time.Time) error {
	if t.Status == status {
		return nil
	}
	var closed any
	if status == Closed {
		closed = now.UnixMilli()
	}
	if _, err := tx.ExecContext(ctx, `UPDATE inbox_threads SET status = ?, closed_at = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
		status, closed, now.UnixMilli(), p.BrandID, t.ID); err != nil {
		return err
	}
	return audit.Record(ctx, tx, p, p.BrandID, "thread_status", "thread", itoa(t.ID),
		map[string]audit.Change{"status": {From: t.Status, To: status}}, now)
}

func assign(ctx context.Context, tx *db.Tx, p *auth.Principal, t *Thread, userID *int64, now time.Time) error {
	if userID != nil {
		role, err := brand.RoleOf(ctx, tx, p.BrandID, *userID)
		if isNotFound(err) || (err == nil && !role.Grants(auth.InboxReply)) {
			var f apperr.Fields
			f.Add("assignee_user_id", "inbox.validation.assignee", "Choose a team member who may answer creators.")
			return f.Err()
		}
		if err != nil {
			return err
		}
	}
	if sameID(t.AssigneeID, userID) {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE inbox_threads SET assignee_user_id = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
		userID, now.UnixMilli(), p.BrandID, t.ID); err != nil {
		return err
	}
	return audit.Record(ctx, tx, p, p.BrandID, "thread_assigned", "thread", itoa(t.ID),
		map[string]audit.Change{"assignee": {From: t.AssigneeID, To: userID}}, now)
}

func sameID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// cleanBody tidies a message body (line breaks, outer blank space) and
// says what is wrong with it, if anything.
func cleanBody(body string) (string, *apperr.FieldError) {
	body = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n"))
	var f apperr.Fields
	switch {
	case body == "":
		f.Add("body", "validation.required", "This field is required.")
	case utf8.RuneCountInString(body) > MaxBody:
		f.Add("body", "validation.too_long", "This is too long.", "max", MaxBody)
	default:
		return body, nil
	}
	return "", &f[0]
}

// replyTokenEncoding spells reply tokens in lower-case letters and digits,
// which survive mail systems that fold the local part's case.
var replyTokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

func newReplyToken() (string, error) {
	b := make([]byte, 15) // 120 bits
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return replyTokenEncoding.EncodeToString(b), nil
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// splitList splits a stored comma-separated list, "" being empty.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
