package api

import (
	"net/url"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
)

// IDPage reads the limit and cursor of a list paged by id, newest or
// oldest first: limit from 1 to max (def when absent), cursor the id a
// previous page's next_cursor gave (0 when absent). What cannot be read
// is added to errs, next to the other problems of the request.
func IDPage(q url.Values, def, max int, errs *apperr.Fields) (limit int, cursor int64) {
	limit = def
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > max {
			errs.Add("limit", "validation.choose_from_list", "Send a limit from 1 to "+strconv.Itoa(max)+".")
		}
		limit = n
	}
	if s := q.Get("cursor"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			errs.Add("cursor", "validation.cursor", "Send the next_cursor of the previous page.")
		}
		cursor = n
	}
	return limit, cursor
}

// IDPaged turns up to limit+1 fetched items into one page: the first
// limit, with next_cursor set to the last one's id when more exist. Data
// is never null, so an empty page is [].
func IDPaged[T any](items []T, limit int, id func(T) int64) List[T] {
	out := List[T]{Data: items}
	if len(items) > limit {
		out.Data = items[:limit]
		out.NextCursor = strconv.FormatInt(id(items[limit-1]), 10)
	}
	if out.Data == nil {
		out.Data = []T{}
	}
	return out
}
