package timetrack

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

const entryColumns = `e.id, e.user_id, COALESCE(NULLIF(u.name, ''), u.email), e.role, e.category, e.campaign_id, COALESCE(c.name, ''),
	e.day, e.minutes, e.note, e.source, e.started_at, e.ended_at, e.created_at, e.updated_at`

const entryFrom = ` FROM time_entries e JOIN users u ON u.id = e.user_id LEFT JOIN campaigns c ON c.id = e.campaign_id AND c.brand_id = e.brand_id`

func msTime(ms sql.NullInt64) *time.Time {
	if !ms.Valid {
		return nil
	}
	t := time.UnixMilli(ms.Int64).UTC()
	return &t
}

func scanEntry(row interface{ Scan(...any) error }) (*Entry, error) {
	var e Entry
	var campaign, started, ended sql.NullInt64
	var created, updated int64
	if err := row.Scan(&e.ID, &e.UserID, &e.UserName, &e.Role, &e.Category, &campaign, &e.Campaign, &e.Day, &e.Minutes, &e.Note, &e.Source,
		&started, &ended, &created, &updated); err != nil {
		return nil, err
	}
	if campaign.Valid {
		e.CampaignID = &campaign.Int64
	}
	e.StartedAt, e.EndedAt = msTime(started), msTime(ended)
	e.CreatedAt, e.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return &e, nil
}

// GetEntry returns one entry of the brand; another brand's is not_found.
func GetEntry(ctx context.Context, q db.Querier, brandID, id int64) (*Entry, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, `SELECT `+entryColumns+entryFrom+` WHERE e.brand_id = ? AND e.id = ?`, brandID, id))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "time entry %d not found", id)
	}
	return e, err
}

// Filter narrows a list of entries: days from From to To inclusive, and
// one person when UserID is set.
type Filter struct {
	From, To string
	UserID   int64
	Category string
	// With Limit set, entries come by id after After (the API's pages).
	After, Limit int64
}

// ListEntries returns the brand's entries matching f, by day then id.
func ListEntries(ctx context.Context, q db.Querier, brandID int64, f Filter) ([]Entry, error) {
	where := []string{"e.brand_id = ?"}
	args := []any{brandID}
	if f.From != "" {
		where, args = append(where, "e.day >= ?"), append(args, f.From)
	}
	if f.To != "" {
		where, args = append(where, "e.day <= ?"), append(args, f.To)
	}
	if f.UserID != 0 {
		where, args = append(where, "e.user_id = ?"), append(args, f.UserID)
	}
	if f.Category != "" {
		where, args = append(where, "e.category = ?"), append(args, f.Category)
	}
	order := ` ORDER BY e.day, e.id`
	if f.Limit > 0 {
		where, args = append(where, "e.id > ?"), append(args, f.After)
		order = fmt.Sprintf(` ORDER BY e.id LIMIT %d`, f.Limit)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+entryColumns+entryFrom+` WHERE `+strings.Join(where, " AND ")+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

func nullID(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}

func nullMs(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMilli()
}

func insertEntry(ctx context.Context, tx *db.Tx, brandID int64, e *Entry, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO time_entries (brand_id, user_id, role, category, campaign_id, day, minutes, note, source, started_at, ended_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, e.UserID, e.Role, e.Category, nullID(e.CampaignID), e.Day, e.Minutes, e.Note, e.Source, nullMs(e.StartedAt), nullMs(e.EndedAt), now.UnixMilli(), now.UnixMilli()).Scan(&id)
	return id, err
}

// GetTimer returns the person's running timer in the brand, or nil.
func GetTimer(ctx context.Context, q db.Querier, brandID, userID int64) (*Timer, error) {
	var t Timer
	var campaign sql.NullInt64
	var started int64
	err := q.QueryRowContext(ctx, `SELECT category, campaign_id, note, started_at FROM time_timers WHERE brand_id = ? AND user_id = ?`, brandID, userID).
		Scan(&t.Category, &campaign, &t.Note, &started)
	if db.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if campaign.Valid {
		t.CampaignID = &campaign.Int64
	}
	t.StartedAt = time.UnixMilli(started).UTC()
	return &t, nil
}

// MonthClosed reports whether the brand closed month ("YYYY-MM").
func MonthClosed(ctx context.Context, q db.Querier, brandID int64, month string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM time_closed_months WHERE brand_id = ? AND month = ?`, brandID, month).Scan(&n)
	return n > 0, err
}

// campaignInBrand reports whether id is one of the brand's campaigns.
func campaignInBrand(ctx context.Context, q db.Querier, brandID, id int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM campaigns WHERE brand_id = ? AND id = ?`, brandID, id).Scan(&n)
	return n > 0, err
}

// CampaignOption is a campaign time can be logged against.
type CampaignOption struct {
	ID   int64
	Name string
}

// Campaigns lists the brand's campaigns that are not archived, by name.
func Campaigns(ctx context.Context, q db.Querier, brandID int64) ([]CampaignOption, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM campaigns WHERE brand_id = ? AND status <> 'archived' ORDER BY name, id`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CampaignOption
	for rows.Next() {
		var c CampaignOption
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// monthEntries reads the brand's entries with from <= day < to, by day
// and id, without names (the statement fills them from lookups).
func monthEntries(ctx context.Context, q db.Querier, brandID int64, from, to string) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, user_id, role, category, campaign_id, day, minutes, note, source, started_at, ended_at, created_at, updated_at
		FROM time_entries WHERE brand_id = ? AND day >= ? AND day < ? ORDER BY day, id`, brandID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var campaign, started, ended sql.NullInt64
		var created, updated int64
		if err := rows.Scan(&e.ID, &e.UserID, &e.Role, &e.Category, &campaign, &e.Day, &e.Minutes, &e.Note, &e.Source, &started, &ended, &created, &updated); err != nil {
			return nil, err
		}
		if campaign.Valid {
			e.CampaignID = &campaign.Int64
		}
		e.StartedAt, e.EndedAt = msTime(started), msTime(ended)
		e.CreatedAt, e.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// campaignNames fills names (by id) with the brand's campaign names.
func campaignNames(ctx context.Context, q db.Querier, brandID int64, names map[int64]string) error {
	if len(names) == 0 {
		return nil
	}
	args := []any{brandID}
	for id := range names {
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM campaigns WHERE brand_id = ? AND id IN (`+db.Placeholders(len(names))+`)`, args...)
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
