package inbox

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

var errNotFound = apperr.New(apperr.NotFound, "conversation not found")

func isNotFound(err error) bool { return apperr.CodeOf(err) == apperr.NotFound }

// selectThread reads a thread with its creator, campaign, assignee and the
// read mark of one viewer (the first argument of every query using it).
const selectThread = `SELECT t.id, t.brand_id, b.name, t.creator_id, c.display_name, c.email, t.campaign_id, COALESCE(cp.name, ''),
	t.subject, t.status, t.assignee_user_id, COALESCE(NULLIF(u.name, ''), u.email, ''), t.message_count, t.last_message_at,
	t.last_author, t.last_creator_message_id, COALESCE(r.message_id, 0), t.first_creator_at, t.first_response_at, t.closed_at,
	t.created_at, t.reply_token
	FROM inbox_threads t JOIN creators c ON c.id = t.creator_id JOIN brands b ON b.id = t.brand_id
	LEFT JOIN campaigns cp ON cp.id = t.campaign_id LEFT JOIN users u ON u.id = t.assignee_user_id
	LEFT JOIN inbox_reads r ON r.thread_id = t.id AND r.user_id = ? `

// selectListed is selectThread without the brand, campaign and assignee
// joins, for pages of threads: fillNames adds those names with one
// batched query each. Fewer relations keep PostgreSQL's planning (every
// query is planned afresh, see internal/db) short.
const selectListed = `SELECT t.id, t.brand_id, '', t.creator_id, c.display_name, c.email, t.campaign_id, '',
	t.subject, t.status, t.assignee_user_id, '', t.message_count, t.last_message_at,
	t.last_author, t.last_creator_message_id, COALESCE(r.message_id, 0), t.first_creator_at, t.first_response_at, t.closed_at,
	t.created_at, t.reply_token
	FROM inbox_threads t JOIN creators c ON c.id = t.creator_id
	LEFT JOIN inbox_reads r ON r.thread_id = t.id AND r.user_id = ? `

// fillNames sets the campaign and assignee names of a page of threads.
func fillNames(ctx context.Context, q db.Querier, brandID int64, items []Thread) error {
	campaigns, users := map[int64]string{}, map[int64]string{}
	for _, t := range items {
		if t.CampaignID != nil {
			campaigns[*t.CampaignID] = ""
		}
		if t.AssigneeID != nil {
			users[*t.AssigneeID] = ""
		}
	}
	if err := namesOf(ctx, q, campaigns, `SELECT id, name FROM campaigns WHERE brand_id = ? AND id IN `, brandID); err != nil {
		return err
	}
	// Assignee ids come from the brand's own threads.
	if err := namesOf(ctx, q, users, `SELECT id, COALESCE(NULLIF(name, ''), email) FROM users WHERE id IN `); err != nil {
		return err
	}
	for i := range items {
		if id := items[i].CampaignID; id != nil {
			items[i].CampaignName = campaigns[*id]
		}
		if id := items[i].AssigneeID; id != nil {
			items[i].AssigneeName = users[*id]
		}
	}
	return nil
}

// namesOf fills names (id → "") from query, which ends in "id IN " and
// takes args before the ids.
func namesOf(ctx context.Context, q db.Querier, names map[int64]string, query string, args ...any) error {
	if len(names) == 0 {
		return nil
	}
	for id := range names {
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, query+"("+db.Placeholders(len(names))+")", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		names[id] = name
	}
	return rows.Err()
}

func scanThread(row interface{ Scan(...any) error }) (*Thread, error) {
	var t Thread
	var campaign, assignee, firstCreator, firstResponse, closed sql.NullInt64
	var last, created, readMark int64
	err := row.Scan(&t.ID, &t.BrandID, &t.BrandName, &t.CreatorID, &t.CreatorName, &t.CreatorEmail, &campaign, &t.CampaignName,
		&t.Subject, &t.Status, &assignee, &t.AssigneeName, &t.MessageCount, &last, &t.LastAuthor, &t.LastCreatorMsg, &readMark,
		&firstCreator, &firstResponse, &closed, &created, &t.ReplyToken)
	if db.IsNoRows(err) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	t.CampaignID, t.AssigneeID = idPtr(campaign), idPtr(assignee)
	t.LastMessageAt, t.CreatedAt = ms(last), ms(created)
	t.FirstCreatorAt, t.FirstResponse, t.ClosedAt = msPtr(firstCreator), msPtr(firstResponse), msPtr(closed)
	t.Unread = t.LastCreatorMsg > readMark
	return &t, nil
}

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func msPtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := ms(v.Int64)
	return &t
}

func idPtr(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	return &v.Int64
}

// Get returns one thread of the brand as viewer (a user id, 0 for none)
// sees it, or NotFound.
func Get(ctx context.Context, q db.Querier, brandID, viewer, id int64) (*Thread, error) {
	return scanThread(q.QueryRowContext(ctx, selectThread+`WHERE t.brand_id = ? AND t.id = ?`, viewer, brandID, id))
}

// ByReplyToken returns the thread of a reply address token, in any brand.
func ByReplyToken(ctx context.Context, q db.Querier, token string) (*Thread, error) {
	return scanThread(q.QueryRowContext(ctx, selectThread+`WHERE t.reply_token = ?`, 0, token))
}

// Filter selects threads for the inbox list.
type Filter struct {
	Viewer     int64  // whose read marks say what is unread (0: nobody's)
	Status     string // "" for every status
	Assignee   int64  // 0: anyone's
	Unassigned bool
	CampaignID int64 // 0: any
	CreatorID  int64 // 0: any
	Unread     bool
	Q          string // words in the subject or the creator's name
	After      Cursor // the last thread of the previous page
	Limit      int
}

// Cursor is a position in the list: the (last_message_at, id) of a thread.
type Cursor struct {
	At int64
	ID int64
}

// String encodes the cursor for a URL; the zero cursor is "".
func (c Cursor) String() string {
	if c.ID == 0 {
		return ""
	}
	return strconv.FormatInt(c.At, 10) + "_" + strconv.FormatInt(c.ID, 10)
}

// ParseCursor reads a cursor made by String.
func ParseCursor(s string) (Cursor, bool) {
	if s == "" {
		return Cursor{}, true
	}
	a, b, ok := strings.Cut(s, "_")
	at, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil || id <= 0 || at < 0 {
		return Cursor{}, false
	}
	return Cursor{At: at, ID: id}, true
}

// CursorOf is the cursor just after t.
func CursorOf(t Thread) Cursor { return Cursor{At: t.LastMessageAt.UnixMilli(), ID: t.ID} }

// List returns one page of the brand's threads, newest activity first,
// and the cursor of the next page (zero on the last one).
func List(ctx context.Context, q db.Querier, brandID int64, f Filter) ([]Thread, Cursor, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	query, args := listQuery(brandID, f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, Cursor{}, err
	}
	defer rows.Close()
	var out []Thread
	for rows.Next() {
		t, err := scanThread(rows)
		if err != nil {
			return nil, Cursor{}, err
		}
		out = append(out, *t)
	}
	if err := rows.Err(); err != nil {
		return nil, Cursor{}, err
	}
	var next Cursor
	if len(out) > f.Limit {
		out = out[:f.Limit]
		next = CursorOf(out[f.Limit-1])
	}
	return out, next, fillNames(ctx, q, brandID, out)
}

// listQuery builds List's query: one more row than a page.
func listQuery(brandID int64, f Filter) (string, []any) {
	where := []string{"t.brand_id = ?"}
	args := []any{f.Viewer, brandID}
	if f.Status != "" {
		where, args = append(where, "t.status = ?"), append(args, f.Status)
	}
	switch {
	case f.Unassigned:
		where = append(where, "t.assignee_user_id IS NULL")
	case f.Assignee != 0:
		where, args = append(where, "t.assignee_user_id = ?"), append(args, f.Assignee)
	}
	if f.CampaignID != 0 {
		where, args = append(where, "t.campaign_id = ?"), append(args, f.CampaignID)
	}
	if f.CreatorID != 0 {
		where, args = append(where, "t.creator_id = ?"), append(args, f.CreatorID)
	}
	if f.Unread {
		where = append(where, "t.last_creator_message_id > COALESCE(r.message_id, 0)")
	}
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		like := "%" + likeEscaper.Replace(q) + "%"
		// The creators matching are found once, not joined per thread.
		where = append(where, `(LOWER(t.subject) LIKE ? ESCAPE '\' OR t.creator_id IN
			(SELECT id FROM creators WHERE brand_id = ? AND LOWER(display_name) LIKE ? ESCAPE '\'))`)
		args = append(args, like, brandID, like)
	}
	if f.After.ID != 0 {
		where = append(where, "(t.last_message_at < ? OR (t.last_message_at = ? AND t.id < ?))")
		args = append(args, f.After.At, f.After.At, f.After.ID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	return selectListed + "WHERE " + strings.Join(where, " AND ") + " ORDER BY t.last_message_at DESC, t.id DESC LIMIT ?", append(args, limit+1)
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

// UnreadCap bounds UnreadCount: past it the inbox says "100+", so the
// count reads at most this many unread threads, newest first, instead of
// the whole brand.
const UnreadCap = 100

// UnreadCount is how many of the brand's open or waiting threads have
// creator messages the viewer has not seen, up to UnreadCap.
func UnreadCount(ctx context.Context, q db.Querier, brandID, viewer int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM inbox_threads t
		LEFT JOIN inbox_reads r ON r.thread_id = t.id AND r.user_id = ?
		WHERE t.brand_id = ? AND t.status <> 'closed' AND t.last_creator_message_id > COALESCE(r.message_id, 0)
		ORDER BY t.last_message_at DESC LIMIT ?) unread`, viewer, brandID, UnreadCap).Scan(&n)
	return n, err
}

const selectMessage = `SELECT id, thread_id, author, author_user_id, author_name, body, channel, created_at FROM inbox_messages `

// Messages returns a thread's messages oldest first, after message id
// after (0 from the start), at most limit.
func Messages(ctx context.Context, q db.Querier, brandID, threadID, after int64, limit int) ([]Message, error) {
	rows, err := q.QueryContext(ctx, selectMessage+`WHERE brand_id = ? AND thread_id = ? AND id > ? ORDER BY id LIMIT ?`,
		brandID, threadID, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var author sql.NullInt64
		var created int64
		if err := rows.Scan(&m.ID, &m.ThreadID, &m.Author, &author, &m.AuthorName, &m.Body, &m.Channel, &created); err != nil {
			return nil, err
		}
		m.AuthorID, m.CreatedAt = idPtr(author), ms(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkRead moves a team member's read mark up to messageID (never down).
func MarkRead(ctx context.Context, q db.Querier, brandID, threadID, userID, messageID int64) error {
	if userID == 0 || messageID == 0 {
		return nil
	}
	_, err := q.ExecContext(ctx, `INSERT INTO inbox_reads (thread_id, user_id, brand_id, message_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (thread_id, user_id) DO UPDATE SET message_id = excluded.message_id
		WHERE inbox_reads.message_id < excluded.message_id`, threadID, userID, brandID, messageID)
	return err
}

// MarkUnread forgets a team member's read mark of a thread.
func MarkUnread(ctx context.Context, q db.Querier, brandID, threadID, userID int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM inbox_reads WHERE brand_id = ? AND thread_id = ? AND user_id = ?`, brandID, threadID, userID)
	return err
}
