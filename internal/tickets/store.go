package tickets

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// ticketColumns reads a ticket with its opener's and assignee's labels;
// scanTicket matches it.
const ticketColumns = `t.id, t.brand_id, b.name, t.subject, t.description, t.priority, t.status, t.opened_by, t.opened_by_label,
	t.assignee_id, COALESCE(NULLIF(a.name, ''), a.email, ''), t.opened_at, t.first_response_at, t.resolved_at, t.updated_at
	FROM tickets t JOIN brands b ON b.id = t.brand_id LEFT JOIN users a ON a.id = t.assignee_id`

type scanner interface{ Scan(...any) error }

func scanTicket(s scanner) (*Ticket, error) {
	var t Ticket
	var opened, updated int64
	var openedBy, assignee, first, resolved sql.NullInt64
	if err := s.Scan(&t.ID, &t.BrandID, &t.BrandName, &t.Subject, &t.Description, &t.Priority, &t.Status, &openedBy, &t.OpenedByLabel,
		&assignee, &t.AssigneeLabel, &opened, &first, &resolved, &updated); err != nil {
		return nil, err
	}
	t.OpenedBy, t.AssigneeID = ptrID(openedBy), ptrID(assignee)
	t.OpenedAt, t.UpdatedAt = ms(opened), ms(updated)
	t.FirstResponseAt, t.ResolvedAt = ptrTime(first), ptrTime(resolved)
	return &t, nil
}

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func ptrID(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	n := v.Int64
	return &n
}

func ptrTime(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := ms(v.Int64)
	return &t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func itoa(n int) string { return strconv.Itoa(n) }

// Get returns one ticket of the brand, or NotFound (also for another
// brand's ticket).
func Get(ctx context.Context, q db.Querier, brandID, id int64) (*Ticket, error) {
	t, err := scanTicket(q.QueryRowContext(ctx, `SELECT `+ticketColumns+` WHERE t.brand_id = ? AND t.id = ?`, brandID, id))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "ticket not found")
	}
	return t, err
}

// List returns the brand's tickets, newest first, after the cursor id
// (0: from the start), at most limit.
func List(ctx context.Context, q db.Querier, brandID int64, f Filter, afterID int64, limit int) ([]Ticket, error) {
	return list(ctx, q, []int64{brandID}, f, afterID, limit)
}

// ListForBrands is the account team's queue: the tickets of the given
// brands (the caller decides which brands the viewer works for), most
// urgent first within the newest activity.
func ListForBrands(ctx context.Context, q db.Querier, brandIDs []int64, f Filter, limit int) ([]Ticket, error) {
	if len(brandIDs) == 0 {
		return nil, nil
	}
	return list(ctx, q, brandIDs, f, 0, limit)
}

func list(ctx context.Context, q db.Querier, brandIDs []int64, f Filter, afterID int64, limit int) ([]Ticket, error) {
	var where []string
	var args []any
	for _, id := range brandIDs {
		args = append(args, id)
	}
	where = append(where, "t.brand_id IN ("+db.Placeholders(len(brandIDs))+")")
	if f.Status != "" {
		where, args = append(where, "t.status = ?"), append(args, f.Status)
	}
	if f.Priority != "" {
		where, args = append(where, "t.priority = ?"), append(args, f.Priority)
	}
	if f.Open {
		where = append(where, "t.status NOT IN ('resolved', 'closed')")
	}
	if afterID > 0 {
		where, args = append(where, "t.id < ?"), append(args, afterID)
	}
	args = append(args, limit)
	rows, err := q.QueryContext(ctx, `SELECT `+ticketColumns+` WHERE `+strings.Join(where, " AND ")+` ORDER BY t.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// GetThread returns a ticket with its attachments and replies.
func GetThread(ctx context.Context, q db.Querier, brandID, id int64) (*Thread, error) {
	t, err := Get(ctx, q, brandID, id)
	if err != nil {
		return nil, err
	}
	th := &Thread{Ticket: *t, Attachments: []Attachment{}, Replies: []Reply{}}
	rows, err := q.QueryContext(ctx, `SELECT id, author_id, author_label, from_team, body, created_at FROM ticket_replies
		WHERE brand_id = ? AND ticket_id = ? ORDER BY id`, brandID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	index := map[int64]int{}
	for rows.Next() {
		var r Reply
		var author sql.NullInt64
		var at int64
		if err := rows.Scan(&r.ID, &author, &r.AuthorLabel, &r.FromTeam, &r.Body, &at); err != nil {
			return nil, err
		}
		r.AuthorID, r.CreatedAt, r.Attachments = ptrID(author), ms(at), []Attachment{}
		index[r.ID] = len(th.Replies)
		th.Replies = append(th.Replies, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	atts, err := attachments(ctx, q, brandID, id)
	if err != nil {
		return nil, err
	}
	for _, a := range atts {
		if a.ReplyID == nil {
			th.Attachments = append(th.Attachments, a)
		} else if i, ok := index[*a.ReplyID]; ok {
			th.Replies[i].Attachments = append(th.Replies[i].Attachments, a)
		}
	}
	return th, nil
}

// attachments lists a ticket's attachments without their bytes.
func attachments(ctx context.Context, q db.Querier, brandID, ticketID int64) ([]Attachment, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, reply_id, filename, content_type, size_bytes FROM ticket_attachments
		WHERE brand_id = ? AND ticket_id = ? ORDER BY id`, brandID, ticketID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		var reply sql.NullInt64
		if err := rows.Scan(&a.ID, &reply, &a.Filename, &a.ContentType, &a.Size); err != nil {
			return nil, err
		}
		a.ReplyID = ptrID(reply)
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetAttachment returns one attachment of the brand with its bytes.
func GetAttachment(ctx context.Context, q db.Querier, brandID, id int64) (*Attachment, error) {
	var a Attachment
	var reply sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT id, reply_id, filename, content_type, size_bytes, data FROM ticket_attachments
		WHERE brand_id = ? AND id = ?`, brandID, id).Scan(&a.ID, &reply, &a.Filename, &a.ContentType, &a.Size, &a.Data)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "attachment not found")
	}
	a.ReplyID = ptrID(reply)
	return &a, err
}

func countAttachments(ctx context.Context, q db.Querier, brandID, ticketID int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM ticket_attachments WHERE brand_id = ? AND ticket_id = ?`, brandID, ticketID).Scan(&n)
	return n, err
}

func insertAttachments(ctx context.Context, tx *db.Tx, brandID, ticketID, replyID int64, atts []Attachment, now time.Time) error {
	for _, a := range atts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ticket_attachments (brand_id, ticket_id, reply_id, filename, content_type, size_bytes, data, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, brandID, ticketID, nullID(replyID), a.Filename, a.ContentType, a.Size, a.Data, now.UnixMilli()); err != nil {
			return err
		}
	}
	return nil
}

// Member is someone of a brand's team the tickets room writes to.
type Member struct {
	ID     int64
	Email  string
	Label  string
	Locale string
}

// accountManagers lists the brand's account managers, who receive new
// tickets nobody is assigned to.
func accountManagers(ctx context.Context, q db.Querier, brandID int64) ([]Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.email, COALESCE(NULLIF(u.name, ''), u.email), u.locale FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.brand_id = ? AND m.role = 'account_manager' ORDER BY u.name, u.email`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.Email, &m.Label, &m.Locale); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// member returns a user with the role they hold in the brand ("" when
// they hold none), for notifications and assignment checks.
func member(ctx context.Context, q db.Querier, brandID, userID int64) (*Member, string, error) {
	var m Member
	var role sql.NullString
	err := q.QueryRowContext(ctx, `SELECT u.id, u.email, COALESCE(NULLIF(u.name, ''), u.email), u.locale, m.role FROM users u
		LEFT JOIN memberships m ON m.user_id = u.id AND m.brand_id = ? WHERE u.id = ?`, brandID, userID).
		Scan(&m.ID, &m.Email, &m.Label, &m.Locale, &role)
	if db.IsNoRows(err) {
		return nil, "", nil
	}
	return &m, role.String, err
}
