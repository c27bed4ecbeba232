package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/tickets"
)

// demoTicket is a support question of the demo brand to its account team:
// when it was opened, the team's answer after a while (none: still new),
// and when it was resolved after opening (0: not yet).
type demoTicket struct {
	daysAgo     int
	priority    string
	subject     string
	description string
	answer      string
	after       time.Duration
	resolved    time.Duration
}

var demoTickets = []demoTicket{
	{38, "normal", "How do we add a second community manager?", "Our new hire starts Monday. Which role should she get, and can she see the contract?",
		"Invite her from Team as a community manager: she can work creators and campaigns; the contract stays readable to everyone in the brand.", 2 * time.Hour, 26 * time.Hour},
	{24, "high", "Creator import stopped at 60%", "The spring list (1,200 rows) stopped moving at 60% this morning. The CSV is attached to our shared drive.",
		"The import was waiting on a malformed row; it has resumed and finished. The error report lists the two rows it skipped.", 45 * time.Minute, 5 * time.Hour},
	{9, "urgent", "Invitation emails going to spam", "Three creators told us our invitations landed in their spam folder since Tuesday.",
		"We found a missing DKIM record for your sending domain and sent you the DNS entry. Can you confirm once it is published?", 30 * time.Minute, 0},
	{2, "low", "Export creators with their tags", "Is there a way to export creators with their tags as separate columns?", "", 0, 0},
}

// seedTickets gives the demo brand a few tickets to its account team, in
// the last weeks, so the queue and the response-time medians show.
func seedTickets(ctx context.Context, d *db.DB, b *brand.Brand, now time.Time) error {
	at := now
	svc := &tickets.Service{DB: d, Now: func() time.Time { return at }}
	members, err := brand.Members(ctx, d, b.ID)
	if err != nil {
		return err
	}
	var cm, am *auth.Principal
	for _, m := range members {
		u := m.User
		p := auth.NewPrincipal(auth.Principal{User: &u, BrandID: b.ID, BrandName: b.Name, Role: m.Role}, auth.PermissionsOf(m.Role))
		switch m.Role {
		case auth.CommunityManager:
			cm = p
		case auth.AccountManager:
			am = p
		}
	}
	if cm == nil || am == nil {
		return fmt.Errorf("the demo brand lacks a community or account manager")
	}
	for _, dt := range demoTickets {
		opened := now.AddDate(0, 0, -dt.daysAgo)
		at = opened
		t, err := svc.Open(ctx, cm, tickets.NewTicket{Subject: dt.subject, Description: dt.description, Priority: dt.priority})
		if err != nil {
			return fmt.Errorf("ticket %q: %w", dt.subject, err)
		}
		if dt.answer == "" {
			continue
		}
		at = opened.Add(dt.after)
		if _, err := svc.Reply(ctx, am, t.ID, tickets.ReplyInput{Body: dt.answer}); err != nil {
			return fmt.Errorf("answer to %q: %w", dt.subject, err)
		}
		if dt.resolved > 0 {
			at = opened.Add(dt.resolved)
			if err := svc.SetStatus(ctx, cm, t.ID, "resolved"); err != nil {
				return fmt.Errorf("resolving %q: %w", dt.subject, err)
			}
		}
	}
	return nil
}
