package accountwork

import (
	"context"

	"github.com/rosterhq/roster/internal/calendar"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

// Meetings are on the editorial calendar, each on its day.
func init() { calendar.AddSource(meetingSource{}) }

type meetingSource struct{}

func (meetingSource) Name() string { return "meeting" }

func (meetingSource) Events(ctx context.Context, q db.Querier, l *i18n.Localizer, brandID int64, r calendar.Range, f calendar.Filter) ([]calendar.Event, error) {
	if f.CampaignID != 0 {
		return nil, nil // meetings belong to the brand, not to a campaign
	}
	query := `SELECT id, kind, title, day, start_time, COALESCE(owner_user_id, 0), updated_at FROM account_meetings
		WHERE brand_id = ? AND day >= ? AND day <= ?`
	args := []any{brandID, r.From.Format(calendar.DateLayout), r.To.Format(calendar.DateLayout)}
	if f.OwnerUserID != 0 {
		query, args = query+` AND owner_user_id = ?`, append(args, f.OwnerUserID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY day, start_time, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []calendar.Event
	for rows.Next() {
		var e calendar.Event
		var kind, day, start string
		var updated int64
		if err := rows.Scan(&e.ID, &kind, &e.Title, &day, &start, &e.OwnerUserID, &updated); err != nil {
			return nil, err
		}
		d, ok := calendar.ParseDate(day)
		if !ok {
			continue
		}
		e.Source, e.Start, e.End, e.Updated = "meeting", d, d, msTime(updated)
		if start != "" {
			start += " UTC"
		}
		kindKey := "work.meeting_kind." + kind
		e.Detail = l.T("work.meeting.calendar_detail", "kind", l.T(kindKey), "time", start)
		out = append(out, e)
	}
	return out, rows.Err()
}
