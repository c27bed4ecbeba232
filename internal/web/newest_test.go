package web

import (
	"net/http/httptest"
	"testing"
)

func TestNewestFirstPaging(t *testing.T) {
	page := PageBefore(httptest.NewRequest("GET", "/audit?before=90", nil), 3)
	if page.Before != 90 || page.Fetch() != 4 {
		t.Fatalf("page %+v fetch %d", page, page.Fetch())
	}
	id := func(v int64) int64 { return v }
	rows, next := Trim(page, []int64{89, 88, 87, 86}, id)
	if len(rows) != 3 || next != 87 {
		t.Errorf("full page: %v next %d, want 3 rows and next 87", rows, next)
	}
	rows, next = Trim(page, []int64{89, 88}, id)
	if len(rows) != 2 || next != 0 {
		t.Errorf("last page: %v next %d, want 2 rows and no next", rows, next)
	}
	if p := PageBefore(httptest.NewRequest("GET", "/audit?before=junk", nil), 3); p.Before != 0 {
		t.Errorf("junk before = %d", p.Before)
	}
}
