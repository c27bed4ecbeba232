package timetrack

import (
	"context"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/notify"
)

// Thresholds are the percentages of a commitment that raise an alert.
var Thresholds = []int{80, 100}

// Alert is a threshold a role's time reached in a month.
type Alert struct {
	Month     string    `json:"month"`
	Role      string    `json:"role"`
	Threshold int       `json:"threshold"`
	Used      int       `json:"used_minutes"`
	Committed int       `json:"committed_minutes"`
	At        time.Time `json:"at"`
}

// CheckAlerts records and emails each threshold the brand's committed
// roles have reached in month ("YYYY-MM") and not yet been alerted of:
// once per role, threshold and month, however often it is called. The
// email goes to the people holding the role, the brand executives and
// the account managers, each in their language.
func CheckAlerts(ctx context.Context, d *db.DB, now func() time.Time, brandID int64, month string) error {
	start, ok := ParseMonth(month)
	if !ok {
		return fmt.Errorf("timetrack: bad month %q", month)
	}
	u, err := Utilization(ctx, d, brandID, start, now())
	if err != nil || u.Closed {
		return err
	}
	b, err := brand.ByID(ctx, d, brandID)
	if err != nil {
		return err
	}
	for _, r := range u.Roles {
		if r.CommittedTotal == 0 {
			continue
		}
		for _, th := range Thresholds {
			if r.UsedTotal*100 < r.CommittedTotal*th {
				continue
			}
			if err := d.InTx(ctx, func(tx *db.Tx) error {
				res, err := tx.ExecContext(ctx, `INSERT INTO time_alerts (brand_id, month, role, threshold, used_minutes, committed_minutes, at)
					VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, brandID, month, r.Role, th, r.UsedTotal, r.CommittedTotal, now().UnixMilli())
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n == 0 {
					return nil // alerted before
				}
				return emailAlert(ctx, tx, b, u, r, th)
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

func emailAlert(ctx context.Context, tx *db.Tx, b *brand.Brand, u *Usage, r RoleUsage, threshold int) error {
	members, err := brand.Members(ctx, tx, b.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		if string(m.Role) != r.Role && m.Role != auth.BrandExecutive && m.Role != auth.AccountManager {
			continue
		}
		l := i18n.For(m.User.Locale)
		key := "time.email.alert80"
		if threshold >= 100 {
			key = "time.email.alert100"
		}
		if err := notify.Send(ctx, tx, notify.Email{BrandID: b.ID, To: m.User.Email, Locale: m.User.Locale, Key: key, Args: []any{
			"brand", b.Name, "role", roleName(l, r.Role), "month", l.MonthYearOf(u.Month),
			"used", l.DecimalUpTo(float64(r.UsedTotal)/60, 2), "committed", l.DecimalUpTo(float64(r.CommittedTotal)/60, 2),
			"forecast", l.DecimalUpTo(float64(r.Forecast)/60, 1), "percent", fmt.Sprintf("%.0f", r.Percent),
		}}); err != nil {
			return err
		}
	}
	return nil
}

// Alerts lists the alerts the brand had in month, in the order raised.
func Alerts(ctx context.Context, q db.Querier, brandID int64, month string) ([]Alert, error) {
	rows, err := q.QueryContext(ctx, `SELECT month, role, threshold, used_minutes, committed_minutes, at FROM time_alerts
		WHERE brand_id = ? AND month = ? ORDER BY at, role, threshold`, brandID, month)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var a Alert
		var at int64
		if err := rows.Scan(&a.Month, &a.Role, &a.Threshold, &a.Used, &a.Committed, &at); err != nil {
			return nil, err
		}
		a.At = time.UnixMilli(at).UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}
