package creator

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// creatorColumns are read by scanCreator, in this order.
const creatorColumns = `c.id, c.brand_id, c.display_name, c.sort_name, c.email, c.country, c.languages, c.notes,
	c.owner_user_id, c.stage, c.followers_total, c.created_at, c.updated_at`

// scanCreator reads one row of creatorColumns; sort_name comes back
// separately because only list cursors need it.
func scanCreator(rows *sql.Rows) (c Creator, sortName string, err error) {
	var languages string
	var owner sql.NullInt64
	var created, updated int64
	err = rows.Scan(&c.ID, &c.BrandID, &c.DisplayName, &sortName, &c.Email, &c.Country, &languages, &c.Notes,
		&owner, &c.Stage, &c.FollowersTotal, &created, &updated)
	c.Languages = []string{}
	if languages != "" {
		c.Languages = strings.Split(languages, ",")
	}
	if owner.Valid {
		c.OwnerUserID = &owner.Int64
	}
	c.CreatedAt, c.UpdatedAt = fromMillis(created), fromMillis(updated)
	return c, sortName, err
}

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// loadCreators reads the brand's creators with these ids, in id order,
// with their tags and accounts.
func loadCreators(ctx context.Context, q db.Querier, brandID int64, ids []int64) ([]Creator, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+creatorColumns+` FROM creators c
		WHERE c.brand_id = ? AND c.id IN (`+db.Placeholders(len(ids))+`) ORDER BY c.id`,
		append([]any{brandID}, int64Args(ids)...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Creator
	for rows.Next() {
		c, _, err := scanCreator(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, attachDetails(ctx, q, out)
}

// attachDetails loads the tags and accounts of a page of creators in two
// queries, however many creators there are. The creators were read within
// the brand, so their ids are the whole condition: adding brand_id = ?
// lets a planner without statistics (SQLite before ANALYZE, PostgreSQL
// before autovacuum) scan the brand's whole (brand_id, …) index instead
// of looking up a page of ids, 10–100 ms instead of 0.1.
func attachDetails(ctx context.Context, q db.Querier, cs []Creator) error {
	if len(cs) == 0 {
		return nil
	}
	index := make(map[int64]*Creator, len(cs))
	args := make([]any, 0, len(cs))
	for i := range cs {
		index[cs[i].ID] = &cs[i]
		cs[i].Tags, cs[i].SocialAccounts = []string{}, []SocialAccount{}
		args = append(args, cs[i].ID)
	}
	in := db.Placeholders(len(cs))
	rows, err := q.QueryContext(ctx, `SELECT creator_id, tag FROM creator_tags
		WHERE creator_id IN (`+in+`) ORDER BY creator_id, tag`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			rows.Close()
			return err
		}
		index[id].Tags = append(index[id].Tags, tag)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT creator_id, id, platform, handle, profile_url, followers, engagement_rate,
		metrics_updated_at, metrics_source FROM social_accounts
		WHERE creator_id IN (`+in+`) ORDER BY creator_id, id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a SocialAccount
		var at sql.NullInt64
		if err := rows.Scan(&id, &a.ID, &a.Platform, &a.Handle, &a.ProfileURL, &a.Followers, &a.EngagementRate,
			&at, &a.MetricsSource); err != nil {
			return err
		}
		if at.Valid {
			t := fromMillis(at.Int64)
			a.MetricsUpdatedAt = &t
		}
		index[id].SocialAccounts = append(index[id].SocialAccounts, a)
	}
	return rows.Err()
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
