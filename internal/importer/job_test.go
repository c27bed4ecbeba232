package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// An import stopped after two batches resumes from its checkpoint: no row
// is written twice or lost, and the counts are those of one clean run.
func TestResumeAfterInterruption(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		b := newBrand(t, d, "resume")
		var file strings.Builder
		file.WriteString("name,instagram,followers\n")
		for i := range 23 {
			followers := fmt.Sprint(i * 100)
			if i%7 == 3 {
				followers = "bad"
			}
			fmt.Fprintf(&file, "Creator %d,c%d,%s\n", i, i, followers)
		}
		author, err := auth.CreateUser(ctx, d, "author@example.com", "Author", "", "en", false, testNow)
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		err = d.InTx(ctx, func(tx *db.Tx) error {
			var err error
			id, err = Enqueue(ctx, tx, b, author.ID, "resume.csv", strings.NewReader(file.String()), nil, testNow)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		now := func() time.Time { return testNow }
		stopCtx, stop := context.WithCancel(ctx)
		batches := 0
		err = RunStored(stopCtx, d, b, id, JobOptions{Batch: 5, CommitRows: 5, Now: now, OnBatch: func(Progress) {
			if batches++; batches == 2 {
				stop()
			}
		}})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("stopped run: %v", err)
		}
		im, err := GetImport(ctx, d, b, id)
		if err != nil || im.Status != StatusRunning || im.Counts.Rows != 10 {
			t.Fatalf("after the stop: %+v %v", im, err)
		}
		if err := RunStored(ctx, d, b, id, JobOptions{Batch: 5, Now: now}); err != nil {
			t.Fatal(err)
		}
		im, _ = GetImport(ctx, d, b, id)
		want := Counts{Rows: 23, Created: 20, Failed: 3}
		if im.Status != StatusDone || im.Counts != want {
			t.Fatalf("final: %s %+v, want %+v", im.Status, im.Counts, want)
		}
		if n := countCreators(t, d, b); n != 20 {
			t.Fatalf("%d creators", n)
		}
		// One stage event per created creator, none twice, by the author.
		events := stageEventRows(t, d, b)
		if len(events) != 20 {
			t.Fatalf("%d stage events, want 20:\n%s", len(events), strings.Join(events, "\n"))
		}
		for _, e := range events {
			if _, rest, _ := strings.Cut(e, " "); rest != fmt.Sprintf(">prospect %d:author@example.com import %d", author.ID, id) {
				t.Fatalf("stage event %q", e)
			}
		}
		var problems int
		_ = d.QueryRowContext(ctx, `SELECT count(*) FROM import_problems WHERE import_id = ?`, id).Scan(&problems)
		if problems != 3 {
			t.Fatalf("%d problems stored", problems)
		}
		// Another brand cannot see it.
		other := newBrand(t, d, "other")
		if _, err := GetImport(ctx, d, other, id); err == nil {
			t.Fatal("another brand read the import")
		}
	})
}
