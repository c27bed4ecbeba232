package campaign

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
)

// ParseListQuery reads a list's filters from a URL (the page and the API
// take the same ones): status, owner (a user id), q, limit, cursor.
func ParseListQuery(v url.Values) (ListQuery, apperr.Fields) {
	var errs apperr.Fields
	lq := ListQuery{Status: v.Get("status"), Q: strings.TrimSpace(v.Get("q")), Cursor: v.Get("cursor")}
	if lq.Status != "" && !ValidStatus(lq.Status) {
		add(&errs, "status", "campaign.validation.status", "statuses", strings.Join(Statuses, ", "))
	}
	if s := v.Get("owner"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			add(&errs, "owner", "validation.choose_from_list")
		} else {
			lq.Owner = &id
		}
	}
	if len(lq.Q) > 200 {
		add(&errs, "q", "validation.too_long", "max", 200)
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			add(&errs, "limit", "validation.limit", "max", 200)
		}
		lq.Limit = n
	}
	if lq.Cursor != "" {
		if n, err := strconv.ParseInt(lq.Cursor, 10, 64); err != nil || n <= 0 {
			add(&errs, "cursor", "validation.cursor")
		}
	}
	return lq, errs
}

// Values is the query as URL parameters (without limit), for links.
func (lq ListQuery) Values() url.Values {
	v := url.Values{}
	if lq.Status != "" {
		v.Set("status", lq.Status)
	}
	if lq.Owner != nil {
		v.Set("owner", strconv.FormatInt(*lq.Owner, 10))
	}
	if lq.Q != "" {
		v.Set("q", lq.Q)
	}
	if lq.Cursor != "" {
		v.Set("cursor", lq.Cursor)
	}
	return v
}
