package talentspider

import (
	"context"
	"sort"
	"strings"

	"github.com/rosterhq/roster/internal/db"
)

// account is one row of the installation scan. brandID, creatorID and
// stage are read to tell the brand's own rows from others' and never
// leave this package.
type account struct {
	brandID, creatorID int64
	platform, handle   string
	profileURL         string
	followers          int64
	rate               float64
	metricsAt          int64
	country, languages string
	stage              string
	source             string // metrics_source: "talentspider" marks a creator added from a suggestion
}

func handleKey(platform, handle string) string { return platform + "\x00" + handle }

// scanAccounts reads every social account of the installation with the
// few creator facts the ranking needs, in one pass.
func scanAccounts(ctx context.Context, q db.Querier) ([]account, error) {
	return readAccounts(ctx, q, "")
}

// ownAccounts reads the brand's own accounts, fresh.
func ownAccounts(ctx context.Context, q db.Querier, brandID int64) ([]account, error) {
	return readAccounts(ctx, q, "WHERE sa.brand_id = ?", brandID)
}

func readAccounts(ctx context.Context, q db.Querier, where string, args ...any) ([]account, error) {
	rows, err := q.QueryContext(ctx, `SELECT sa.brand_id, sa.creator_id, sa.platform, sa.handle, sa.profile_url,
		sa.followers, sa.engagement_rate, COALESCE(sa.metrics_updated_at, 0), c.country, c.languages, c.stage,
		sa.metrics_source
		FROM social_accounts sa JOIN creators c ON c.id = sa.creator_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []account
	for rows.Next() {
		var a account
		if err := rows.Scan(&a.brandID, &a.creatorID, &a.platform, &a.handle, &a.profileURL, &a.followers, &a.rate,
			&a.metricsAt, &a.country, &a.languages, &a.stage, &a.source); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// loadPool reads the brand's creators that may be in the seed: those in
// a seed stage and those with a score at the threshold.
func loadPool(ctx context.Context, q db.Querier, brandID int64, scores map[int64]float64) ([]Member, error) {
	cond := `c.brand_id = ? AND (c.stage IN ('approved', 'active')`
	args := []any{brandID}
	for id, s := range scores {
		if s >= ScoreThreshold {
			args = append(args, id)
		}
	}
	if len(args) > 1 {
		cond += ` OR c.id IN (` + db.Placeholders(len(args)-1) + `)`
	}
	cond += `)`
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.stage, c.country, c.languages, COALESCE(sa.followers, 0),
		COALESCE(sa.engagement_rate, 0) FROM creators c LEFT JOIN social_accounts sa ON sa.creator_id = c.id
		WHERE `+cond+` ORDER BY c.id, sa.followers DESC, sa.id`, args...)
	if err != nil {
		return nil, err
	}
	var pool []Member
	byID := map[int64]int{}
	for rows.Next() {
		var m Member
		var langs string
		if err := rows.Scan(&m.CreatorID, &m.Stage, &m.Country, &langs, &m.Followers, &m.EngagementRate); err != nil {
			rows.Close()
			return nil, err
		}
		if _, seen := byID[m.CreatorID]; seen {
			continue // the first row is the main account
		}
		m.Languages = splitList(langs)
		byID[m.CreatorID] = len(pool)
		pool = append(pool, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT ct.creator_id, ct.tag FROM creator_tags ct JOIN creators c ON c.id = ct.creator_id
		WHERE `+cond+` ORDER BY ct.creator_id, ct.tag`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			pool[i].Tags = append(pool[i].Tags, tag)
		}
	}
	return pool, rows.Err()
}

// ownTagsWithin reads the tags of the brand's creators that are in vocab.
func ownTagsWithin(ctx context.Context, q db.Querier, brandID int64, vocab []string) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(vocab) == 0 {
		return out, nil
	}
	args := []any{brandID}
	for _, t := range vocab {
		args = append(args, t)
	}
	rows, err := q.QueryContext(ctx, `SELECT creator_id, tag FROM creator_tags
		WHERE brand_id = ? AND tag IN (`+db.Placeholders(len(vocab))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return nil, err
		}
		out[id] = append(out[id], tag)
	}
	return out, rows.Err()
}

// dismissed reads the brand's dismissed handles.
func dismissed(ctx context.Context, q db.Querier, brandID int64) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT platform, handle FROM suggestion_dismissals WHERE brand_id = ?`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var p, h string
		if err := rows.Scan(&p, &h); err != nil {
			return nil, err
		}
		out[handleKey(p, h)] = true
	}
	return out, rows.Err()
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// union adds items to a sorted set kept as a slice.
func union(set []string, items ...string) []string {
	for _, it := range items {
		i := sort.SearchStrings(set, it)
		if i < len(set) && set[i] == it {
			continue
		}
		set = append(set, "")
		copy(set[i+1:], set[i:])
		set[i] = it
	}
	return set
}
