package importer

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// lookupChunk bounds the values bound in one lookup statement on SQLite.
const lookupChunk = 900

// accountKey is how rows and accounts are matched: platform and
// normalised handle.
func accountKey(platform, handle string) string { return platform + "\x00" + handle }

// findOwners returns, for each key that a creator of the brand already
// has, that creator's id: one indexed query per chunk of handles.
func findOwners(ctx context.Context, q db.Querier, brandID int64, keys map[string]bool) (map[string]int64, error) {
	handles := make([]string, 0, len(keys))
	seen := map[string]bool{}
	for k := range keys {
		_, h, _ := strings.Cut(k, "\x00")
		if !seen[h] {
			seen[h] = true
			handles = append(handles, h)
		}
	}
	out := map[string]int64{}
	scan := func(rows *sql.Rows, err error) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var p, h string
			if err := rows.Scan(&id, &p, &h); err != nil {
				return err
			}
			if k := accountKey(p, h); keys[k] {
				out[k] = id
			}
		}
		return rows.Err()
	}
	const sel = `SELECT creator_id, platform, handle FROM social_accounts WHERE brand_id = ? AND handle `
	if q.Dialect() == db.Postgres {
		return out, scan(q.QueryContext(ctx, sel+`= ANY(?::text[])`, brandID, handles))
	}
	for start := 0; start < len(handles); start += lookupChunk {
		chunk := handles[start:min(start+lookupChunk, len(handles))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, brandID)
		for _, h := range chunk {
			args = append(args, h)
		}
		if err := scan(q.QueryContext(ctx, sel+`IN (`+db.Placeholders(len(chunk))+`)`, args...)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// loadStates reads the brand's creators with these ids, with tags and
// accounts, as merge states.
func loadStates(ctx context.Context, q db.Querier, brandID int64, ids []int64) (map[int64]*state, error) {
	out := make(map[int64]*state, len(ids))
	for start := 0; start < len(ids); start += lookupChunk {
		chunk := ids[start:min(start+lookupChunk, len(ids))]
		in, args := idList(q.Dialect(), chunk)
		rows, err := q.QueryContext(ctx, `SELECT id, display_name, email, country, languages, notes, stage, created_at
			FROM creators WHERE brand_id = ? AND id `+in, append([]any{brandID}, args...)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c creator.Creator
			var langs string
			var created int64
			if err := rows.Scan(&c.ID, &c.DisplayName, &c.Email, &c.Country, &langs, &c.Notes, &c.Stage, &created); err != nil {
				rows.Close()
				return nil, err
			}
			if langs != "" {
				c.Languages = strings.Split(langs, ",")
			}
			out[c.ID] = &state{c: c}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if err := loadDetails(ctx, q, out, in, args); err != nil {
			return nil, err
		}
	}
	for _, s := range out {
		orig := s.c
		s.orig = &orig
	}
	return out, nil
}

// loadDetails adds tags and accounts; the ids were read within the brand.
func loadDetails(ctx context.Context, q db.Querier, states map[int64]*state, in string, args []any) error {
	rows, err := q.QueryContext(ctx, `SELECT creator_id, tag FROM creator_tags WHERE creator_id `+in+` ORDER BY creator_id, tag`, args...)
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
		if s := states[id]; s != nil {
			s.c.Tags = append(s.c.Tags, tag)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT creator_id, id, platform, handle, profile_url, followers, engagement_rate, metrics_source
		FROM social_accounts WHERE creator_id `+in+` ORDER BY creator_id, id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a creator.SocialAccount
		if err := rows.Scan(&id, &a.ID, &a.Platform, &a.Handle, &a.ProfileURL, &a.Followers, &a.EngagementRate, &a.MetricsSource); err != nil {
			return err
		}
		if s := states[id]; s != nil {
			s.c.SocialAccounts = append(s.c.SocialAccounts, a)
		}
	}
	return rows.Err()
}

// idList is "IN (?, …)" with its arguments, or "= ANY(?)" with one array
// on PostgreSQL.
func idList(d db.Dialect, ids []int64) (string, []any) {
	if d == db.Postgres {
		return `= ANY(?::bigint[])`, []any{ids}
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return `IN (` + db.Placeholders(len(ids)) + `)`, args
}
