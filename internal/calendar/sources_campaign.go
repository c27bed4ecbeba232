package calendar

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

// The calendar's own sources read the campaign tables (migration 0007)
// directly, each query scoped by brand_id. Archived campaigns and their
// deliverables stay off the calendar: they are history, not plans.

// campaignSpans shows each dated campaign from starts_on to ends_on (a
// campaign without an end shows on its first day).
type campaignSpans struct{}

func (campaignSpans) Name() string { return "campaign" }

func (campaignSpans) Events(ctx context.Context, q db.Querier, l *i18n.Localizer, brandID int64, r Range, f Filter) ([]Event, error) {
	query := `SELECT id, name, starts_on, COALESCE(ends_on, starts_on), COALESCE(owner_user_id, 0), updated_at
		FROM campaigns
		WHERE brand_id = ? AND status <> 'archived' AND starts_on IS NOT NULL
			AND starts_on <= ? AND COALESCE(ends_on, starts_on) >= ?`
	args := []any{brandID, r.To.Format(DateLayout), r.From.Format(DateLayout)}
	query, args = filtered(query, args, "id", "owner_user_id", f)
	rows, err := q.QueryContext(ctx, query+` ORDER BY starts_on, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var start, end string
		var updated int64
		if err := rows.Scan(&e.ID, &e.Title, &start, &end, &e.OwnerUserID, &updated); err != nil {
			return nil, err
		}
		var ok bool
		if e.Start, ok = ParseDate(start); !ok {
			continue // not a date: nothing to place
		}
		if e.End, ok = ParseDate(end); !ok || e.End.Before(e.Start) {
			e.End = e.Start
		}
		e.Source, e.CampaignID, e.Updated = "campaign", e.ID, time.UnixMilli(updated).UTC()
		e.Link = CampaignLink(e.ID)
		e.Detail = l.T("calendar.campaign.detail", "from", l.Date(e.Start), "to", l.Date(e.End))
		out = append(out, e)
	}
	return out, rows.Err()
}

// deliverableDues shows each deliverable on its due date; these are the
// items the calendar can move.
type deliverableDues struct{}

func (deliverableDues) Name() string { return "deliverable" }

func (deliverableDues) Events(ctx context.Context, q db.Querier, l *i18n.Localizer, brandID int64, r Range, f Filter) ([]Event, error) {
	// The campaigns first, then the deliverables by (brand, due date),
	// matched in Go: a join let PostgreSQL, before it had statistics on
	// fresh tables, rescan the brand's campaigns for every deliverable
	// (1 s for 5,000 of them); this shape has no plan to get wrong.
	campaigns, err := campaignsOf(ctx, q, brandID, f)
	if err != nil || len(campaigns) == 0 {
		return nil, err
	}
	query := `SELECT id, campaign_id, platform, kind, quantity, due_on, updated_at FROM campaign_deliverables
		WHERE brand_id = ? AND due_on IS NOT NULL AND due_on >= ? AND due_on <= ?`
	args := []any{brandID, r.From.Format(DateLayout), r.To.Format(DateLayout)}
	if f.CampaignID != 0 {
		query += ` AND campaign_id = ?`
		args = append(args, f.CampaignID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY due_on, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var platform, kind, due string
		var quantity, updated int64
		if err := rows.Scan(&e.ID, &e.CampaignID, &platform, &kind, &quantity, &due, &updated); err != nil {
			return nil, err
		}
		c, ok := campaigns[e.CampaignID]
		if !ok {
			continue // archived, or filtered out by owner
		}
		if e.Start, ok = ParseDate(due); !ok {
			continue
		}
		e.End, e.Source, e.Updated, e.OwnerUserID = e.Start, "deliverable", time.UnixMilli(updated).UTC(), c.owner
		e.Title = DeliverableTitle(l, c.name, platform, kind, quantity)
		e.Detail = l.T("calendar.deliverable.detail", "campaign", c.name)
		e.MovePath, e.Link = MovePath(e.ID), CampaignLink(e.CampaignID)
		out = append(out, e)
	}
	return out, rows.Err()
}

type campaignRef struct {
	name  string
	owner int64
}

// campaignsOf returns the brand's campaigns that are not archived and
// match the filter, by id.
func campaignsOf(ctx context.Context, q db.Querier, brandID int64, f Filter) (map[int64]campaignRef, error) {
	query, args := filtered(`SELECT id, name, COALESCE(owner_user_id, 0) FROM campaigns WHERE brand_id = ? AND status <> 'archived'`,
		[]any{brandID}, "id", "owner_user_id", f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]campaignRef{}
	for rows.Next() {
		var id int64
		var c campaignRef
		if err := rows.Scan(&id, &c.name, &c.owner); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// DeliverableTitle names a deliverable on the calendar: "Spring launch:
// 2 × Reel, Instagram".
func DeliverableTitle(l *i18n.Localizer, campaign, platform, kind string, quantity int64) string {
	return l.T("calendar.deliverable.title", "campaign", campaign, "quantity", quantity,
		"kind", KindName(l, kind), "platform", creator.PlatformLabel(platform))
}

// KindName is a deliverable kind in the viewer's language (an unknown
// kind as stored).
func KindName(l *i18n.Localizer, kind string) string {
	key := "calendar.kind." + kind
	if i18n.Has(l.Lang(), key) {
		return l.T(key)
	}
	return kind
}

// MovePath is the page that moves a deliverable's due date.
func MovePath(deliverableID int64) string {
	return "/calendar/deliverables/" + itoa(deliverableID) + "/move"
}

// CampaignLink is a campaign's page in the campaign room.
func CampaignLink(campaignID int64) string { return "/campaigns/" + itoa(campaignID) }

// filtered adds the campaign and owner filters to a query.
func filtered(query string, args []any, campaignCol, ownerCol string, f Filter) (string, []any) {
	if f.CampaignID != 0 {
		query += ` AND ` + campaignCol + ` = ?`
		args = append(args, f.CampaignID)
	}
	if f.OwnerUserID != 0 {
		query += ` AND ` + ownerCol + ` = ?`
		args = append(args, f.OwnerUserID)
	}
	return query, args
}
