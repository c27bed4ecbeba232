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
	walk, err := searchWalk(ctx, q, lq)
	if err != nil {
		return Page{}, err
	}
	limit := pageSize(lq.Limit)
	query, args, spec, err := listSQL(q.Dialect(), brandID, lq, walk, creatorColumns, limit+1)
	if err != nil {
		return Page{}, err
	}
	rows, err := q.QueryContext(ctx, query, args...)
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
		if len(page.Items) == limit { // the extra row: there is a next page
			page.NextCursor = cursor{sort: effectiveSort(lq.Sort), key: lastKey, id: page.Items[limit-1].ID}.encode()
			break
		}
		page.Items = append(page.Items, c)
		lastKey = sortKeyOf(spec, c, sortName)
	}
	if err := rows.Err(); err != nil {
		return Page{}, err
	}
	rows.Close()
	return page, attachDetails(ctx, q, page.Items)
}

func pageSize(limit int) int {
	if limit <= 0 {
		return defaultPageSize
	}
	return min(limit, maxPageSize)
}

// searchWalk says whether lq's full-text search, if any, is common
// enough to be answered by walking the sort's index (see ftsWalkThreshold).
func searchWalk(ctx context.Context, q db.Querier, lq ListQuery) (bool, error) {
	if match, ok := searchMatch(q.Dialect(), lq.Q); ok {
		return commonSearch(ctx, q, match)
	}
	return false, nil
}

// listSQL builds a list query of columns: filters, the keyset condition
// after the cursor, the order and at most limit rows.
func listSQL(d db.Dialect, brandID int64, lq ListQuery, walkSearch bool, columns string, limit int) (query string, args []any, spec sortSpec, err error) {
	sort := effectiveSort(lq.Sort)
	spec, ok := sortSpecs[sort]
	if !ok {
		var errs apperr.Fields
		addField(&errs, "sort", "validation.sort", "sorts", joinComma(SortOptions))
		return "", nil, spec, errs.Err()
	}
	where, args := listFilters(d, brandID, lq, walkSearch)
	dir, cmp := "ASC", ">"
	if spec.desc {
		dir, cmp = "DESC", "<"
	}
	if lq.Cursor != "" {
		cur, ok := decodeCursor(lq.Cursor, sort)
		if !ok {
			var errs apperr.Fields
			addField(&errs, "cursor", "validation.cursor")
			return "", nil, spec, errs.Err()
		}
		where = append(where, "(c."+spec.column+", c.id) "+cmp+" (?, ?)")
		args = append(args, cur.keyArg(), cur.id)
	}
	query = `SELECT ` + columns + ` FROM creators c WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY c.` + spec.column + ` ` + dir + `, c.id ` + dir + ` LIMIT ?`
	return query, append(args, limit), spec, nil
}

// listFilters turns lq's filters into conditions on creators c.
func listFilters(d db.Dialect, brandID int64, lq ListQuery, walkSearch bool) (where []string, args []any) {
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
	if lq.Owner != nil {
		add("c.owner_user_id = ?", *lq.Owner)
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
	if match, ok := searchMatch(d, lq.Q); ok {
		add(searchCondition(d, walkSearch), match)
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
