package tickets

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

var english = i18n.For("en")

// Limits on a ticket's text.
const (
	maxSubject = 200
	maxBody    = 10000
)

// Service opens and works tickets; every write is audited and its emails
// are enqueued in the same transaction.
type Service struct {
	DB  *db.DB
	Now func() time.Time
	// Link makes an absolute address for emails from a path (nil: the
	// path as it is).
	Link func(path string) string
}

func (s *Service) link(path string) string {
	if s.Link == nil {
		return path
	}
	return s.Link(path)
}

func addErr(errs *apperr.Fields, field, key string, args ...any) {
	errs.Add(field, key, english.T(key, args...), args...)
}

// fromTeam says whether p speaks for the account team on tickets.
func fromTeam(p *auth.Principal) bool { return p.Can(auth.TicketsWork) }

// Open validates n and opens a ticket in p's brand; the brand's account
// managers are told by email.
func (s *Service) Open(ctx context.Context, p *auth.Principal, n NewTicket) (*Ticket, error) {
	var errs apperr.Fields
	n.Subject = strings.TrimSpace(n.Subject)
	n.Description = strings.TrimSpace(n.Description)
	checkText(&errs, "subject", n.Subject, maxSubject)
	checkText(&errs, "description", n.Description, maxBody)
	if !contains(Priorities, n.Priority) {
		addErr(&errs, "priority", "tickets.error.priority")
	}
	atts := checkUploads(&errs, n.Attachments, 0)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	var id int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO tickets (brand_id, subject, description, priority, status, opened_by, opened_by_label, opened_at, updated_at)
			VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?) RETURNING id`,
			p.BrandID, n.Subject, n.Description, n.Priority, nullID(p.UserID()), p.ActorLabel(), now.UnixMilli(), now.UnixMilli()).Scan(&id)
		if err != nil {
			return err
		}
		if err := insertAttachments(ctx, tx, p.BrandID, id, 0, atts, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p, p.BrandID, "create", "ticket", fmt.Sprint(id), audit.Created(map[string]any{
			"subject": n.Subject, "priority": n.Priority, "attachments": len(atts)}), now); err != nil {
			return err
		}
		t, err := Get(ctx, tx, p.BrandID, id)
		if err != nil {
			return err
		}
		return s.tellTeam(ctx, tx, p, t, "tickets.email.opened", n.Description)
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, s.DB, p.BrandID, id)
}

func checkText(errs *apperr.Fields, field, v string, max int) {
	switch {
	case v == "":
		addErr(errs, field, "validation.required")
	case utf8.RuneCountInString(v) > max:
		addErr(errs, field, "validation.too_long", "max", max)
	}
}

// ReplyInput is one answer on a ticket. Status, when set, is where the
// ticket goes instead of the automatic move (e.g. "reply and resolve").
type ReplyInput struct {
	Body        string
	Status      string
	Attachments []Upload
}

// Reply adds an answer to a ticket of p's brand and moves it: an account
// team reply leaves it waiting on the customer, a customer reply opens it
// again (a new ticket stays new until the team first answers). The other
// side is told by email.
func (s *Service) Reply(ctx context.Context, p *auth.Principal, ticketID int64, in ReplyInput) (*Reply, error) {
	var errs apperr.Fields
	in.Body = strings.TrimSpace(in.Body)
	checkText(&errs, "body", in.Body, maxBody)
	team := fromTeam(p)
	if in.Status != "" && !allowedMove(team, "", in.Status) {
		addErr(&errs, "status", "tickets.error.status")
	}
	now := s.Now().UTC()
	var reply *Reply
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		t, err := Get(ctx, tx, p.BrandID, ticketID)
		if err != nil {
			return err
		}
		if t.Status == "closed" && !team {
			return apperr.New(apperr.Conflict, "This ticket is closed; open a new one.")
		}
		n, err := countAttachments(ctx, tx, p.BrandID, ticketID)
		if err != nil {
			return err
		}
		atts := checkUploads(&errs, in.Attachments, n)
		if err := errs.Err(); err != nil {
			return err
		}
		reply = &Reply{AuthorLabel: p.ActorLabel(), FromTeam: team, Body: in.Body, CreatedAt: now, Attachments: []Attachment{}}
		if uid := p.UserID(); uid != 0 {
			reply.AuthorID = &uid
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO ticket_replies (brand_id, ticket_id, author_id, author_label, from_team, body, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.BrandID, ticketID, nullID(p.UserID()), reply.AuthorLabel, team, in.Body, now.UnixMilli()).Scan(&reply.ID); err != nil {
			return err
		}
		if err := insertAttachments(ctx, tx, p.BrandID, ticketID, reply.ID, atts, now); err != nil {
			return err
		}
		for _, a := range atts {
			reply.Attachments = append(reply.Attachments, Attachment{Filename: a.Filename, ContentType: a.ContentType, Size: a.Size})
		}
		next := in.Status
		if next == "" {
			next = autoMove(team, t.Status)
		}
		changes := map[string]audit.Change{"reply": {To: reply.ID}}
		if team && t.FirstResponseAt == nil {
			if _, err := tx.ExecContext(ctx, `UPDATE tickets SET first_response_at = ? WHERE brand_id = ? AND id = ?`, now.UnixMilli(), p.BrandID, ticketID); err != nil {
				return err
			}
			changes["first_response_at"] = audit.Change{To: now.UnixMilli()}
			if t.AssigneeID == nil {
				// The account manager who answers first takes the ticket.
				if m, role, err := member(ctx, tx, p.BrandID, p.UserID()); err != nil {
					return err
				} else if m != nil && role == string(auth.AccountManager) {
					if err := setAssignee(ctx, tx, p.BrandID, ticketID, m.ID, now); err != nil {
						return err
					}
					changes["assignee_id"] = audit.Change{To: m.ID}
				}
			}
		}
		if next != t.Status {
			if err := setStatus(ctx, tx, t, next, now); err != nil {
				return err
			}
			changes["status"] = audit.Change{From: t.Status, To: next}
		}
		if err := touch(ctx, tx, p.BrandID, ticketID, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p, p.BrandID, "reply", "ticket", fmt.Sprint(ticketID), changes, now); err != nil {
			return err
		}
		if t, err = Get(ctx, tx, p.BrandID, ticketID); err != nil {
			return err
		}
		if team {
			return s.tellCustomer(ctx, tx, p, t, in.Body)
		}
		return s.tellTeam(ctx, tx, p, t, "tickets.email.customer_reply", in.Body)
	})
	if err != nil {
		return nil, err
	}
	return reply, nil
}

// autoMove is where a reply sends a ticket.
func autoMove(team bool, status string) string {
	switch {
	case team:
		return "waiting"
	case status == "new":
		return "new"
	default:
		return "open"
	}
}

// allowedMove says whether someone may set status to next by hand: the
// account team may set any status but new; the customer may resolve or
// close their ticket and reopen a resolved one. from is "" when unknown.
func allowedMove(team bool, from, next string) bool {
	if !contains(Statuses, next) || next == "new" {
		return false
	}
	if team {
		return true
	}
	switch next {
	case "resolved", "closed":
		return from != "closed"
	case "open":
		return from == "resolved" || from == ""
	}
	return false
}

// SetStatus moves a ticket of p's brand by hand.
func (s *Service) SetStatus(ctx context.Context, p *auth.Principal, ticketID int64, status string) error {
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		t, err := Get(ctx, tx, p.BrandID, ticketID)
		if err != nil {
			return err
		}
		if !allowedMove(fromTeam(p), t.Status, status) {
			var errs apperr.Fields
			addErr(&errs, "status", "tickets.error.status")
			return errs.Err()
		}
		if status == t.Status {
			return nil
		}
		if err := setStatus(ctx, tx, t, status, now); err != nil {
			return err
		}
		if err := touch(ctx, tx, p.BrandID, ticketID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "update_status", "ticket", fmt.Sprint(ticketID),
			map[string]audit.Change{"status": {From: t.Status, To: status}}, now)
	})
}

// setStatus writes a status; resolving or closing records when the
// ticket was resolved (once), going back to work forgets it.
func setStatus(ctx context.Context, tx *db.Tx, t *Ticket, status string, now time.Time) error {
	resolved := any(nil)
	switch {
	case (status == "resolved" || status == "closed") && t.ResolvedAt != nil:
		resolved = t.ResolvedAt.UnixMilli()
	case status == "resolved" || status == "closed":
		resolved = now.UnixMilli()
	}
	_, err := tx.ExecContext(ctx, `UPDATE tickets SET status = ?, resolved_at = ? WHERE brand_id = ? AND id = ?`, status, resolved, t.BrandID, t.ID)
	return err
}

func touch(ctx context.Context, tx *db.Tx, brandID, id int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE tickets SET updated_at = ? WHERE brand_id = ? AND id = ?`, now.UnixMilli(), brandID, id)
	return err
}

func setAssignee(ctx context.Context, tx *db.Tx, brandID, id, userID int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE tickets SET assignee_id = ?, updated_at = ? WHERE brand_id = ? AND id = ?`, nullID(userID), now.UnixMilli(), brandID, id)
	return err
}

// Assign gives a ticket of p's brand to one of the brand's account
// managers (0: nobody).
func (s *Service) Assign(ctx context.Context, p *auth.Principal, ticketID, userID int64) error {
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		t, err := Get(ctx, tx, p.BrandID, ticketID)
		if err != nil {
			return err
		}
		if userID != 0 {
			m, role, err := member(ctx, tx, p.BrandID, userID)
			if err != nil {
				return err
			}
			if m == nil || role != string(auth.AccountManager) {
				var errs apperr.Fields
				addErr(&errs, "assignee_id", "tickets.error.assignee")
				return errs.Err()
			}
		}
		var from any
		if t.AssigneeID != nil {
			from = *t.AssigneeID
			if *t.AssigneeID == userID {
				return nil
			}
		} else if userID == 0 {
			return nil
		}
		if err := setAssignee(ctx, tx, p.BrandID, ticketID, userID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "assign", "ticket", fmt.Sprint(ticketID),
			map[string]audit.Change{"assignee_id": {From: from, To: nullID(userID)}}, now)
	})
}
