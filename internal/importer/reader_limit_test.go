package importer

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// One record may not be larger than MaxRecordBytes: the CSV reader holds
// a whole record (and its fields again) in memory, so a file of one
// 500 MB quoted cell, which the upload limit lets through, took the
// server's memory with it, and as a job it would do so again on every
// retry. Such a file is refused with ErrRecordTooLong; records up to the
// limit read as before.
func TestReaderRefusesAnOversizedRecord(t *testing.T) {
	read := func(cell string) error {
		rd, err := NewReader(strings.NewReader("name,instagram\n\"" + cell + "\",ok_handle\nsecond,other_handle\n"))
		if err != nil {
			return err
		}
		for {
			_, _, err := rd.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
		}
	}
	if err := read(strings.Repeat("a", MaxRecordBytes-1000)); err != nil {
		t.Errorf("a record just under the limit: %v", err)
	}
	if err := read(strings.Repeat("a\n", 2*MaxRecordBytes)); !errors.Is(err, ErrRecordTooLong) {
		t.Errorf("a record of %d bytes: %v, want ErrRecordTooLong", 4*MaxRecordBytes, err)
	}
}

// A stored import with such a record ends failed, saying why, instead of
// failing the job to be retried (and read again) by the queue.
func TestImportJobWithAnOversizedRecordFails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		b := newBrand(t, d, "oversized")
		file := "name,instagram\nfirst,first_handle\n\"" + strings.Repeat("x", 2*MaxRecordBytes) + "\",big\n"
		var id int64
		err := d.InTx(ctx, func(tx *db.Tx) error {
			var err error
			id, err = Enqueue(ctx, tx, b, 0, "big.csv", strings.NewReader(file), nil, testNow)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := RunStored(ctx, d, b, id, JobOptions{Now: func() time.Time { return testNow }}); err != nil {
			t.Fatalf("run: %v, want the import closed as failed", err)
		}
		im, err := GetImport(ctx, d, b, id)
		if err != nil || im.Status != StatusFailed || !strings.Contains(im.Error, "longer than") {
			t.Fatalf("import %+v %v, want failed for its oversized record", im, err)
		}
	})
}
