package contract

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestParseHours(t *testing.T) {
	for in, want := range map[string]int{"": 0, "12": 720, "12.5": 750, "12,5": 750, "0.1": 6, "12:30": 750, " 3 ": 180, "0:05": 5, "0.33": 20} {
		got, err := ParseHours(in)
		if err != nil || got != want {
			t.Errorf("ParseHours(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"x", "-1", "1:5", "1:60", "1:-5", "1.2.3", "NaN", "1e9", "12h"} {
		if _, err := ParseHours(bad); err == nil {
			t.Errorf("ParseHours(%q) accepted", bad)
		}
	}
	for mins, want := range map[int]string{0: "0", 720: "12", 750: "12.5", 15: "0.25", 20: "0.33"} {
		if got := FormatHours(mins); got != want {
			t.Errorf("FormatHours(%d) = %q, want %q", mins, got, want)
		}
	}
}

func TestDefaultsAreTheFoundingHours(t *testing.T) {
	c := Default(1)
	if got := Total(c.Commitments[RoleCommunityManager].Monthly); got != 40*60 {
		t.Errorf("community manager commits %d minutes, want 40 h", got)
	}
	if got := Total(c.Commitments[RoleAccountManager].Monthly); got != 10*60 {
		t.Errorf("account manager commits %d minutes, want 10 h", got)
	}
	if c.OnboardingWeeks != 8 {
		t.Errorf("onboarding %d weeks, want 8", c.OnboardingWeeks)
	}
	if err := Validate(c); err != nil {
		t.Errorf("defaults do not validate: %v", err)
	}
}

func month(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }

func TestOnboardingMonths(t *testing.T) {
	c := Default(1)
	c.StartsOn = "2026-03-20" // 8 weeks: up to and including 2026-05-14
	cases := map[time.Time]bool{
		month(2026, 2): false, month(2026, 3): true, month(2026, 4): true, month(2026, 5): true, month(2026, 6): false,
	}
	for m, want := range cases {
		if got := c.InOnboarding(m); got != want {
			t.Errorf("InOnboarding(%s) = %v, want %v", m.Format("2006-01"), got, want)
		}
	}
	if got := c.OnboardingEnd().Format(dateLayout); got != "2026-05-15" {
		t.Errorf("onboarding ends %s, want 2026-05-15 (exclusive)", got)
	}
	am := c.Commitments[RoleAccountManager]
	if got, want := Total(c.Committed(RoleAccountManager, month(2026, 4))), Total(am.Monthly)+Total(am.Onboarding); got != want {
		t.Errorf("April commitment %d, want monthly + onboarding %d", got, want)
	}
	if got, want := Total(c.Committed(RoleAccountManager, month(2026, 6))), Total(am.Monthly); got != want {
		t.Errorf("June commitment %d, want monthly %d", got, want)
	}
	c.StartsOn = ""
	if c.InOnboarding(month(2026, 4)) {
		t.Error("a contract without a start date is never in onboarding")
	}
	c.RenewalOn, c.NoticeDays = "2027-01-31", 30
	if got := c.NoticeBy(); got != "2027-01-01" {
		t.Errorf("notice by %s, want 2027-01-01", got)
	}
}

func TestValidateNamesEachField(t *testing.T) {
	c := Default(1)
	c.StartsOn, c.EndsOn, c.RenewalOn = "2026-05-01", "2026-04-30", "2026-02-30"
	c.NoticeDays, c.OnboardingWeeks = -1, 27
	c.Contacts[RoleAccountManager] = Contact{Email: "not an email"}
	c.Commitments[RoleCommunityManager].Monthly[Recruiting] = -5
	c.Commitments[RoleAccountManager].Onboarding["gardening"] = 60
	c.Contacts["intern"] = Contact{Name: "x"}
	e, ok := apperr.As(Validate(c))
	if !ok || e.Code != apperr.Invalid {
		t.Fatalf("Validate = %v, want invalid", e)
	}
	want := []string{"ends_on", "renewal_on", "notice_days", "onboarding_weeks", "contacts", "contacts.account_manager.email",
		"commitments.community_manager.monthly_minutes.recruiting", "commitments.account_manager.onboarding_extra_minutes.gardening"}
	for _, f := range want {
		if !apperr.Fields(e.Fields).Has(f) {
			t.Errorf("no error on %s; got %+v", f, e.Fields)
		}
	}
}

func TestSaveRoundTripAndAudit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
		b, err := brand.Create(ctx, d, "Acme", "acme", now)
		if err != nil {
			t.Fatal(err)
		}
		other, err := brand.Create(ctx, d, "Other", "other", now)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Get(ctx, d, b.ID)
		if err != nil || got.Saved {
			t.Fatalf("fresh brand: saved=%v err=%v", got.Saved, err)
		}
		c := Default(0)
		c.PlanName, c.StartsOn, c.EndsOn, c.RenewalOn, c.AutoRenew = "Growth", "2026-01-01", "2026-12-31", "2026-12-31", true
		c.Contacts[RoleAccountManager] = Contact{Name: "Ana Ruiz", Email: " Ana@Vendor.example ", Phone: "+34 600 000 000"}
		c.Commitments[RoleCommunityManager].Monthly[Recruiting] = 15 * 60
		p := auth.NewPrincipal(auth.Principal{TokenName: "test", BrandID: b.ID}, nil)
		svc := &Service{DB: d, Now: func() time.Time { return now }}
		if err := svc.Save(ctx, p, c); err != nil {
			t.Fatal(err)
		}
		got, err = Get(ctx, d, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Saved || got.PlanName != "Growth" || got.RenewalOn != "2026-12-31" || !got.AutoRenew ||
			got.Contacts[RoleAccountManager].Email != "ana@vendor.example" ||
			got.Commitments[RoleCommunityManager].Monthly[Recruiting] != 900 || Total(got.Commitments[RoleCommunityManager].Monthly) != 43*60 {
			t.Errorf("round trip: %+v", got)
		}
		if o, _ := Get(ctx, d, other.ID); o.Saved {
			t.Error("saving one brand's contract saved another's")
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE brand_id = ? AND entity = 'contract' AND changes LIKE '%monthly_minutes.community_manager.recruiting%'`, b.ID).Scan(&n); err != nil || n != 1 {
			t.Errorf("audit events naming the recruiting change: %d (%v)", n, err)
		}
		// An invalid save writes nothing.
		bad := Default(0)
		bad.EndsOn = "tomorrow"
		if err := svc.Save(ctx, p, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad save: %v", err)
		}
		if again, _ := Get(ctx, d, b.ID); again.PlanName != "Growth" {
			t.Error("an invalid save changed the contract")
		}
	})
}
