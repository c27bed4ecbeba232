package creator

import (
	"context"
	"net/url"

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
}

// Select reads which creators an action is for, as the creator list
// names them: all=1 with the list's filters (every creator matching them
// now), or the ticked ids; at most max.
func Select(ctx context.Context, q db.Querier, brandID int64, v url.Values, max int) (Selection, error) {
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
