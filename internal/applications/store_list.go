package applications

import (
	"context"
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// ListQuery selects a page of applications, best score first.
type ListQuery struct {
	Status   string // "" for every status
	MinScore int    // auto score at least this
	Limit    int    // 1..200; 0 means 50
	Cursor   string
}

// Page is one page of applications.
type Page struct {
	Items      []Application
	NextCursor string
}

// ParseListQuery reads filters from a query string; problems are field
// errors named as the parameters.
func ParseListQuery(v url.Values) (ListQuery, apperr.Fields) {
	var errs apperr.Fields
	lq := ListQuery{Status: v.Get("status"), Cursor: v.Get("cursor")}
	if lq.Status != "" && !slices.Contains(Statuses, lq.Status) {
		errs.Add("status", "validation.choose_from_list", "Choose one of the options in the list.")
		lq.Status = ""
	}
	if s := strings.TrimSpace(v.Get("min_score")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 100 {
			errs.Add("min_score", "applications.validation.score_range", "Enter a score from 0 to 100.")
		} else {
			lq.MinScore = n
		}
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			errs.Add("limit", "validation.limit", "Show between 1 and 200 per page.", "max", 200)
		} else {
			lq.Limit = n
		}
	}
	if lq.Cursor != "" {
		if _, _, ok := decodeCursor(lq.Cursor); !ok {
			errs.Add("cursor", "validation.cursor", "This page link is no longer valid; start again from the first page.")
			lq.Cursor = ""
		}
	}
	return lq, errs
}

// Values is the query string of lq, for page links.
func (lq ListQuery) Values() url.Values {
	v := url.Values{}
	if lq.Status != "" {
		v.Set("status", lq.Status)
	}
	if lq.MinScore > 0 {
		v.Set("min_score", strconv.Itoa(lq.MinScore))
	}
	if lq.Cursor != "" {
		v.Set("cursor", lq.Cursor)
	}
	return v
}

func encodeCursor(rank, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(rank, 10) + ":" + strconv.FormatInt(id, 10)))
}

func decodeCursor(s string) (rank, id int64, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, 0, false
	}
	r, i, found := strings.Cut(string(b), ":")
	if !found {
		return 0, 0, false
	}
	rank, err1 := strconv.ParseInt(r, 10, 64)
	id, err2 := strconv.ParseInt(i, 10, 64)
	return rank, id, err1 == nil && err2 == nil
}

// List returns a page of a brand's applications: highest queue rank
// (auto score, then team score) first, oldest first among equals.
func List(ctx context.Context, q db.Querier, brandID int64, lq ListQuery) (Page, error) {
	limit := lq.Limit
	if limit <= 0 {
		limit = 50
	}
	where := []string{"brand_id = ?"}
	args := []any{brandID}
	if lq.Status != "" {
		where, args = append(where, "status = ?"), append(args, lq.Status)
	}
	if lq.MinScore > 0 {
		where, args = append(where, "auto_score >= ?"), append(args, lq.MinScore)
	}
	if rank, id, ok := decodeCursor(lq.Cursor); ok && lq.Cursor != "" {
		where = append(where, "(queue_rank < ? OR (queue_rank = ? AND id > ?))")
		args = append(args, rank, rank, id)
	}
	args = append(args, limit+1)
	rows, err := q.QueryContext(ctx, selectColumns+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY queue_rank DESC, id ASC LIMIT ?`, args...)
	if err != nil {
		return Page{}, err
	}
	defer rows.Close()
	var page Page
	var ranks []int64
	for rows.Next() {
		a, rank, err := scan(rows)
		if err != nil {
			return Page{}, err
		}
		page.Items, ranks = append(page.Items, a), append(ranks, rank)
	}
	if err := rows.Err(); err != nil {
		return Page{}, err
	}
	if len(page.Items) > limit {
		page.Items, ranks = page.Items[:limit], ranks[:limit]
		page.NextCursor = encodeCursor(ranks[limit-1], page.Items[limit-1].ID)
	}
	if page.Items == nil {
		page.Items = []Application{}
	}
	return page, attachAccounts(ctx, q, brandID, page.Items)
}

// neighbour returns the id of the submitted application just after
// (forward) or before the one with (rank, id) in queue order, or 0.
func neighbour(ctx context.Context, q db.Querier, brandID, rank, id int64, forward bool) (int64, error) {
	cond, order := "(queue_rank < ? OR (queue_rank = ? AND id > ?))", "queue_rank DESC, id ASC"
	if !forward {
		cond, order = "(queue_rank > ? OR (queue_rank = ? AND id < ?))", "queue_rank ASC, id DESC"
	}
	var next int64
	err := q.QueryRowContext(ctx, `SELECT id FROM applications WHERE brand_id = ? AND status = ? AND `+cond+
		` ORDER BY `+order+` LIMIT 1`, brandID, StatusSubmitted, rank, rank, id).Scan(&next)
	if db.IsNoRows(err) {
		return 0, nil
	}
	return next, err
}

// rankOf returns an application's queue key.
func rankOf(ctx context.Context, q db.Querier, brandID, id int64) (int64, error) {
	var rank int64
	err := q.QueryRowContext(ctx, `SELECT queue_rank FROM applications WHERE brand_id = ? AND id = ?`, brandID, id).Scan(&rank)
	if db.IsNoRows(err) {
		return 0, errNotFound
	}
	return rank, err
}
