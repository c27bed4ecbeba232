package contract

import (
	"context"
	"database/sql"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// Get returns the brand's contract, or the defaults when it never saved one.
func Get(ctx context.Context, q db.Querier, brandID int64) (*Contract, error) {
	c := Default(brandID)
	var updated int64
	var starts, ends, renewal sql.NullString
	err := q.QueryRowContext(ctx, `SELECT plan_name, starts_on, ends_on, renewal_on, notice_days, auto_renew, onboarding_weeks, notes, updated_at
		FROM brand_contracts WHERE brand_id = ?`, brandID).
		Scan(&c.PlanName, &starts, &ends, &renewal, &c.NoticeDays, &c.AutoRenew, &c.OnboardingWeeks, &c.Notes, &updated)
	if db.IsNoRows(err) {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	c.StartsOn, c.EndsOn, c.RenewalOn = starts.String, ends.String, renewal.String
	c.Saved = true
	at := time.UnixMilli(updated).UTC()
	c.UpdatedAt = &at

	rows, err := q.QueryContext(ctx, `SELECT role, name, email, phone FROM contract_contacts WHERE brand_id = ?`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		var ct Contact
		if err := rows.Scan(&role, &ct.Name, &ct.Email, &ct.Phone); err != nil {
			return nil, err
		}
		c.Contacts[role] = ct
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT role, category, monthly_minutes, onboarding_extra_minutes FROM contract_commitments WHERE brand_id = ?`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	saved := map[string]Allotment{}
	for rows.Next() {
		var role, cat string
		var monthly, extra int
		if err := rows.Scan(&role, &cat, &monthly, &extra); err != nil {
			return nil, err
		}
		a, ok := saved[role]
		if !ok {
			a = Allotment{Monthly: map[string]int{}, Onboarding: map[string]int{}}
		}
		a.Monthly[cat], a.Onboarding[cat] = monthly, extra
		saved[role] = a
	}
	for role, a := range saved {
		c.Commitments[role] = a
	}
	return c, rows.Err()
}

func nullDate(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// save replaces the brand's contract with c in tx.
func save(ctx context.Context, tx *db.Tx, c *Contract, by int64, now time.Time) error {
	var user any
	if by != 0 {
		user = by
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM brand_contracts WHERE brand_id = ?`, c.BrandID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO brand_contracts (brand_id, plan_name, starts_on, ends_on, renewal_on, notice_days, auto_renew, onboarding_weeks, notes, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.BrandID, c.PlanName, nullDate(c.StartsOn), nullDate(c.EndsOn), nullDate(c.RenewalOn), c.NoticeDays, c.AutoRenew, c.OnboardingWeeks, c.Notes, user, now.UnixMilli()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM contract_contacts WHERE brand_id = ?`, c.BrandID); err != nil {
		return err
	}
	for _, role := range ContactRoles {
		ct := c.Contacts[role]
		if _, err := tx.ExecContext(ctx, `INSERT INTO contract_contacts (brand_id, role, name, email, phone) VALUES (?, ?, ?, ?, ?)`,
			c.BrandID, role, ct.Name, ct.Email, ct.Phone); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM contract_commitments WHERE brand_id = ?`, c.BrandID); err != nil {
		return err
	}
	for _, role := range CommittedRoles {
		a := c.Commitments[role]
		for _, cat := range Categories {
			if _, err := tx.ExecContext(ctx, `INSERT INTO contract_commitments (brand_id, role, category, monthly_minutes, onboarding_extra_minutes) VALUES (?, ?, ?, ?, ?)`,
				c.BrandID, role, cat, a.Monthly[cat], a.Onboarding[cat]); err != nil {
				return err
			}
		}
	}
	return nil
}
