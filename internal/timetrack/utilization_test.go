package timetrack

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// TestUtilizationAgainstIndependentSums logs a month of entries for
// several people through the service and checks every figure of the
// month — per role and category, per person, the burn-down, the
// forecast and the alerts — against sums the test keeps itself.
func TestUtilizationAgainstIndependentSums(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		// The 20th of a 30-day month: 20 days elapsed.
		f := newFixture(t, d, time.Date(2026, 9, 20, 18, 0, 0, 0, time.UTC))
		cm1 := f.person("carla", auth.CommunityManager)
		cm2 := f.person("chen", auth.CommunityManager)
		am := f.person("amir", auth.AccountManager)
		people := []*auth.Principal{cm1, cm2, am}

		rng := rand.New(rand.NewPCG(7, 11))
		used := map[string]map[string]int{} // role → category → minutes
		byPerson := map[int64]int{}         // user → minutes
		daily := map[string][]int{}         // role → minutes per day
		for _, r := range contract.CommittedRoles {
			used[r], daily[r] = map[string]int{}, make([]int, 30)
		}
		for range 240 {
			p := people[rng.IntN(len(people))]
			day := 1 + rng.IntN(20)
			cat := contract.Categories[rng.IntN(len(contract.Categories))]
			minutes := 5 + rng.IntN(40)
			if _, err := f.svc.Log(ctx, p, Input{Category: cat, Day: time.Date(2026, 9, day, 0, 0, 0, 0, time.UTC).Format(dayLayout), Minutes: minutes}, SourceManual); err != nil {
				t.Fatal(err)
			}
			role := string(p.Role)
			used[role][cat] += minutes
			daily[role][day-1] += minutes
			byPerson[p.UserID()] += minutes
		}
		// Time of another month and of another brand must not count.
		if _, err := f.svc.Log(ctx, am, Input{Category: contract.Reporting, Day: "2026-08-31", Minutes: 600}, SourceManual); err != nil {
			t.Fatal(err)
		}

		u, err := Utilization(ctx, d, f.brand.ID, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), f.now)
		if err != nil {
			t.Fatal(err)
		}
		if u.Days != 30 || u.DaysElapsed != 20 {
			t.Fatalf("days %d elapsed %d, want 30 and 20", u.Days, u.DaysElapsed)
		}
		c := contract.Default(f.brand.ID)
		for _, r := range u.Roles {
			total, committed := 0, 0
			for _, cat := range contract.Categories {
				if r.Used[cat] != used[r.Role][cat] {
					t.Errorf("%s %s used %d, want %d", r.Role, cat, r.Used[cat], used[r.Role][cat])
				}
				if want := c.Commitments[r.Role].Monthly[cat]; r.Committed[cat] != want {
					t.Errorf("%s %s committed %d, want %d", r.Role, cat, r.Committed[cat], want)
				}
				total += used[r.Role][cat]
				committed += c.Commitments[r.Role].Monthly[cat]
			}
			if r.UsedTotal != total || r.CommittedTotal != committed {
				t.Errorf("%s totals %d/%d, want %d/%d", r.Role, r.UsedTotal, r.CommittedTotal, total, committed)
			}
			if want := float64(total) * 100 / float64(committed); math.Abs(r.Percent-want) > 1e-9 {
				t.Errorf("%s percent %.4f, want %.4f", r.Role, r.Percent, want)
			}
			if want := int(math.Round(float64(total) * 30 / 20)); r.Forecast != want {
				t.Errorf("%s forecast %d, want %d", r.Role, r.Forecast, want)
			}
			run := 0
			for day := range 30 {
				run += daily[r.Role][day]
				if r.Cumulative[day] != run {
					t.Errorf("%s burn-down day %d: %d, want %d", r.Role, day+1, r.Cumulative[day], run)
					break
				}
			}
		}
		for _, pu := range u.People {
			if pu.Total != byPerson[pu.UserID] {
				t.Errorf("%s total %d, want %d", pu.Name, pu.Total, byPerson[pu.UserID])
			}
		}
		if len(u.People) != 3 {
			t.Errorf("%d people, want 3", len(u.People))
		}

		// Alerts: every threshold reached, once, and nothing more.
		alerts, err := Alerts(ctx, d, f.brand.ID, "2026-09")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, r := range u.Roles {
			for _, th := range Thresholds {
				if r.CommittedTotal > 0 && r.UsedTotal*100 >= r.CommittedTotal*th {
					want[r.Role+"@"+itoa(th)] = true
				}
			}
		}
		if len(want) == 0 {
			t.Fatal("the generated month reaches no threshold; the test proves nothing")
		}
		got := map[string]bool{}
		for _, a := range alerts {
			got[a.Role+"@"+itoa(a.Threshold)] = true
		}
		if len(got) != len(alerts) || len(got) != len(want) {
			t.Errorf("alerts %v, want %v", got, want)
		}
		for k := range want {
			if !got[k] {
				t.Errorf("missing alert %s", k)
			}
		}
		// Checking again sends nothing new.
		var mails int
		d.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE brand_id = ? AND kind LIKE 'time.email.alert%'`, f.brand.ID).Scan(&mails)
		if err := CheckAlerts(ctx, d, f.svc.Now, f.brand.ID, "2026-09"); err != nil {
			t.Fatal(err)
		}
		var again int
		d.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE brand_id = ? AND kind LIKE 'time.email.alert%'`, f.brand.ID).Scan(&again)
		if mails == 0 || again != mails {
			t.Errorf("alert emails %d then %d after a second check", mails, again)
		}
	})
}

func itoa(n int) string {
	return string(rune('0'+n/100)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}
