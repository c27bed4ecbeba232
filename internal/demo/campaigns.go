package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/campaign"
	"github.com/rosterhq/roster/internal/db"
)

func days(n int) *int { return &n }

// demoTemplates are three campaign shapes an outdoor brand reuses: a
// product launch, an always-on gifting programme and a seasonal
// affiliate push.
var demoTemplates = []campaign.Template{
	{Name: "Product launch (4 weeks)", Description: "Paid creators reveal a new product: a reel or short video each, a story on launch day, usage rights for paid social.",
		Body: campaign.TemplateBody{
			Objective: "Make the launch the most-seen thing in our niche for a month",
			Brief: "## The product\n\nTell your audience what the new piece is **for**: where you took it and what it changed.\n\n" +
				"## Must have\n\n- Show the product in use outdoors, not unboxed on a table\n- Say it is a paid partnership in the first line\n- Link in bio for the launch week\n\n" +
				"## Please avoid\n\n- Competitor gear in frame\n- Claims about waterproof ratings we have not published",
			DurationDays: days(27), Languages: []string{"en", "es"}, Currency: "USD", BudgetMinor: 1500000, ExpectedParticipants: 12,
			Offer: campaign.Offer{Product: "The launch product in your size", CouponCode: "LAUNCH15", CommissionBP: 1000, FeeMinor: 75000},
			KPIs:  []campaign.KPITarget{{Metric: "reach", Target: 1200000}, {Metric: "engagement", Target: 60000}, {Metric: "clicks", Target: 9000}, {Metric: "sales", Target: 400}},
			Deliverables: []campaign.TemplateDeliverable{
				{Platform: "instagram", Kind: "reel", Quantity: 1, DueDay: days(6), Hashtags: []string{"#ad", "#lumenpine"}, Mentions: []string{"@lumenpine"}, Disclosure: "Paid partnership label and #ad"},
				{Platform: "instagram", Kind: "story", Quantity: 3, DueDay: days(7), Mentions: []string{"@lumenpine"}, Disclosure: "#ad on the first frame", Notes: "Link sticker to the launch page."},
				{Platform: "tiktok", Kind: "short_video", Quantity: 1, DueDay: days(13), Hashtags: []string{"#ad", "#trailtested"}, Disclosure: "Branded content toggle on"},
			},
			Terms: &campaign.TermsFields{Channels: []string{"organic_social", "paid_social", "web"}, Territories: []string{"US", "CA"}, DurationDays: 180, PaidMedia: true, ExclusivityDays: 30},
		}},
	{Name: "Always-on gifting", Description: "Product seeding without a fee: one honest post when the creator has used the gear for real.",
		Body: campaign.TemplateBody{
			Objective:    "Keep our gear in front of small, trusted outdoor voices all year",
			Brief:        "We send you something we think you'll use. If you like it, post about it **after a real trip**. No script, no deadline pressure; tell us if it didn't work for you.",
			DurationDays: days(60), Languages: []string{"en"}, Currency: "USD", BudgetMinor: 0, ExpectedParticipants: 40,
			Offer: campaign.Offer{Product: "One piece from the current range", CouponCode: "FRIENDS10"},
			KPIs:  []campaign.KPITarget{{Metric: "posts", Target: 30}, {Metric: "reach", Target: 300000}},
			Deliverables: []campaign.TemplateDeliverable{
				{Platform: "instagram", Kind: "post", Quantity: 1, DueDay: days(45), Hashtags: []string{"#gifted"}, Mentions: []string{"@lumenpine"}, Disclosure: "#gifted"},
			},
			Terms: &campaign.TermsFields{Channels: []string{"organic_social", "web"}, Territories: []string{campaign.Worldwide}, DurationDays: 365},
		}},
	{Name: "Seasonal affiliate push", Description: "Commission-only: creators get a personal code and earn on every sale in the season.",
		Body: campaign.TemplateBody{
			Objective:    "Sell through the season's range with creators who already convert",
			Brief:        "Share your personal code whenever it fits. Commission is paid monthly on completed orders; returns are deducted.",
			DurationDays: days(90), Languages: []string{"en", "es"}, Currency: "EUR", BudgetMinor: 0, ExpectedParticipants: 25,
			Offer: campaign.Offer{CouponCode: "SEASON", CommissionBP: 1500},
			KPIs:  []campaign.KPITarget{{Metric: "conversions", Target: 1500}, {Metric: "sales", Target: 1500}},
			Deliverables: []campaign.TemplateDeliverable{
				{Platform: "youtube", Kind: "long_video", Quantity: 1, DueDay: days(30), Disclosure: "Say the video contains affiliate links"},
				{Platform: "blog", Kind: "blog", Quantity: 1, DueDay: days(45), Disclosure: "Affiliate disclosure above the first link"},
			},
			Terms: &campaign.TermsFields{Channels: []string{"organic_social", "web", "email"}, Territories: []string{"ES", "PT", "FR"}, DurationDays: 90},
		}},
}

// demoCampaigns start from the templates around today, so every status
// shows and the calendar has something this month.
var demoCampaigns = []struct {
	template int
	name     string
	startIn  int // days from today
	path     []string
}{
	{0, "Ridge Shell jacket launch", -10, []string{campaign.Recruiting, campaign.Active}},
	{1, "Spring gifting", 7, []string{campaign.Recruiting}},
	{2, "Autumn affiliate push", 40, nil},
	{0, "Trail Runner 2 launch", -80, []string{campaign.Recruiting, campaign.Active, campaign.Completed}},
	{1, "Winter gifting", -200, []string{campaign.Recruiting, campaign.Active, campaign.Completed, campaign.Archived}},
}

// seedCampaigns saves the demo templates and starts the demo campaigns
// from them, as the community manager, through the campaign service (so
// they are validated and audited like any other).
func seedCampaigns(ctx context.Context, d *db.DB, b *brand.Brand, now time.Time) error {
	members, err := brand.Members(ctx, d, b.ID)
	if err != nil {
		return err
	}
	var cm *auth.Principal
	for _, m := range members {
		if m.Role == auth.CommunityManager {
			u := m.User
			cm = auth.NewPrincipal(auth.Principal{User: &u, BrandID: b.ID, BrandName: b.Name, Role: m.Role}, auth.PermissionsOf(m.Role))
		}
	}
	if cm == nil {
		return fmt.Errorf("the demo brand has no community manager")
	}
	svc := campaign.NewService(d, func() time.Time { return now })
	var ids []int64
	for _, t := range demoTemplates {
		saved, err := svc.SaveTemplate(ctx, cm, t)
		if err != nil {
			return fmt.Errorf("template %s: %w", t.Name, err)
		}
		ids = append(ids, saved.ID)
	}
	owner := cm.UserID()
	for _, dc := range demoCampaigns {
		start := now.AddDate(0, 0, dc.startIn).Format(time.DateOnly)
		c, err := svc.StartFromTemplate(ctx, cm, ids[dc.template], dc.name, start, &owner)
		if err != nil {
			return fmt.Errorf("campaign %s: %w", dc.name, err)
		}
		for _, to := range dc.path {
			if _, err := svc.Transition(ctx, cm, c.ID, to); err != nil {
				return fmt.Errorf("campaign %s → %s: %w", dc.name, to, err)
			}
		}
	}
	return nil
}
