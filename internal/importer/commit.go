package importer

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// writeAll processes the batches in transactions of several batches
// (commitRows, commitAfter), each batch checkpointed inside its
// transaction, and reports them committed after each commit.
func (e *engine) writeAll(ctx context.Context, batches <-chan *batch) error {
	for more := true; more; {
		var done []*batch
		err := e.d.InTx(ctx, func(tx *db.Tx) error {
			if err := e.w.begin(ctx, tx); err != nil {
				return err
			}
			// The deadline also bounds the wait for a slow parser, so the
			// transaction (on SQLite, the writer lock) is never held idle.
			deadline := time.NewTimer(commitAfter)
			defer deadline.Stop()
			for rows := 0; rows < e.o.CommitRows; {
				var b *batch
				select {
				case b, more = <-batches:
				case <-deadline.C:
					return nil
				}
				if !more {
					return nil
				}
				if err := e.process(ctx, tx, b); err != nil {
					return err
				}
				done = append(done, b)
				rows += int(b.delta.Rows)
			}
			return nil
		})
		e.w.restore(ctx, e.d)
		if err != nil {
			e.inTx = e.counts
			return err
		}
		for _, b := range done {
			e.committed(b)
		}
		if err := e.analyzeLookups(ctx); err != nil {
			return err
		}
	}
	return e.analyzeAll(ctx)
}
