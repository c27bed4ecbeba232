package creator

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/stages"
)

// Limits on list queries.
const (
	maxPageSize     = 200
	defaultPageSize = 50
	maxQueryLength  = 200
)

// ParseListQuery reads a list query from URL values (q, stage, tag,
// platform, country, min_followers, max_followers, sort, limit, cursor),
// normalising what it keeps; problems come back per field.
func ParseListQuery(v url.Values) (ListQuery, apperr.Fields) {
	var lq ListQuery
	var errs apperr.Fields
	lq.Q = cleanText(v.Get("q"), false)
	if utf8.RuneCountInString(lq.Q) > maxQueryLength {
		addField(&errs, "q", "validation.too_long", "max", maxQueryLength)
	}
	if lq.Stage = strings.ToLower(strings.TrimSpace(v.Get("stage"))); lq.Stage != "" && !stages.ValidKey(lq.Stage) {
		// Any well-formed key is accepted: one the brand lacks matches nothing.
		addField(&errs, "stage", "validation.stage", "stages", joinComma(DefaultStages))
	}
	if lq.Tag = normalizeTag(v.Get("tag")); utf8.RuneCountInString(lq.Tag) > maxTagLength {
		addField(&errs, "tag", "validation.tag_too_long", "tag", quoteShort(lq.Tag), "max", maxTagLength)
	}
	if lq.Platform = strings.ToLower(strings.TrimSpace(v.Get("platform"))); lq.Platform != "" && !IsPlatform(lq.Platform) {
		addField(&errs, "platform", "validation.platform", "platforms", platformList())
	}
	lq.Country = normalizeCountry(v.Get("country"), "country", &errs)
	lq.MinFollowers = followersParam(v, "min_followers", &errs)
	lq.MaxFollowers = followersParam(v, "max_followers", &errs)
	if lq.MinFollowers != nil && lq.MaxFollowers != nil && *lq.MinFollowers > *lq.MaxFollowers {
		addField(&errs, "max_followers", "validation.followers_range")
	}
	if lq.Sort = strings.TrimSpace(v.Get("sort")); lq.Sort != "" && !slices.Contains(SortOptions, lq.Sort) {
		addField(&errs, "sort", "validation.sort", "sorts", joinComma(SortOptions))
	}
	if raw := strings.TrimSpace(v.Get("limit")); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxPageSize {
			addField(&errs, "limit", "validation.limit", "max", maxPageSize)
		}
		lq.Limit = n
	}
	lq.Cursor = strings.TrimSpace(v.Get("cursor"))
	if lq.Cursor != "" && !errs.Has("sort") {
		if _, ok := decodeCursor(lq.Cursor, effectiveSort(lq.Sort)); !ok {
			addField(&errs, "cursor", "validation.cursor")
		}
	}
	return lq, errs
}

func followersParam(v url.Values, name string, errs *apperr.Fields) *int64 {
	raw := strings.TrimSpace(v.Get(name))
	if raw == "" {
		return nil
	}
	n, ok := parseFollowers(raw)
	if !ok {
		addField(errs, name, "validation.followers_number")
		return nil
	}
	return &n
}

// Values is the inverse of ParseListQuery, for page links: only the
// parameters that are set.
func (lq ListQuery) Values() url.Values {
	v := url.Values{}
	set := func(name, value string) {
		if value != "" {
			v.Set(name, value)
		}
	}
	set("q", lq.Q)
	set("stage", lq.Stage)
	set("tag", lq.Tag)
	set("platform", lq.Platform)
	set("country", lq.Country)
	if lq.MinFollowers != nil {
		v.Set("min_followers", strconv.FormatInt(*lq.MinFollowers, 10))
	}
	if lq.MaxFollowers != nil {
		v.Set("max_followers", strconv.FormatInt(*lq.MaxFollowers, 10))
	}
	set("sort", lq.Sort)
	if lq.Limit != 0 {
		v.Set("limit", strconv.Itoa(lq.Limit))
	}
	set("cursor", lq.Cursor)
	return v
}
