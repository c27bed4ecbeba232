package creator

import (
	"context"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// checkHandles refuses accounts whose platform and handle another
// creator of the brand (not selfID) already has.
func (s *Store) checkHandles(ctx context.Context, q db.Querier, brandID, selfID int64, accounts []SocialAccount) error {
	var conflict error
	for i, a := range accounts {
		var ownerID int64
		var ownerName string
		err := q.QueryRowContext(ctx, `SELECT c.id, c.display_name FROM social_accounts a JOIN creators c ON c.id = a.creator_id
			WHERE a.brand_id = ? AND a.platform = ? AND a.handle = ? AND a.creator_id <> ?`,
			brandID, a.Platform, a.Handle, selfID).Scan(&ownerID, &ownerName)
		if db.IsNoRows(err) {
			continue
		}
		if err != nil {
			return err
		}
		conflict = addHandleConflict(conflict, i, a, ownerID, ownerName)
	}
	return conflict
}

// addHandleConflict adds account i's clash to a Conflict error: the
// message names the first creator that has the handle, each clashing
// account gets a field error.
func addHandleConflict(err error, i int, a SocialAccount, ownerID int64, ownerName string) error {
	e, ok := apperr.As(err)
	if !ok {
		e = apperr.New(apperr.Conflict, "%s handle %q already belongs to %s (creator %d).",
			PlatformLabel(a.Platform), a.Handle, ownerName, ownerID)
	}
	fields := apperr.Fields(e.Fields)
	addField(&fields, "social_accounts["+strconv.Itoa(i)+"].handle", "validation.handle_taken",
		"platform", PlatformLabel(a.Platform), "name", ownerName, "id", ownerID)
	e.Fields = fields
	return e
}

// insertAccount adds account i of a creator. Two writers racing for the
// same handle get past checkHandles; the unique index stops the second,
// and its error is turned into the same Conflict. The owner is looked up
// outside tx: a failed statement aborts a PostgreSQL transaction.
func (s *Store) insertAccount(ctx context.Context, tx *db.Tx, brandID, creatorID int64, i int, a *SocialAccount) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO social_accounts (brand_id, creator_id, platform, handle, profile_url,
		followers, engagement_rate, metrics_updated_at, metrics_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, creatorID, a.Platform, a.Handle, a.ProfileURL, a.Followers, a.EngagementRate,
		millisOrNil(a.MetricsUpdatedAt), a.MetricsSource).Scan(&a.ID)
	if err == nil || !db.IsUniqueViolation(err, "social_accounts") {
		return err
	}
	var ownerID int64
	var ownerName string
	lookup := s.db.QueryRowContext(ctx, `SELECT c.id, c.display_name FROM social_accounts a JOIN creators c ON c.id = a.creator_id
		WHERE a.brand_id = ? AND a.platform = ? AND a.handle = ?`, brandID, a.Platform, a.Handle).Scan(&ownerID, &ownerName)
	if lookup != nil {
		return apperr.New(apperr.Conflict, "%s handle %q already belongs to another creator.", PlatformLabel(a.Platform), a.Handle)
	}
	return addHandleConflict(nil, i, *a, ownerID, ownerName)
}

func millisOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMilli()
}

// syncAccounts makes the creator's accounts equal to want. An account
// whose platform and handle stay keeps its row, id and metric time; the
// time moves only when followers or engagement change.
func (s *Store) syncAccounts(ctx context.Context, tx *db.Tx, brandID, creatorID int64, have, want []SocialAccount, now time.Time) error {
	key := func(a SocialAccount) string { return a.Platform + " " + a.Handle }
	kept := map[string]SocialAccount{}
	for _, a := range have {
		kept[key(a)] = a
	}
	wanted := map[string]bool{}
	for _, a := range want {
		wanted[key(a)] = true
	}
	for _, a := range have {
		if !wanted[key(a)] {
			if _, err := tx.ExecContext(ctx, `DELETE FROM social_accounts WHERE brand_id = ? AND id = ?`, brandID, a.ID); err != nil {
				return err
			}
		}
	}
	for i := range want {
		a := &want[i]
		old, ok := kept[key(*a)]
		if !ok {
			if err := s.insertAccount(ctx, tx, brandID, creatorID, i, a); err != nil {
				return err
			}
			continue
		}
		if old.Followers == a.Followers && old.EngagementRate == a.EngagementRate && old.ProfileURL == a.ProfileURL {
			continue
		}
		at, source := old.MetricsUpdatedAt, old.MetricsSource
		if old.Followers != a.Followers || old.EngagementRate != a.EngagementRate {
			at, source = &now, a.MetricsSource
		}
		if _, err := tx.ExecContext(ctx, `UPDATE social_accounts SET profile_url = ?, followers = ?, engagement_rate = ?,
			metrics_updated_at = ?, metrics_source = ? WHERE brand_id = ? AND id = ?`,
			a.ProfileURL, a.Followers, a.EngagementRate, millisOrNil(at), source, brandID, old.ID); err != nil {
			return err
		}
	}
	return nil
}
