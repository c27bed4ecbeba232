package web

import (
	"net/http"
	"strconv"
)

// NewestFirst is how logs (audit, outbox) page: newest first, each page
// asking for what is older than the last id shown (?before=ID).
type NewestFirst struct {
	Before int64 // 0: start from the newest
	Size   int   // rows a page shows
}

// PageBefore reads ?before= for a page of size rows.
func PageBefore(r *http.Request, size int) NewestFirst {
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	return NewestFirst{Before: before, Size: size}
}

// Fetch is how many rows to ask the store for: one more than a page, to
// know whether there is a next one.
func (n NewestFirst) Fetch() int { return n.Size + 1 }

// Trim cuts fetched rows to a page and returns the ?before= value of the
// next page (0 on the last one).
func Trim[T any](n NewestFirst, rows []T, id func(T) int64) ([]T, int64) {
	if len(rows) <= n.Size {
		return rows, 0
	}
	rows = rows[:n.Size]
	return rows, id(rows[n.Size-1])
}
