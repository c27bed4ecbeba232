package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/inbox"
	"github.com/rosterhq/roster/internal/web"
)

// demoThread is one conversation of the demo inbox: the creator's
// question, the team's answer after a while (none: still open), and
// whether it was closed later.
type demoThread struct {
	daysAgo  int
	subject  string
	question string
	answer   string
	after    time.Duration
	closed   bool
}

var demoThreads = []demoThread{
	{20, "Which jacket size for the shoot?", "Hi! The spring shoot is in the Alps: should I take the M or the L of the Ridge shell?", "The L: it layers over a fleece. We'll ship it with the kit.", 3 * time.Hour, true},
	{13, "Invoice for March", "Where do I send my invoice for the March posts?", "Send it to accounts@lumenpine.example; it is paid within 30 days.", 50 * time.Minute, true},
	{6, "Can I post on Sunday instead?", "The weather looks better on Sunday. Can the reel go out a day later?", "Sunday works, thanks for checking!", 25 * time.Minute, false},
	{1, "Discount code not working", "My followers say the code LUMEN15 is refused at checkout.", "", 0, false},
}

// seedInbox gives the demo brand a few conversations with creators (in
// the last weeks, so the inbox's weekly response times show) and canned
// answers in English and Spanish.
func seedInbox(ctx context.Context, d *db.DB, b *brand.Brand, now time.Time) error {
	at := now
	deps := &web.Deps{DB: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return at }}
	svc := inbox.NewService(deps)
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
	for _, c := range []inbox.Canned{
		{Locale: "en", Title: "Shipping times", Body: "Hi {creator_first_name}, parcels leave our warehouse within two working days; you'll get the tracking link by email.\n\n{sender_name}, {brand_name}"},
		{Locale: "es", Title: "Plazos de envío", Body: "Hola, {creator_first_name}: los paquetes salen de nuestro almacén en dos días laborables; te llegará el enlace de seguimiento por correo.\n\n{sender_name}, {brand_name}"},
		{Locale: "en", Title: "Disclosure reminder", Body: "Hi {creator_first_name}, please keep #ad at the start of the caption for every {brand_name} post. Thanks!"},
	} {
		if err := svc.SaveCanned(ctx, cm, &c); err != nil {
			return fmt.Errorf("canned answer %q: %w", c.Title, err)
		}
	}
	rows, err := d.QueryContext(ctx, `SELECT id, display_name, email FROM creators WHERE brand_id = ? AND email <> '' AND stage = 'active' ORDER BY id LIMIT ?`,
		b.ID, len(demoThreads))
	if err != nil {
		return err
	}
	type who struct {
		id          int64
		name, email string
	}
	var creators []who
	for rows.Next() {
		var w who
		if err := rows.Scan(&w.id, &w.name, &w.email); err != nil {
			rows.Close()
			return err
		}
		creators = append(creators, w)
	}
	rows.Close()
	for i, dt := range demoThreads {
		if i >= len(creators) {
			break
		}
		c := creators[i]
		at = now.Add(-time.Duration(dt.daysAgo) * 24 * time.Hour)
		t, err := svc.Start(ctx, b.ID, inbox.CreatorAuthor(c.email, c.name, b.ID, inbox.ChannelPortal),
			inbox.NewThread{CreatorID: c.id, Subject: dt.subject, Body: dt.question})
		if err != nil {
			return fmt.Errorf("demo thread %q: %w", dt.subject, err)
		}
		if dt.answer == "" {
			continue
		}
		at = at.Add(dt.after)
		if _, err := svc.Post(ctx, b.ID, t.ID, inbox.TeamAuthor(cm, inbox.ChannelWeb), dt.answer); err != nil {
			return err
		}
		if dt.closed {
			at = at.Add(2 * time.Hour)
			if _, err := svc.SetStatus(ctx, cm, t.ID, inbox.Closed); err != nil {
				return err
			}
		}
	}
	return nil
}
