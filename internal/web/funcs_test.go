package web

import (
	"bytes"
	"html/template"
	"testing"
	"time"
)

func TestSharedFuncs(t *testing.T) {
	if got := Day("2026-03-01"); !got.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Day = %v", got)
	}
	if got := Day("1 March"); !got.IsZero() {
		t.Errorf("Day of a non-date = %v; want the zero time", got)
	}
	at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	n := int64(7)
	page := template.Must(template.New("t").Funcs(funcs).Parse(
		`{{(deref .At).Hour}} {{(deref .None).IsZero}} {{deref64 .N}} {{deref64 .NoN}} {{int64 3}} {{join (list "a" "b") ","}} {{(day "2026-03-01").Day}}`))
	var buf bytes.Buffer
	err := page.Execute(&buf, map[string]any{"At": &at, "None": (*time.Time)(nil), "N": &n, "NoN": (*int64)(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if want := "9 true 7 0 3 a,b 1"; buf.String() != want {
		t.Errorf("got %q; want %q", buf.String(), want)
	}
}
