package calendar

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// FeedPrefix marks a calendar feed secret wherever it turns up.
const FeedPrefix = auth.CalendarFeedPrefix

// Subscription is one person's feed URL in one brand. Only the hash of
// its secret is stored, so the URL can be shown once and never again.
type Subscription struct {
	ID         int64
	BrandID    int64
	UserID     int64
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

const subscriptionColumns = `id, brand_id, user_id, created_at, last_used_at`

func scanSubscription(row interface{ Scan(...any) error }) (*Subscription, error) {
	var s Subscription
	var created int64
	var used *int64
	if err := row.Scan(&s.ID, &s.BrandID, &s.UserID, &created, &used); err != nil {
		return nil, err
	}
	s.CreatedAt = time.UnixMilli(created).UTC()
	if used != nil {
		t := time.UnixMilli(*used).UTC()
		s.LastUsedAt = &t
	}
	return &s, nil
}

// LiveSubscription returns the person's live feed in the brand, or nil.
func LiveSubscription(ctx context.Context, q db.Querier, brandID, userID int64) (*Subscription, error) {
	s, err := scanSubscription(q.QueryRowContext(ctx, `SELECT `+subscriptionColumns+` FROM calendar_feeds
		WHERE brand_id = ? AND user_id = ? AND revoked_at IS NULL`, brandID, userID))
	if db.IsNoRows(err) {
		return nil, nil
	}
	return s, err
}

// Subscribe makes a new feed URL for the principal's person in its brand
// and returns its secret. A live one is revoked in the same transaction,
// so subscribing again is rotating: the old URL stops working at once.
func Subscribe(ctx context.Context, d *db.DB, p *auth.Principal, now time.Time) (string, *Subscription, error) {
	if p.UserID() == 0 {
		return "", nil, apperr.New(apperr.Forbidden, "Calendar feeds belong to people, not API tokens.")
	}
	secret := auth.NewSecret(FeedPrefix)
	var out *Subscription
	err := d.InTx(ctx, func(tx *db.Tx) error {
		action := "create"
		res, err := tx.ExecContext(ctx, `UPDATE calendar_feeds SET revoked_at = ? WHERE brand_id = ? AND user_id = ? AND revoked_at IS NULL`,
			now.UnixMilli(), p.BrandID, p.UserID())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			action = "rotate"
		}
		out, err = scanSubscription(tx.QueryRowContext(ctx, `INSERT INTO calendar_feeds (brand_id, user_id, token_hash, created_at)
			VALUES (?, ?, ?, ?) RETURNING `+subscriptionColumns, p.BrandID, p.UserID(), auth.HashSecret(secret), now.UnixMilli()))
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, action, "calendar_feed", itoa(out.ID), nil, now)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, out, nil
}

// Unsubscribe revokes the person's live feed in the brand; its URL then
// answers 404. Having none is NotFound.
func Unsubscribe(ctx context.Context, d *db.DB, p *auth.Principal, now time.Time) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE calendar_feeds SET revoked_at = ? WHERE brand_id = ? AND user_id = ? AND revoked_at IS NULL RETURNING id`,
			now.UnixMilli(), p.BrandID, p.UserID()).Scan(&id)
		if db.IsNoRows(err) {
			return apperr.New(apperr.NotFound, "You have no calendar feed to revoke.")
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "revoke", "calendar_feed", itoa(id), nil, now)
	})
}

// SubscriptionBySecret finds the live feed a URL's secret opens; a
// revoked, rotated or unknown secret is NotFound.
func SubscriptionBySecret(ctx context.Context, q db.Querier, secret string) (*Subscription, error) {
	s, err := scanSubscription(q.QueryRowContext(ctx, `SELECT `+subscriptionColumns+` FROM calendar_feeds
		WHERE token_hash = ? AND revoked_at IS NULL`, auth.HashSecret(secret)))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "There is no such calendar feed.")
	}
	return s, err
}

// usedEvery is how stale last_used_at may get: calendar applications
// poll often, and one write an hour is enough to tell a live feed.
const usedEvery = time.Hour

// MarkUsed records that a feed was fetched.
func MarkUsed(ctx context.Context, q db.Querier, s *Subscription, now time.Time) error {
	if s.LastUsedAt != nil && now.Sub(*s.LastUsedAt) < usedEvery {
		return nil
	}
	_, err := q.ExecContext(ctx, `UPDATE calendar_feeds SET last_used_at = ? WHERE brand_id = ? AND id = ?`, now.UnixMilli(), s.BrandID, s.ID)
	return err
}
