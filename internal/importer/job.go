package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/jobs"
)

// JobKind is the job that runs a stored import.
const JobKind = "import.creators"

type jobPayload struct {
	ImportID int64 `json:"import_id"`
	BrandID  int64 `json:"brand_id"`
}

// jobActor is the audit actor of imports run by the queue.
var jobActor = auth.NewPrincipal(auth.Principal{TokenName: "import job"}, nil)

// RegisterJobs adds the import handler to the queue.
func RegisterJobs(q *jobs.Queue, d *db.DB) {
	q.Register(JobKind, func(ctx context.Context, j jobs.Job) error {
		var p jobPayload
		if err := j.Decode(&p); err != nil {
			return jobs.Permanent(err)
		}
		return RunStored(ctx, d, p.BrandID, p.ImportID, JobOptions{})
	})
}

// JobOptions tune a stored run (tests stop one after a few batches).
type JobOptions struct {
	Batch      int
	CommitRows int // see Options.CommitRows
	OnBatch    func(Progress)
	Now        func() time.Time
}

// RunStored runs (or resumes) a stored import: it skips the rows its
// last committed batch reached, and each batch commits its rows, its
// problems and the new progress together, so a restart neither repeats
// nor loses a row.
func RunStored(ctx context.Context, d *db.DB, brandID, id int64, jo JobOptions) error {
	if jo.Now == nil {
		jo.Now = time.Now
	}
	im, err := GetImport(ctx, d, brandID, id)
	if err != nil {
		return jobs.Permanent(err)
	}
	if im.Status == StatusDone || im.Status == StatusFailed {
		return nil
	}
	var o Overrides
	_ = json.Unmarshal([]byte(im.overrides), &o)
	if _, err := d.ExecContext(ctx, `UPDATE imports SET status = ?, started_at = COALESCE(started_at, ?), updated_at = ? WHERE id = ?`,
		StatusRunning, jo.Now().UnixMilli(), jo.Now().UnixMilli(), id); err != nil {
		return err
	}
	resume := &Progress{Counts: im.Counts, Bytes: im.BytesDone}
	problems := newTable("import_problems", "import_id line col value kind message_key message_args message")
	actor, err := importActor(ctx, d, brandID, id)
	if err != nil {
		return err
	}
	opts := Options{BrandID: brandID, Source: SourceOf(im), Actor: actor, Reason: fmt.Sprint("import ", id), Overrides: o, Resume: resume, Batch: jo.Batch, CommitRows: jo.CommitRows, Now: jo.Now,
		Checkpoint: func(ctx context.Context, tx *db.Tx, p Progress, ps []Problem) error {
			for _, pr := range ps {
				args, _ := json.Marshal(pr.Args)
				problems.add(id, pr.Line, pr.Column, pr.Value, pr.Kind, pr.Key, string(args), pr.Message)
			}
			if err := problems.flush(ctx, tx); err != nil {
				return err
			}
			c := p.Counts
			_, err := tx.ExecContext(ctx, `UPDATE imports SET rows_read = ?, created = ?, updated = ?, unchanged = ?, failed = ?,
				warnings = ?, merged = ?, bytes_done = ?, updated_at = ? WHERE id = ?`,
				c.Rows, c.Created, c.Updated, c.Unchanged, c.Failed, c.Warnings, c.Merged, p.Bytes, jo.Now().UnixMilli(), id)
			return err
		},
		OnBatch: func(p Progress, _ []Problem) {
			if jo.OnBatch != nil {
				jo.OnBatch(p)
			}
		}}
	res, err := Run(ctx, d, &chunkReader{ctx: ctx, q: d, id: id}, opts)
	if errors.Is(err, ErrNoHeader) || errors.Is(err, ErrNoHandleColumn) || errors.Is(err, ErrRecordTooLong) {
		return finish(ctx, d, brandID, id, StatusFailed, err.Error(), Counts{}, jo.Now())
	}
	if err != nil {
		return err // retried by the queue, resuming from the checkpoint
	}
	return finish(ctx, d, brandID, id, StatusDone, "", res.Counts, jo.Now())
}

// importActor is who stage changes of a stored import are recorded as:
// the user who uploaded it, or the job when there is none (the API's
// tokens, a user since deleted).
func importActor(ctx context.Context, q db.Querier, brandID, id int64) (*auth.Principal, error) {
	u := &auth.User{}
	err := q.QueryRowContext(ctx, `SELECT u.id, u.email, u.name FROM imports i JOIN users u ON u.id = i.created_by
		WHERE i.brand_id = ? AND i.id = ?`, brandID, id).Scan(&u.ID, &u.Email, &u.Name)
	if db.IsNoRows(err) {
		return jobActor, nil
	}
	if err != nil {
		return nil, err
	}
	return auth.NewPrincipal(auth.Principal{User: u, BrandID: brandID}, nil), nil
}

// finish closes an import, drops its stored file, and records its one
// audit event (counts, not a row per creator: see docs/performance.md).
func finish(ctx context.Context, d *db.DB, brandID, id int64, status, msg string, c Counts, now time.Time) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE imports SET status = ?, error = ?, finished_at = ?, updated_at = ? WHERE id = ?`,
			status, msg, now.UnixMilli(), now.UnixMilli(), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM import_chunks WHERE import_id = ?`, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, jobActor, brandID, "import", "import", fmt.Sprint(id), map[string]audit.Change{
			"status": {To: status}, "rows": {To: c.Rows}, "created": {To: c.Created}, "updated": {To: c.Updated},
			"unchanged": {To: c.Unchanged}, "failed": {To: c.Failed}}, now)
	})
}

// Enqueue stores an upload as a queued import and its job, in tx.
func Enqueue(ctx context.Context, tx *db.Tx, brandID, userID int64, name string, file interface{ Read([]byte) (int, error) }, o Overrides, now time.Time) (int64, error) {
	id, err := createImport(ctx, tx, brandID, userID, name, file, o, now)
	if err != nil {
		return 0, err
	}
	_, err = jobs.Enqueue(ctx, tx, JobKind, jobPayload{ImportID: id, BrandID: brandID}, jobs.MaxAttempts(20))
	return id, err
}
