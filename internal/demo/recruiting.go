package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/applications"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/web"
)

// ApplicantCount is how many people have applied to the demo brand.
const ApplicantCount = 24

// seedRecruiting opens the demo brand's application page, fills its
// review queue with applicants of varied fit, and writes an invitation
// template, so the recruiting screens have something to work on.
func seedRecruiting(ctx context.Context, d *db.DB, b *brand.Brand, now time.Time) error {
	clock := func() time.Time { return now }
	apps := applications.NewService(d, clock, nil)
	admin := auth.NewPrincipal(auth.Principal{TokenName: "demo", BrandID: b.ID}, nil)
	cfg := applications.DefaultConfig()
	cfg.Enabled = true
	cfg.Intro = applications.Text{
		"en": "We make gear for people who spend their weekends outside. Tell us about your adventures and the community you share them with.",
		"es": "Hacemos equipo para quienes pasan los fines de semana al aire libre. Cuéntanos tus aventuras y la comunidad con la que las compartes.",
	}
	cfg.Questions = []applications.Question{
		{ID: "why", Kind: applications.KindLongText, Required: true, Label: applications.Text{"en": "Why Lumen & Pine?", "es": "¿Por qué Lumen & Pine?"}},
		{ID: "activity", Kind: applications.KindSingle, Required: true, Label: applications.Text{"en": "Your main activity", "es": "Tu actividad principal"},
			Options: []applications.Option{
				{Value: "hiking", Label: applications.Text{"en": "Hiking", "es": "Senderismo"}},
				{Value: "climbing", Label: applications.Text{"en": "Climbing", "es": "Escalada"}},
				{Value: "camping", Label: applications.Text{"en": "Camping", "es": "Acampada"}},
			}},
		{ID: "sample", Kind: applications.KindURL, Label: applications.Text{"en": "A post you are proud of", "es": "Una publicación de la que estés orgulloso"}},
	}
	cfg.MinFollowers, cfg.MaxFollowers = 5_000, 500_000
	cfg.Countries = []string{"US", "CA", "GB", "ES", "MX"}
	cfg.Languages = []string{"en", "es"}
	cfg.Platforms = []string{"instagram", "tiktok"}
	if _, err := apps.SaveConfig(ctx, admin, cfg); err != nil {
		return fmt.Errorf("application page: %w", err)
	}
	gen := newGenerator(7)
	for i := 0; i < ApplicantCount; i++ {
		f := gen.creator(CreatorCount+i, 0)
		locale := "en"
		if f.Languages[0] == "es" {
			locale = "es"
		}
		activity := []string{"hiking", "climbing", "camping"}[i%3]
		sub := applications.Submission{Name: f.DisplayName, Email: f.Email, Country: f.Country, Languages: f.Languages,
			Accounts: f.SocialAccounts, Locale: locale, IP: fmt.Sprintf("192.0.2.%d", i+1),
			Answers: map[string]applications.Answer{"why": {Text: "I have worn your jackets on every trip for three years."}, "activity": {Text: activity}}}
		if _, err := apps.Submit(ctx, b, cfg, sub); err != nil {
			// The generator is deterministic: a problem here is a bug in
			// it, so name the fields that were refused.
			detail := ""
			if e, ok := apperr.As(err); ok {
				for _, fe := range e.Fields {
					detail += fmt.Sprintf("; %s: %s", fe.Field, fe.Message)
				}
			}
			return fmt.Errorf("applicant %d (%s): %w%s", i, f.DisplayName, err, detail)
		}
	}
	deps := &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clock}
	inv := invite.NewService(deps, creator.NewService(d, clock))
	tpl := &invite.Template{Name: "Spring outreach", FollowupDays: 4, MaxFollowups: 2, Texts: map[string]invite.Text{
		"en": {Locale: "en", Subject: "{brand_name} would love to work with you, {creator_name}",
			Body: "Hi {creator_name},\n\nWe have followed your trips for a while and think our spring range would suit them. Would you like to join the {brand_name} creator program?\n\nAccept or decline here: {accept_link}\n\n{sender_name}"},
		"es": {Locale: "es", Subject: "A {brand_name} le encantaría trabajar contigo, {creator_name}",
			Body: "Hola, {creator_name}:\n\nSeguimos tus viajes desde hace tiempo y creemos que nuestra colección de primavera encajaría con ellos. ¿Te gustaría unirte al programa de creadores de {brand_name}?\n\nAcepta o rechaza aquí: {accept_link}\n\n{sender_name}"},
	}}
	if err := inv.SaveTemplate(ctx, admin, tpl, "en"); err != nil {
		return fmt.Errorf("invitation template: %w", err)
	}
	return nil
}
