package creator

import (
	"context"
	"net/url"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// Matching returns the ids of the brand's creators that match lq's
// filters, in lq's order, at most max of them; more reports that others
// match beyond those. It is the one "every creator matching the filters"
// of Roster: the invitation forms and saved filters resolve through it.
func Matching(ctx context.Context, q db.Querier, brandID int64, lq ListQuery, max int) (ids []int64, more bool, err error) {
	lq.Cursor, lq.Limit = "", 0
	walk, err := searchWalk(ctx, q, lq)
	if err != nil {
		return nil, false, err
	}
	query, args, _, err := listSQL(q.Dialect(), brandID, lq, walk, "c.id", max+1)
	if err != nil {
		return nil, false, err
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(ids) > max {
		return ids[:max], true, nil
	}
	return ids, false, nil
}

// Selection is the creators a bulk action (an invitation) is for.
type Selection struct {
	IDs []int64
	// Capped: more creators were ticked or match than the action takes;
	// IDs holds the first of them.
	Capped bool
	// Filter is the saved filter they match, when they came from one.
	Filter *SavedFilter
}

// Select reads which creators an action is for, as the creator list and
// the invitation forms name them: filter=ID (every creator matching that
// saved filter now), all=1 with the list's filters (every creator
// matching them now), or the ticked ids; at most max. Another brand's
// saved filter is NotFound.
func Select(ctx context.Context, q db.Querier, brandID int64, v url.Values, max int) (Selection, error) {
	if raw := v.Get("filter"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return Selection{}, errFilterNotFound
		}
		return SelectFilter(ctx, q, brandID, id, max)
	}
	if v.Get("all") != "1" {
		ids := web.IDs(v["ids"])
		if len(ids) > max {
			return Selection{IDs: ids[:max], Capped: true}, nil
		}
		return Selection{IDs: ids}, nil
	}
	lq, errs := ParseListQuery(v)
	if err := errs.Err(); err != nil {
		return Selection{}, err
	}
	ids, more, err := Matching(ctx, q, brandID, lq, max)
	return Selection{IDs: ids, Capped: more}, err
}

// SelectFilter is every creator of the brand matching saved filter id
// now, at most max.
func SelectFilter(ctx context.Context, q db.Querier, brandID, id int64, max int) (Selection, error) {
	f, err := GetSavedFilter(ctx, q, brandID, id)
	if err != nil {
		return Selection{}, err
	}
	lq, err := f.ListQuery()
	if err != nil {
		return Selection{}, err
	}
	ids, more, err := Matching(ctx, q, brandID, lq, max)
	return Selection{IDs: ids, Capped: more, Filter: f}, err
}

// FilterCreators resolves an API request's saved_filter_id: every
// creator of the brand matching the filter now. Creator ids sent as well
// (withIDs), or a filter matching more than max creators, is Invalid on
// saved_filter_id (an API call acts on all of them or none); another
// brand's filter is NotFound.
func FilterCreators(ctx context.Context, q db.Querier, brandID, filterID int64, withIDs bool, max int) ([]int64, error) {
	var errs apperr.Fields
	if withIDs {
		addField(&errs, "saved_filter_id", "validation.filter_or_ids")
		return nil, errs.Err()
	}
	sel, err := SelectFilter(ctx, q, brandID, filterID, max)
	if err != nil {
		return nil, err
	}
	if sel.Capped {
		addField(&errs, "saved_filter_id", "validation.filter_too_many", "max", max)
		return nil, errs.Err()
	}
	return sel.IDs, nil
}
