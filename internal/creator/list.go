package creator

import (
	"context"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// List returns one page of the brand's creators matching lq, in lq's
// order, with keyset pagination on (sort key, id): a page never skips or
// repeats a creator, even when many share a sort key.
func (s *Store) List(ctx context.Context, q db.Querier, brandID int64, lq ListQuery) (Page, error) {
	sort := effectiveSort(lq.Sort)
	spec, ok := sortSpecs[sort]
	if !ok {
		var errs apperr.Fields
		addField(&errs, "sort", "validation.sort", "sorts", joinComma(SortOptions))
		return Page{}, errs.Err()
	}
	where, args := listFilters(q.Dialect(), brandID, lq)
	dir, cmp := "ASC", ">"
	if spec.desc {
		dir, cmp = "DESC", "<"
	}
	if lq.Cursor != "" {
		cur, ok := decodeCursor(lq.Cursor, sort)
		if !ok {
			var errs apperr.Fields
			addField(&errs, "cursor", "validation.cursor")
			return Page{}, errs.Err()
		}
		where = append(where, "(c."+spec.column+", c.id) "+cmp+" (?, ?)")
		args = append(args, cur.keyArg(), cur.id)
	}
	limit := lq.Limit
	if limit <= 0 {
		limit = defaultPageSize
	}
	limit = min(limit, maxPageSize)
	query := `SELECT ` + creatorColumns + ` FROM creators c WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY c.` + spec.column + ` ` + dir + `, c.id ` + dir + ` LIMIT ?`
	rows, err := q.QueryContext(ctx, query, append(args, limit+1)...)
	if err != nil {
		return Page{}, err
	}
	defer rows.Close()
	page := Page{Items: []Creator{}}
	var lastKey string
	for rows.Next() {
		c, sortName, err := scanCreator(rows)
		if err != nil {
			return Page{}, err
		}
		if len(page.Items) == limit {
			page.NextCursor = cursor{sort: sort, key: lastKey, id: page.Items[limit-1].ID}.encode()
			break
		}
		page.Items = append(page.Items, c)
		lastKey = sortKeyOf(spec, c, sortName)
	}
	if err := rows.Err(); err != nil {
		return Page{}, err
	}
	rows.Close()
	return page, attachDetails(ctx, q, brandID, page.Items)
}

// listFilters turns lq's filters into conditions on creators c.
func listFilters(d db.Dialect, brandID int64, lq ListQuery) (where []string, args []any) {
	where, args = []string{"c.brand_id = ?"}, []any{brandID}
	add := func(cond string, values ...any) {
		where = append(where, cond)
		args = append(args, values...)
	}
	if lq.Stage != "" {
		add("c.stage = ?", lq.Stage)
	}
	if lq.Country != "" {
		add("c.country = ?", lq.Country)
	}
	if lq.Tag != "" {
		add("EXISTS (SELECT 1 FROM creator_tags t WHERE t.creator_id = c.id AND t.tag = ?)", lq.Tag)
	}
	if lq.Platform != "" {
		// Follower bounds apply to the account on that platform.
		cond, values := "a.platform = ?", []any{lq.Platform}
		if lq.MinFollowers != nil {
			cond, values = cond+" AND a.followers >= ?", append(values, *lq.MinFollowers)
		}
		if lq.MaxFollowers != nil {
			cond, values = cond+" AND a.followers <= ?", append(values, *lq.MaxFollowers)
		}
		add("EXISTS (SELECT 1 FROM social_accounts a WHERE a.creator_id = c.id AND "+cond+")", values...)
	} else {
		if lq.MinFollowers != nil {
			add("c.followers_total >= ?", *lq.MinFollowers)
		}
		if lq.MaxFollowers != nil {
			add("c.followers_total <= ?", *lq.MaxFollowers)
		}
	}
	if cond, arg, ok := searchCondition(d, lq.Q); ok {
		add(cond, arg)
	}
	return where, args
}

// sortKeyOf is the value of spec's column for c, as a cursor holds it.
func sortKeyOf(spec sortSpec, c Creator, sortName string) string {
	switch spec.column {
	case "sort_name":
		return sortName
	case "followers_total":
		return strconv.FormatInt(c.FollowersTotal, 10)
	case "updated_at":
		return strconv.FormatInt(c.UpdatedAt.UnixMilli(), 10)
	}
	return strconv.FormatInt(c.CreatedAt.UnixMilli(), 10)
}
