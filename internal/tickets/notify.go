package tickets

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/notify"
)

// excerptRunes bounds how much of a message an email quotes; the rest is
// one click away and stays behind sign-in.
const excerptRunes = 1500

func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= excerptRunes {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:excerptRunes])) + " …"
}

// tellTeam writes to the ticket's assignee, or to every account manager
// of the brand when nobody has it, never to the author.
func (s *Service) tellTeam(ctx context.Context, q db.Querier, p *auth.Principal, t *Ticket, key, text string) error {
	var to []Member
	if t.AssigneeID != nil {
		m, _, err := member(ctx, q, t.BrandID, *t.AssigneeID)
		if err != nil {
			return err
		}
		if m != nil {
			to = append(to, *m)
		}
	} else {
		all, err := accountManagers(ctx, q, t.BrandID)
		if err != nil {
			return err
		}
		to = all
	}
	// Account managers work from their cross-brand queue, which takes
	// them to the ticket in the right brand.
	link := s.link("/tickets/queue#ticket-" + fmt.Sprint(t.ID))
	for _, m := range to {
		if m.ID == p.UserID() {
			continue
		}
		if err := s.send(ctx, q, t, m, key, p.ActorLabel(), text, link); err != nil {
			return err
		}
	}
	return nil
}

// tellCustomer writes to whoever opened the ticket.
func (s *Service) tellCustomer(ctx context.Context, q db.Querier, p *auth.Principal, t *Ticket, text string) error {
	if t.OpenedBy == nil || *t.OpenedBy == p.UserID() {
		return nil
	}
	m, _, err := member(ctx, q, t.BrandID, *t.OpenedBy)
	if err != nil || m == nil {
		return err
	}
	return s.send(ctx, q, t, *m, "tickets.email.team_reply", p.ActorLabel(), text, s.link("/tickets/"+fmt.Sprint(t.ID)))
}

func (s *Service) send(ctx context.Context, q db.Querier, t *Ticket, to Member, key, who, text, link string) error {
	l := i18n.For(to.Locale)
	return notify.Send(ctx, q, notify.Email{BrandID: t.BrandID, To: to.Email, Locale: to.Locale, Key: key, Args: []any{
		"brand", t.BrandName, "id", fmt.Sprint(t.ID), "subject", t.Subject, "who", who,
		"priority", l.T(priorityKey(t.Priority)), "status", l.T(statusKey(t.Status)),
		"text", excerpt(text), "link", link,
	}})
}
