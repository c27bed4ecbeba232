package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/participant"
	"github.com/rosterhq/roster/internal/web"
)

// participantsPerCampaign is how many creators each demo campaign that
// recruits (or did) has invited.
const participantsPerCampaign = 12

// seedParticipants invites creators to the demo campaigns that are
// recruiting or active (completed ones take no invitations), through the participant service (so
// offers, emails, stage events and audit are as in use), and plays their
// answers: most accept, some decline, one counter-offers; in active and
// campaigns under way the accepted move on through shipping and posting.
func seedParticipants(ctx context.Context, d *db.DB, b *brand.Brand, now time.Time) error {
	cm, err := communityManager(ctx, d, b)
	if err != nil {
		return err
	}
	deps := &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }}
	svc := participant.NewService(deps)
	emails, err := creatorsWithEmail(ctx, d, b.ID)
	if err != nil {
		return err
	}
	next := 0
	for _, status := range []string{campaign.Recruiting, campaign.Active} {
		page, err := campaign.List(ctx, d, b.ID, campaign.ListQuery{Status: status, Limit: 50})
		if err != nil {
			return err
		}
		for _, c := range page.Items {
			var ids []int64
			for range participantsPerCampaign {
				ids = append(ids, emails[next%len(emails)])
				next++
			}
			offer := participant.OfferInput{Product: c.Offer.Product, CouponCode: c.Offer.CouponCode, CommissionBP: c.Offer.CommissionBP,
				FeeMinor: c.Offer.FeeMinor}
			if offer.Product == "" && offer.CouponCode == "" && offer.CommissionBP == 0 && offer.FeeMinor == 0 {
				offer.Product = "Product of the campaign"
			}
			res, err := svc.Invite(ctx, cm, c.ID, ids, offer, true)
			if err != nil {
				return fmt.Errorf("invite to %s: %w", c.Name, err)
			}
			if err := playAnswers(ctx, d, svc, cm, c, res.Participants); err != nil {
				return fmt.Errorf("answers in %s: %w", c.Name, err)
			}
		}
	}
	return nil
}

// playAnswers: of each campaign's participants, the ninth declines, the
// tenth counter-offers, the last two have not answered; the rest accept,
// and in campaigns under way they move on to later stages.
func playAnswers(ctx context.Context, d *db.DB, svc *participant.Service, cm *auth.Principal, c campaign.Campaign, pts []participant.Participant) error {
	terms, err := participant.TermsInForce(ctx, d, c.BrandID, c.ID)
	if err != nil {
		return err
	}
	var termsID int64
	if terms != nil {
		termsID = terms.ID
	}
	later := map[string][]string{
		campaign.Active: {"product_shipped", "content_submitted", "approved", "posted", "completed"},
	}[c.Status]
	for i, p := range pts {
		client := participant.Client{IP: fmt.Sprintf("198.51.100.%d", 10+i), UserAgent: "Mozilla/5.0 (iPhone; demo)"}
		switch {
		case i == 8:
			if err := svc.Decline(ctx, p.Email, p.ID, "Fully booked this season"); err != nil {
				return err
			}
		case i == 9:
			if _, err := svc.Counter(ctx, p.Email, p.ID, participant.CounterInput{FeeMinor: c.Offer.FeeMinor + 15000,
				Message: "Happy to do it with a second reel for a higher fee."}); err != nil {
				return err
			}
		case i >= 10:
			// not answered yet
		default:
			if _, err := svc.Accept(ctx, p.Email, p.ID, termsID, client); err != nil {
				return err
			}
			// Accepted creators move on, further the earlier they joined.
			for _, stage := range later[:min(len(later), len(later)*(8-i)/8+1)] {
				if _, err := svc.Move(ctx, cm, p.ID, stage, ""); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// communityManager is the demo brand's community manager as a principal.
func communityManager(ctx context.Context, d *db.DB, b *brand.Brand) (*auth.Principal, error) {
	members, err := brand.Members(ctx, d, b.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.Role == auth.CommunityManager {
			u := m.User
			return auth.NewPrincipal(auth.Principal{User: &u, BrandID: b.ID, BrandName: b.Name, Role: m.Role}, auth.PermissionsOf(m.Role)), nil
		}
	}
	return nil, fmt.Errorf("the demo brand has no community manager")
}

// creatorsWithEmail lists the demo brand's creators that have an email.
func creatorsWithEmail(ctx context.Context, d *db.DB, brandID int64) ([]int64, error) {
	rows, err := d.QueryContext(ctx, `SELECT id FROM creators WHERE brand_id = ? AND email <> '' ORDER BY id LIMIT 500`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	if len(out) == 0 && rows.Err() == nil {
		return nil, fmt.Errorf("the demo brand has no creators with an email")
	}
	return out, rows.Err()
}
