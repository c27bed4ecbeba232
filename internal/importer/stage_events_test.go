package importer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/stages"
)

// stageEventRows lists a brand's stage events, oldest first, as
// "creator from>to actor reason".
func stageEventRows(t testing.TB, d *db.DB, brandID int64) []string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), `SELECT creator_id, from_stage, to_stage, COALESCE(actor_user_id, 0), actor_label, reason, at
		FROM creator_stage_events WHERE brand_id = ? ORDER BY id`, brandID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, user, at int64
		var from, to, actor, reason string
		if err := rows.Scan(&id, &from, &to, &user, &actor, &reason, &at); err != nil {
			t.Fatal(err)
		}
		if at != testNow.UnixMilli() {
			t.Fatalf("event at %d, want %d", at, testNow.UnixMilli())
		}
		out = append(out, fmt.Sprintf("%d %s>%s %d:%s %s", id, from, to, user, actor, reason))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// An import records one stage event per creator it creates and per
// stage it changes, with its actor and reason; re-importing the same
// file records none.
func TestImportRecordsStageChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "events")
		cli := auth.NewPrincipal(auth.Principal{TokenName: "cli"}, nil)
		as := func(reason string) func(*Options) {
			return func(o *Options) { o.Actor, o.Reason = cli, reason }
		}
		run(t, d, b, "name,instagram\nOld,old\nKept,kept\n", as("import first.csv"))
		old, kept := byHandle(t, d, b, "instagram", "old"), byHandle(t, d, b, "instagram", "kept")
		before := len(stageEventRows(t, d, b))
		if before != 2 {
			t.Fatalf("first import: %d events, want 2", before)
		}

		file := "name,instagram,stage\nOld,old,approved\nKept,kept,prospect\nNew A,a,\nNew B,b,invited\n"
		wantCounts(t, run(t, d, b, file, as("import second.csv")).Counts, 4, 2, 1, 1, 0)
		a, bb := byHandle(t, d, b, "instagram", "a"), byHandle(t, d, b, "instagram", "b")
		got := stageEventRows(t, d, b)[before:]
		slices.Sort(got)
		want := []string{
			fmt.Sprintf("%d prospect>approved 0:token:cli import second.csv", old.ID),
			fmt.Sprintf("%d >prospect 0:token:cli import second.csv", a.ID),
			fmt.Sprintf("%d >invited 0:token:cli import second.csv", bb.ID),
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// What the creator's history shows.
		h, err := stages.History(context.Background(), d, b, old.ID, 10)
		if err != nil || len(h) != 2 || h[0].From != "prospect" || h[0].To != "approved" || h[0].Actor != "token:cli" ||
			h[0].ActorUserID != nil || h[0].Reason != "import second.csv" {
			t.Fatalf("history of %d: %+v %v", old.ID, h, err)
		}
		if h, _ := stages.History(context.Background(), d, b, kept.ID, 10); len(h) != 1 {
			t.Fatalf("unchanged creator has %d events", len(h))
		}

		wantCounts(t, run(t, d, b, file, as("import second.csv")).Counts, 4, 0, 0, 4, 0)
		if n := len(stageEventRows(t, d, b)); n != before+3 {
			t.Fatalf("re-import: %d events, want %d", n, before+3)
		}
	})
}
