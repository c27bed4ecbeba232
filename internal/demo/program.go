package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/accountwork"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/timetrack"
)

// seedProgram gives the demo brand its program management: a contract
// that started five weeks ago (so onboarding is under way), two months of
// logged time for the community and account managers, meetings with
// action items, a partnership in negotiation and a few goals.
func seedProgram(ctx context.Context, d *db.DB, b *brand.Brand, now time.Time) error {
	members, err := brand.Members(ctx, d, b.ID)
	if err != nil {
		return err
	}
	people := map[auth.Role]*auth.Principal{}
	for _, m := range members {
		u := m.User
		people[m.Role] = auth.NewPrincipal(auth.Principal{User: &u, BrandID: b.ID, BrandName: b.Name, Role: m.Role}, auth.PermissionsOf(m.Role))
	}
	cm, am, exec := people[auth.CommunityManager], people[auth.AccountManager], people[auth.BrandExecutive]
	if cm == nil || am == nil || exec == nil {
		return fmt.Errorf("demo program: the demo brand lacks a community manager, account manager or executive")
	}
	clock := func() time.Time { return now }
	today := now.UTC()
	day := func(offset int) string { return today.AddDate(0, 0, offset).Format("2006-01-02") }

	c := contract.Default(b.ID)
	c.PlanName, c.StartsOn, c.EndsOn, c.RenewalOn, c.AutoRenew = "Growth", day(-35), day(330), day(330), true
	c.Contacts[contract.RoleBrandExecutive] = contract.Contact{Name: exec.User.Name, Email: exec.User.Email}
	c.Contacts[contract.RoleCommunityManager] = contract.Contact{Name: cm.User.Name, Email: cm.User.Email}
	c.Contacts[contract.RoleAccountManager] = contract.Contact{Name: am.User.Name, Email: am.User.Email}
	if err := (&contract.Service{DB: d, Now: clock}).Save(ctx, exec, c); err != nil {
		return fmt.Errorf("demo contract: %w", err)
	}

	// Time: most weekdays of the last six weeks, a few entries each.
	tt := &timetrack.Service{DB: d, Now: clock}
	g := newGenerator(7)
	notes := map[string][]string{
		contract.Recruiting:      {"Reviewed new applicants", "Invited trail runners", "Imported the spring list"},
		contract.Campaigns:       {"Autumn launch briefs", "Answered creators in the inbox", "Counter-offers"},
		contract.Moderation:      {"Checked drafts for #ad", "Approved posts"},
		contract.Reporting:       {"Monthly report", "Exported campaign results"},
		contract.AccountStrategy: {"Strategy call prep", "QBR deck"},
	}
	for offset := -42; offset <= 0; offset++ {
		d := today.AddDate(0, 0, offset)
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		for _, who := range []struct {
			p       *auth.Principal
			entries int
		}{{cm, 2}, {am, 1}} {
			if who.p == am && g.pick(3) != 0 {
				continue // the account manager's ten hours are spread thin
			}
			for range who.entries {
				cat := contract.Categories[g.pick(len(contract.Categories))]
				if who.p == cm && cat == contract.AccountStrategy {
					cat = contract.Recruiting
				}
				in := timetrack.Input{Category: cat, Day: d.Format("2006-01-02"), Minutes: 30 + 15*g.pick(6), Note: notes[cat][g.pick(len(notes[cat]))]}
				if _, err := tt.Log(ctx, who.p, in, timetrack.SourceManual); err != nil {
					return fmt.Errorf("demo time: %w", err)
				}
			}
		}
	}

	aw := &accountwork.Service{DB: d, Now: clock}
	amID := am.UserID()
	meetings := []struct {
		m       accountwork.Meeting
		actions []string
	}{
		{accountwork.Meeting{Kind: "training", Title: "Roster training: recruiting and review", Day: day(-28), StartTime: "15:00", Duration: 60,
			Agenda: "Importing the network, the review queue, scoring rubric.", Notes: "Community manager now works the queue from the keyboard."}, nil},
		{accountwork.Meeting{Kind: "strategy_call", Title: "Monthly strategy call", Day: day(-7), StartTime: "16:00", Duration: 45,
			Agenda: "Autumn campaign results, winter plan.", Notes: "Focus winter on trail-running creators in the US and Spain."},
			[]string{"Shortlist 20 trail runners for the winter campaign", "Draft the winter brief"}},
		{accountwork.Meeting{Kind: "qbr", Title: "Q4 Quarterly Business Review", Day: day(12), StartTime: "17:00", Duration: 90,
			Agenda: "Results against goals, hours used, next quarter's plan."}, []string{"Prepare the QBR deck"}},
	}
	for _, x := range meetings {
		m := x.m
		m.OwnerUserID = &amID
		m.Attendees = []accountwork.Attendee{{UserID: &amID}, {Name: exec.User.Name, Email: exec.User.Email}}
		if err := aw.SaveMeeting(ctx, am, &m, x.actions); err != nil {
			return fmt.Errorf("demo meeting: %w", err)
		}
	}
	if err := aw.SaveTask(ctx, am, &accountwork.Task{Kind: "maintenance", Title: "Check the Shopify connection", OwnerUserID: &amID, DueOn: day(3)}); err != nil {
		return err
	}
	if err := aw.SavePartnership(ctx, am, &accountwork.Partnership{Partner: "Summit Trail Series", Kind: "sponsored_campaign", Status: "negotiating",
		ValueMinor: 1_850_000, Currency: "USD", StartsOn: day(45), EndsOn: day(120), Notes: "Race-day content from ten creators.", OwnerUserID: &amID}); err != nil {
		return err
	}
	quarterStart := time.Date(today.Year(), ((today.Month()-1)/3)*3+1, 1, 0, 0, 0, 0, time.UTC)
	qs, qe := quarterStart.Format("2006-01-02"), quarterStart.AddDate(0, 3, -1).Format("2006-01-02")
	for _, goal := range []accountwork.Goal{
		{Metric: "active_creators", Target: 120, PeriodStart: qs, PeriodEnd: qe},
		{Metric: "applicants_reviewed", Target: 60, PeriodStart: qs, PeriodEnd: qe},
		{Metric: accountwork.Custom, Label: "Press mentions", Target: 5, PeriodStart: qs, PeriodEnd: qe, ManualActual: ptr(int64(2))},
	} {
		goal := goal
		if err := aw.SaveGoal(ctx, exec, &goal); err != nil {
			return fmt.Errorf("demo goal: %w", err)
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
