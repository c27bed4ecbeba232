package importer

import (
	"context"
	"io"

	"github.com/rosterhq/roster/internal/db"
)

// chunkReader reads a stored upload back one chunk at a time, so any node
// can run the import and memory holds one chunk.
type chunkReader struct {
	ctx  context.Context
	q    db.Querier
	id   int64
	seq  int
	buf  []byte
	done bool
}

func (r *chunkReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.done {
			return 0, io.EOF
		}
		var data []byte
		err := r.q.QueryRowContext(r.ctx, `SELECT data FROM import_chunks WHERE import_id = ? AND seq = ?`, r.id, r.seq).Scan(&data)
		if db.IsNoRows(err) {
			r.done = true
			continue
		}
		if err != nil {
			return 0, err
		}
		r.buf, r.seq = data, r.seq+1
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}
