package creator

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
)

// SavedFilter is a named creator-list query of a brand, shared with its
// whole team: one click applies it to the list, and invitations can be
// sent to every creator matching it at the time.
type SavedFilter struct {
	ID      int64  `json:"id"`
	BrandID int64  `json:"-"`
	Name    string `json:"name"`
	// Query is the canonical creator-list query string (CanonicalQuery).
	Query       string    `json:"query"`
	CreatedBy   *int64    `json:"created_by_user_id"`
	CreatorName string    `json:"-"` // who saved it, for the pages
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// ListQuery is the creator-list query the filter stands for.
func (f SavedFilter) ListQuery() (ListQuery, error) {
	v, err := url.ParseQuery(f.Query)
	if err != nil {
		return ListQuery{}, err
	}
	lq, errs := ParseListQuery(v)
	return lq, errs.Err()
}

// ListURL is the creator list with the filter applied.
func (f SavedFilter) ListURL() string {
	if f.Query == "" {
		return "/creators"
	}
	return "/creators?" + f.Query
}

// maxFilterName bounds a saved filter's name.
const maxFilterName = 80

// FilterParams are the creator-list parameters a saved filter keeps;
// limit and cursor choose a page, not creators, and are dropped.
var FilterParams = []string{"q", "stage", "tag", "platform", "country", "min_followers", "max_followers", "sort"}

// CanonicalQuery checks a creator-list query string for a saved filter
// (a whole /creators?… address is accepted too) and returns it as the
// list writes it: only FilterParams, each at most once, normalised by
// ParseListQuery, in a fixed order, without the default sort. Problems
// come back on the field "query" or "query.<parameter>".
func CanonicalQuery(raw string) (string, apperr.Fields) {
	var errs apperr.Fields
	raw = strings.TrimSpace(raw)
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw = raw[i+1:]
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		addField(&errs, "query", "validation.filter_query")
		return "", errs
	}
	v.Del("limit")
	v.Del("cursor")
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !slices.Contains(FilterParams, name) || len(v[name]) > 1 {
			addField(&errs, "query", "validation.filter_param", "param", quoteShort(name), "params", joinComma(FilterParams))
		}
	}
	lq, parsed := ParseListQuery(v)
	for _, e := range parsed {
		e.Field = "query." + e.Field
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		return "", errs
	}
	return lq.filterQuery(), nil
}

// filterQuery is lq's filters and sort as a saved filter keeps them:
// without a page, without the default sort, in Values' fixed order.
func (lq ListQuery) filterQuery() string {
	lq.Limit, lq.Cursor = 0, ""
	if lq.Sort == defaultSort {
		lq.Sort = ""
	}
	return lq.Values().Encode()
}

// checkFilter normalises and validates a saved filter's name and query.
func checkFilter(f *SavedFilter) error {
	f.Name = cleanText(f.Name, false)
	var errs apperr.Fields
	if f.Name == "" {
		addField(&errs, "name", "validation.required")
	} else if utf8.RuneCountInString(f.Name) > maxFilterName {
		addField(&errs, "name", "validation.too_long", "max", maxFilterName)
	}
	query, qerrs := CanonicalQuery(f.Query)
	f.Query = query
	return append(errs, qerrs...).Err()
}

// filterNameTaken is the error for a name another filter of the brand
// has, in any case.
func filterNameTaken(name string) error {
	e := apperr.New(apperr.Conflict, "Another saved filter is already called %q.", name)
	var f apperr.Fields
	addField(&f, "name", "validation.filter_name_taken", "name", name)
	e.Fields = f
	return e
}

// nameKey folds a name for the uniqueness check.
func nameKey(name string) string { return strings.ToLower(name) }

// Snapshot of a saved filter for the audit log.
func filterSnapshot(f *SavedFilter) map[string]any {
	return map[string]any{"name": f.Name, "query": f.Query}
}
