package invite

import (
	"context"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// The daily sending limit counts invitation emails (first emails and
// follow-ups) per brand and UTC day. Each email is booked on the first day
// from the one it is due that still has room, so sends beyond the limit
// move to the next day; none is dropped.

const dayMillis = 24 * 60 * 60 * 1000

// bookingHorizon bounds the search for a free day (ten years).
const bookingHorizon = 3660

func dayOf(t time.Time) int64      { return t.UnixMilli() / dayMillis }
func dayStart(day int64) time.Time { return time.UnixMilli(day * dayMillis).UTC() }

// book takes one email slot on the first day from `from` with room and
// returns that day.
func book(ctx context.Context, tx *db.Tx, brandID, from int64, limit int) (int64, error) {
	for day := from; day < from+bookingHorizon; day++ {
		var booked int
		err := tx.QueryRowContext(ctx, `INSERT INTO invite_daily_sends (brand_id, day, booked) VALUES (?, ?, 1)
			ON CONFLICT (brand_id, day) DO UPDATE SET booked = invite_daily_sends.booked + 1
			WHERE invite_daily_sends.booked < ? RETURNING booked`, brandID, day, limit).Scan(&booked)
		if db.IsNoRows(err) {
			continue // full
		}
		return day, err
	}
	return 0, fmt.Errorf("invite: brand %d has no free day in ten years", brandID)
}

// release gives back a slot booked for an email that will not be sent.
func release(ctx context.Context, tx *db.Tx, brandID, day int64) error {
	if day < 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE invite_daily_sends SET booked = booked - 1 WHERE brand_id = ? AND day = ? AND booked > 0`, brandID, day)
	return err
}

// Booked returns how many emails the brand has booked on each day from
// today on (for the queue page), in day order.
func Booked(ctx context.Context, q db.Querier, brandID int64, now time.Time) ([]DayBooking, error) {
	rows, err := q.QueryContext(ctx, `SELECT day, booked FROM invite_daily_sends WHERE brand_id = ? AND day >= ? AND booked > 0
		ORDER BY day LIMIT 60`, brandID, dayOf(now))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DayBooking
	for rows.Next() {
		var d DayBooking
		var day int64
		if err := rows.Scan(&day, &d.Booked); err != nil {
			return nil, err
		}
		d.Day = dayStart(day)
		out = append(out, d)
	}
	return out, rows.Err()
}

// DayBooking is one day's booked invitation emails.
type DayBooking struct {
	Day    time.Time
	Booked int
}
