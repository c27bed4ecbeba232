package contract

import "time"

const dateLayout = "2006-01-02"

// OnboardingEnd is the first day after the onboarding period, or the zero
// time when the contract has no start date.
func (c *Contract) OnboardingEnd() time.Time {
	start, err := time.Parse(dateLayout, c.StartsOn)
	if err != nil || c.OnboardingWeeks <= 0 {
		return time.Time{}
	}
	return start.AddDate(0, 0, 7*c.OnboardingWeeks)
}

// InOnboarding reports whether any day of the month starting at month
// (the first of a month, UTC) falls in the onboarding period.
func (c *Contract) InOnboarding(month time.Time) bool {
	end := c.OnboardingEnd()
	if end.IsZero() {
		return false
	}
	start, _ := time.Parse(dateLayout, c.StartsOn)
	next := month.AddDate(0, 1, 0)
	return month.Before(end) && next.After(start)
}

// Committed returns role's committed minutes per category for the month
// starting at month: the monthly hours, plus the onboarding extra when
// the month overlaps onboarding. A month with any onboarding day gets the
// whole extra: commitments are monthly, and the contract says so.
func (c *Contract) Committed(role string, month time.Time) map[string]int {
	a := c.Commitments[role]
	out := make(map[string]int, len(Categories))
	onboarding := c.InOnboarding(month)
	for _, cat := range Categories {
		out[cat] = a.Monthly[cat]
		if onboarding {
			out[cat] += a.Onboarding[cat]
		}
	}
	return out
}

// NoticeBy is the last day to give notice before the renewal date, or ""
// when the contract has no renewal date.
func (c *Contract) NoticeBy() string {
	r, err := time.Parse(dateLayout, c.RenewalOn)
	if err != nil {
		return ""
	}
	return r.AddDate(0, 0, -c.NoticeDays).Format(dateLayout)
}

// MonthStart returns the first instant (UTC) of t's month.
func MonthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
