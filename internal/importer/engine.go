package importer

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/stages"
)

// DefaultBatch is how many rows go to the database together.
const DefaultBatch = 5000

// A transaction takes batches until it holds commitRows rows or has been
// open commitAfter: on SQLite each commit rewrites every index page the
// batch touched into the WAL, so commits every 5,000 rows cost more than
// the inserts; the time bound keeps progress visible and the writer lock
// short enough for the rest of the application.
const (
	commitRows  = 50000
	commitAfter = 2 * time.Second
)

// Counts are an import's accounting: every row read ends in exactly one
// of created, updated, unchanged or failed. Warnings and Merged count
// rows that were stored with a note (a location without a country; a
// creator already seen earlier in the file) and overlap the others.
type Counts struct {
	Rows      int64 `json:"rows"`
	Created   int64 `json:"created"`
	Updated   int64 `json:"updated"`
	Unchanged int64 `json:"unchanged"`
	Failed    int64 `json:"failed"`
	Warnings  int64 `json:"warnings"`
	Merged    int64 `json:"merged"`
}

// Progress is where an import stands after a committed batch.
type Progress struct {
	Counts
	Bytes int64 // of the file consumed
}

// Options configure a run.
type Options struct {
	BrandID int64
	Source  string // account metrics source, "import:<file name>"
	// Actor and Reason are recorded with each stage change the import
	// makes (creators it creates, stages it changes): the import's author
	// and "import <id or file name>". A nil Actor is "system".
	Actor     *auth.Principal
	Reason    string
	Overrides Overrides
	DryRun    bool // run everything in a transaction that is rolled back
	Batch     int  // rows per batch; 0 means DefaultBatch
	// CommitRows: a transaction takes whole batches until it holds this
	// many rows (or has been open commitAfter); 0 means commitRows.
	CommitRows int
	Preview    int // rows to keep as stored, for a dry run's preview
	// Resume skips rows an interrupted run already committed, starting
	// from its counts.
	Resume *Progress
	Now    func() time.Time
	// Checkpoint runs inside each batch's transaction, after its writes:
	// where a job saves progress and problems so a restart resumes
	// exactly after the last committed batch.
	Checkpoint func(ctx context.Context, tx *db.Tx, p Progress, problems []Problem) error
	// OnBatch runs after each batch commits (progress bars, error files).
	OnBatch func(p Progress, problems []Problem)
}

// PreviewRow is a row as it will be stored.
type PreviewRow struct {
	Line    int64           `json:"line"`
	Outcome string          `json:"outcome"` // created, updated, unchanged, failed
	Creator creator.Creator `json:"creator"`
}

// Result is a finished run.
type Result struct {
	Mapping  Mapping
	Counts   Counts
	Preview  []PreviewRow
	Problems []Problem // the first maxKeptProblems
}

const maxKeptProblems = 1000

var errDryRun = errors.New("dry run: rolled back")

// Run imports creators from r into the brand. Bad rows are reported and
// never stop the run; an error means the import itself failed (the
// database, a cancelled context), after the batches already committed.
func Run(ctx context.Context, d *db.DB, r io.Reader, o Options) (*Result, error) {
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.CommitRows <= 0 {
		o.CommitRows = commitRows
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	m := Detect(rd.Header(), o.Overrides)
	res := &Result{Mapping: m}
	if !m.Usable() {
		return res, ErrNoHandleColumn
	}
	e := newEngine(d, o, res)
	if e.w.bulkRole, err = bulkRoleAllowed(ctx, d); err != nil {
		return nil, err
	}
	if e.stages, err = stages.Keys(ctx, d, o.BrandID); err != nil {
		return nil, err
	}
	batches := make(chan *batch, 2)
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	parseErr := make(chan error, 1)
	go func() { parseErr <- parse(pctx, rd, m, o, &e.prepare, batches) }()
	if o.DryRun {
		err = d.InTx(ctx, func(tx *db.Tx) error {
			if err := e.w.begin(ctx, tx); err != nil {
				return err
			}
			for b := range batches {
				if err := e.process(ctx, tx, b); err != nil {
					return err
				}
				e.committed(b)
			}
			return errDryRun
		})
		e.w.restore(ctx, d)
		if errors.Is(err, errDryRun) {
			err = nil
		}
	} else {
		err = e.writeAll(ctx, batches)
	}
	cancel()
	for range batches { // let the parser finish after an error
	}
	if perr := <-parseErr; err == nil && perr != nil && !errors.Is(perr, context.Canceled) {
		err = perr
	}
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// ErrNoHandleColumn means no column identifies creators.
var ErrNoHandleColumn = errors.New("no column holds handles or profile URLs: name one with a mapping (for example \"IG=instagram\")")
