package api

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/rosterhq/roster/internal/apperr"
)

func TestIDPage(t *testing.T) {
	var errs apperr.Fields
	if limit, cursor := IDPage(url.Values{}, 50, 200, &errs); limit != 50 || cursor != 0 || len(errs) != 0 {
		t.Errorf("defaults: %d %d %v", limit, cursor, errs)
	}
	if limit, cursor := IDPage(url.Values{"limit": {"7"}, "cursor": {"42"}}, 50, 200, &errs); limit != 7 || cursor != 42 || len(errs) != 0 {
		t.Errorf("given: %d %d %v", limit, cursor, errs)
	}
	IDPage(url.Values{"limit": {"201"}, "cursor": {"x"}}, 50, 200, &errs)
	if !errs.Has("limit") || !errs.Has("cursor") || errs[0].Message != "Send a limit from 1 to 200." {
		t.Errorf("refusals: %v", errs)
	}
}

func TestIDPagedNeverNull(t *testing.T) {
	id := func(n int) int64 { return int64(n) }
	if b, _ := json.Marshal(IDPaged[int](nil, 10, id)); string(b) != `{"data":[],"next_cursor":""}` {
		t.Errorf("empty page: %s", b)
	}
	page := IDPaged([]int{9, 8, 7}, 2, id)
	if len(page.Data) != 2 || page.NextCursor != "8" {
		t.Errorf("page %+v", page)
	}
}
