package importer

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
)

// exportPage is how many creators one query of an export reads.
const exportPage = 200

// ExportHeader is the first line of an export. Every name is one the
// importer maps by itself, so the file reads back with no mapping: the
// creator's fields, then per platform its handle, followers and rate,
// then a generic profile URL for a second account on a platform.
func ExportHeader() []string {
	h := []string{"name", "email", "country", "languages", "tags", "stage", "notes"}
	for _, p := range creator.Platforms {
		h = append(h, p, p+"_followers", p+"_engagement_rate")
	}
	return append(h, "profile_url", "followers", "engagement_rate")
}

// ExportCreators writes the brand's creators matching lq (its filters and
// sort; limit and cursor are ignored) as CSV, a page at a time, flushing
// after each page so a large brand never sits in memory. It returns how
// many creators it wrote.
func ExportCreators(ctx context.Context, q db.Querier, brandID int64, lq creator.ListQuery, w io.Writer) (int64, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportHeader()); err != nil {
		return 0, err
	}
	store := creator.NewStore(nil)
	lq.Limit, lq.Cursor = exportPage, ""
	var n int64
	for {
		page, err := store.List(ctx, q, brandID, lq)
		if err != nil {
			return n, err
		}
		for i := range page.Items {
			for _, rec := range exportRecords(&page.Items[i]) {
				if err := cw.Write(rec); err != nil {
					return n, err
				}
			}
			n++
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return n, err
		}
		if f, ok := w.(interface{ Flush() }); ok {
			f.Flush()
		}
		if page.NextCursor == "" {
			return n, nil
		}
		lq.Cursor = page.NextCursor
	}
}

// exportRecords is one creator's line. The first account of each
// platform fills that platform's columns; a further account goes in the
// generic columns as its profile URL, and any beyond that on extra lines
// that repeat one account as the key, which the importer merges into
// the same creator.
func exportRecords(c *creator.Creator) [][]string {
	width := len(ExportHeader())
	rec := make([]string, width)
	// Every text cell is defused (csvsafe), not only the free text: an
	// email address may begin with "=" and hold a formula, a handle may
	// begin with "-". The importer undoes it, so the file reads back.
	copy(rec, []string{defuse(c.DisplayName), defuse(c.Email), defuse(c.Country), defuse(strings.Join(c.Languages, ", ")),
		defuse(strings.Join(c.Tags, ", ")), defuse(c.Stage), defuse(c.Notes)})
	col := map[string]int{}
	for i, p := range creator.Platforms {
		col[p] = 7 + 3*i
	}
	var extra []creator.SocialAccount
	keyCol, keyHandle := -1, ""
	for _, a := range c.SocialAccounts {
		i, ok := col[a.Platform]
		if !ok || rec[i] != "" {
			extra = append(extra, a)
			continue
		}
		rec[i], rec[i+1], rec[i+2] = defuse(a.Handle), metric(a.Followers), rate(a.EngagementRate)
		if keyCol < 0 {
			keyCol, keyHandle = i, defuse(a.Handle)
		}
	}
	out := [][]string{rec}
	for i, a := range extra {
		r := rec
		if i > 0 {
			r = make([]string, width)
			r[keyCol] = keyHandle
			out = append(out, r)
		}
		r[width-3], r[width-2], r[width-1] = defuse(a.ProfileURL), metric(a.Followers), rate(a.EngagementRate)
	}
	return out
}

func metric(n int64) string { return strconv.FormatInt(n, 10) }

// rate writes the shortest form that parses back to the same float.
func rate(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
