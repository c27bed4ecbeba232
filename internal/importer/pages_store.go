package importer

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/jobs"
)

// StatusPreview is an upload from the Imports page waiting for its
// person to check the preview and start it; it has no job yet.
const StatusPreview = "preview"

// previewRows is how many rows a preview page checks: enough to show the
// mapping's effect and the typical problems, cheap on any file size.
const previewRows = 2000

// storePreview stores an upload as an import not yet started.
func storePreview(ctx context.Context, tx *db.Tx, brandID, userID int64, name string, file io.Reader, o Overrides, now time.Time) (int64, error) {
	id, err := createImport(ctx, tx, brandID, userID, name, file, o, now)
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE imports SET status = ? WHERE id = ?`, StatusPreview, id)
	return id, err
}

var errNotPreview = apperr.New(apperr.Conflict, "this import has already been started")

// saveOverrides replaces a previewed import's mapping overrides.
func saveOverrides(ctx context.Context, tx *db.Tx, brandID, id int64, o Overrides, now time.Time) error {
	mapping, _ := json.Marshal(o)
	res, err := tx.ExecContext(ctx, `UPDATE imports SET mapping = ?, updated_at = ? WHERE brand_id = ? AND id = ? AND status = ?`,
		string(mapping), now.UnixMilli(), brandID, id, StatusPreview)
	return onePreview(res, err)
}

// startPreview queues a previewed import's job, the same job an API
// upload gets.
func startPreview(ctx context.Context, tx *db.Tx, brandID, id int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE imports SET status = ?, updated_at = ? WHERE brand_id = ? AND id = ? AND status = ?`,
		StatusQueued, now.UnixMilli(), brandID, id, StatusPreview)
	if err := onePreview(res, err); err != nil {
		return err
	}
	_, err = jobs.Enqueue(ctx, tx, JobKind, jobPayload{ImportID: id, BrandID: brandID}, jobs.MaxAttempts(20))
	return err
}

func onePreview(res interface{ RowsAffected() (int64, error) }, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errors.Join(err, errNotPreview)
	}
	return nil
}

// storedHeaders reads a stored upload's header line.
func storedHeaders(ctx context.Context, d *db.DB, id int64) ([]string, error) {
	rd, err := NewReader(&chunkReader{ctx: ctx, q: d, id: id})
	if err != nil {
		return nil, err
	}
	return rd.Header(), nil
}

// previewStored dry-runs the first rows of a stored upload with its
// overrides; partial says the file has more rows than were checked.
func previewStored(ctx context.Context, d *db.DB, brandID int64, im *Import) (res *Result, partial bool, err error) {
	var o Overrides
	_ = json.Unmarshal([]byte(im.overrides), &o)
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	res, err = Run(stop, d, &chunkReader{ctx: stop, q: d, id: im.ID}, Options{BrandID: brandID, Source: SourceOf(im),
		Overrides: o, DryRun: true, Batch: previewRows, Preview: 20,
		OnBatch: func(p Progress, _ []Problem) {
			partial = p.Bytes < im.FileSize
			cancel() // one batch is the preview
		}})
	if errors.Is(err, context.Canceled) && ctx.Err() == nil {
		err = nil
	}
	return res, partial, err
}

// Author names who started each of the brand's latest imports.
func importAuthors(ctx context.Context, q db.Querier, brandID int64, limit int) (map[int64]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT i.id, u.name, u.email FROM imports i JOIN users u ON u.id = i.created_by
		WHERE i.brand_id = ? ORDER BY i.id DESC LIMIT ?`, brandID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name, email string
		if err := rows.Scan(&id, &name, &email); err != nil {
			return nil, err
		}
		out[id] = name
		if name == "" {
			out[id] = email
		}
	}
	return out, rows.Err()
}

// importAuthor names who started one import ("" for the API or CLI
// without a person).
func importAuthor(ctx context.Context, q db.Querier, brandID, id int64) (string, error) {
	var name, email string
	err := q.QueryRowContext(ctx, `SELECT u.name, u.email FROM imports i JOIN users u ON u.id = i.created_by
		WHERE i.brand_id = ? AND i.id = ?`, brandID, id).Scan(&name, &email)
	if db.IsNoRows(err) {
		return "", nil
	}
	if name == "" {
		name = email
	}
	return name, err
}

// storedProblems are an import's first problems, with their catalogue
// keys so the page shows them in the viewer's language.
func storedProblems(ctx context.Context, q db.Querier, importID int64, limit int) ([]Problem, error) {
	rows, err := q.QueryContext(ctx, `SELECT line, col, value, kind, message_key, message_args, message FROM import_problems
		WHERE import_id = ? ORDER BY id LIMIT ?`, importID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var p Problem
		var args string
		if err := rows.Scan(&p.Line, &p.Column, &p.Value, &p.Kind, &p.Key, &args, &p.Message); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(args), &p.Args)
		out = append(out, p)
	}
	return out, rows.Err()
}
