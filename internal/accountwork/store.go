package accountwork

import (
	"context"
	"database/sql"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

const dateLayout = "2006-01-02"

func nullID(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func idPtr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

func msPtr(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := time.UnixMilli(n.Int64).UTC()
	return &t
}

const taskColumns = `t.id, t.kind, t.title, t.status, t.owner_user_id, COALESCE(NULLIF(u.name, ''), u.email, ''), COALESCE(t.due_on, ''),
	t.campaign_id, COALESCE(c.name, ''), t.meeting_id, t.notes, t.created_at, t.updated_at, t.done_at`

const taskFrom = ` FROM account_tasks t LEFT JOIN users u ON u.id = t.owner_user_id
	LEFT JOIN campaigns c ON c.id = t.campaign_id AND c.brand_id = t.brand_id`

func scanTask(row interface{ Scan(...any) error }) (*Task, error) {
	var t Task
	var owner, campaign, meeting, done sql.NullInt64
	var created, updated int64
	if err := row.Scan(&t.ID, &t.Kind, &t.Title, &t.Status, &owner, &t.OwnerName, &t.DueOn, &campaign, &t.Campaign, &meeting, &t.Notes,
		&created, &updated, &done); err != nil {
		return nil, err
	}
	t.OwnerUserID, t.CampaignID, t.MeetingID, t.DoneAt = idPtr(owner), idPtr(campaign), idPtr(meeting), msPtr(done)
	t.CreatedAt, t.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return &t, nil
}

// GetTask returns one of the brand's tasks.
func GetTask(ctx context.Context, q db.Querier, brandID, id int64) (*Task, error) {
	t, err := scanTask(q.QueryRowContext(ctx, `SELECT `+taskColumns+taskFrom+` WHERE t.brand_id = ? AND t.id = ?`, brandID, id))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "task %d not found", id)
	}
	return t, err
}

// ListTasks returns the brand's tasks: open ones first, then the rest,
// each by due date and then as created; meetingID > 0 keeps one
// meeting's action items.
func ListTasks(ctx context.Context, q db.Querier, brandID, meetingID int64) ([]Task, error) {
	where, args := `t.brand_id = ?`, []any{brandID}
	if meetingID > 0 {
		where, args = where+` AND t.meeting_id = ?`, append(args, meetingID)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+taskColumns+taskFrom+` WHERE `+where+`
		ORDER BY CASE WHEN t.status IN ('open', 'in_progress') THEN 0 ELSE 1 END, COALESCE(t.due_on, '9999-12-31'), t.id LIMIT 500`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

const meetingColumns = `id, kind, title, day, start_time, duration_minutes, agenda, notes, owner_user_id, updated_at`

func scanMeeting(row interface{ Scan(...any) error }) (*Meeting, error) {
	var m Meeting
	var owner sql.NullInt64
	var updated int64
	if err := row.Scan(&m.ID, &m.Kind, &m.Title, &m.Day, &m.StartTime, &m.Duration, &m.Agenda, &m.Notes, &owner, &updated); err != nil {
		return nil, err
	}
	m.OwnerUserID, m.UpdatedAt = idPtr(owner), time.UnixMilli(updated).UTC()
	return &m, nil
}

// GetMeeting returns one of the brand's meetings with its attendees and
// action items.
func GetMeeting(ctx context.Context, q db.Querier, brandID, id int64) (*Meeting, error) {
	m, err := scanMeeting(q.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM account_meetings WHERE brand_id = ? AND id = ?`, brandID, id))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "meeting %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT user_id, name, email FROM account_meeting_attendees WHERE brand_id = ? AND meeting_id = ? ORDER BY position`, brandID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a Attendee
		var user sql.NullInt64
		if err := rows.Scan(&user, &a.Name, &a.Email); err != nil {
			return nil, err
		}
		a.UserID = idPtr(user)
		m.Attendees = append(m.Attendees, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	m.ActionItems, err = ListTasks(ctx, q, brandID, id)
	return m, err
}

// ListMeetings returns the brand's meetings, upcoming first then past.
func ListMeetings(ctx context.Context, q db.Querier, brandID int64, today string) ([]Meeting, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+meetingColumns+` FROM account_meetings WHERE brand_id = ?
		ORDER BY CASE WHEN day >= ? THEN 0 ELSE 1 END, CASE WHEN day >= ? THEN day END, day DESC, start_time, id LIMIT 500`, brandID, today, today)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

const partnershipColumns = `id, partner, kind, status, value_minor, currency, COALESCE(starts_on, ''), COALESCE(ends_on, ''), notes, owner_user_id, updated_at`

func scanPartnership(row interface{ Scan(...any) error }) (*Partnership, error) {
	var p Partnership
	var owner sql.NullInt64
	var updated int64
	if err := row.Scan(&p.ID, &p.Partner, &p.Kind, &p.Status, &p.ValueMinor, &p.Currency, &p.StartsOn, &p.EndsOn, &p.Notes, &owner, &updated); err != nil {
		return nil, err
	}
	p.OwnerUserID, p.UpdatedAt = idPtr(owner), time.UnixMilli(updated).UTC()
	return &p, nil
}

// GetPartnership returns one of the brand's tracked partnerships.
func GetPartnership(ctx context.Context, q db.Querier, brandID, id int64) (*Partnership, error) {
	p, err := scanPartnership(q.QueryRowContext(ctx, `SELECT `+partnershipColumns+` FROM account_partnerships WHERE brand_id = ? AND id = ?`, brandID, id))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "partnership %d not found", id)
	}
	return p, err
}

// ListPartnerships returns the brand's tracker, live ones first.
func ListPartnerships(ctx context.Context, q db.Querier, brandID int64) ([]Partnership, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+partnershipColumns+` FROM account_partnerships WHERE brand_id = ?
		ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'negotiating' THEN 1 WHEN 'prospect' THEN 2 ELSE 3 END, id DESC LIMIT 500`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Partnership
	for rows.Next() {
		p, err := scanPartnership(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

const goalColumns = `id, metric, label, target, period_start, period_end, manual_actual, owner_user_id`

func scanGoal(row interface{ Scan(...any) error }) (*Goal, error) {
	var g Goal
	var manual, owner sql.NullInt64
	if err := row.Scan(&g.ID, &g.Metric, &g.Label, &g.Target, &g.PeriodStart, &g.PeriodEnd, &manual, &owner); err != nil {
		return nil, err
	}
	g.ManualActual, g.OwnerUserID = idPtr(manual), idPtr(owner)
	return &g, nil
}

// GetGoal returns one of the brand's goals with its actual value.
func GetGoal(ctx context.Context, q db.Querier, brandID, id int64) (*Goal, error) {
	g, err := scanGoal(q.QueryRowContext(ctx, `SELECT `+goalColumns+` FROM account_goals WHERE brand_id = ? AND id = ?`, brandID, id))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "goal %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return g, fillActual(ctx, q, brandID, g)
}

// ListGoals returns the brand's goals, current periods first, each with
// its actual value.
func ListGoals(ctx context.Context, q db.Querier, brandID int64) ([]Goal, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+goalColumns+` FROM account_goals WHERE brand_id = ? ORDER BY period_end DESC, id LIMIT 200`, brandID)
	if err != nil {
		return nil, err
	}
	var out []Goal
	for rows.Next() {
		g, err := scanGoal(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, *g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := fillActual(ctx, q, brandID, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func msTime(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
