package importer

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"sync/atomic"
)

// batch is a run of parsed rows and how far into the file they reach.
type batch struct {
	rows     []Row
	bytes    int64
	delta    Counts
	problems []Problem
	preview  []PreviewRow
	progress Progress // after this batch, set when processed
}

// parse reads the file into batches of rows, concurrently with the
// writer. Fully blank records are skipped and not counted. On resume the
// rows already committed are read again but not sent. While prepare is
// set, each usable row also gets the new creator it would make (see
// Row.fresh).
func parse(ctx context.Context, rd *Reader, m Mapping, o Options, prepare *atomic.Bool, out chan<- *batch) error {
	defer close(out)
	var skip int64
	if o.Resume != nil {
		skip = o.Resume.Rows
	}
	b := &batch{}
	for {
		rec, line, err := rd.Next()
		if err == io.EOF {
			break
		}
		var row Row
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			row = Row{Line: line}
			row.fail(problem(line, "", "", "import.problem.csv", "reason", pe.Err.Error()))
		case err != nil:
			return err
		case blank(rec):
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if err == nil {
			row = ParseRow(m, rec, line, o.Source)
			if !row.Failed && prepare.Load() {
				row.fresh = newState(&row)
			}
		}
		b.rows = append(b.rows, row)
		if len(b.rows) == o.Batch {
			b.bytes = rd.Offset()
			select {
			case out <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
			b = &batch{}
		}
	}
	if len(b.rows) > 0 {
		b.bytes = rd.Offset()
		select {
		case out <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
