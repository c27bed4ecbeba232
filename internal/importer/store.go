package importer

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Import statuses.
const (
	StatusQueued  = "queued"
	StatusRunning = "running"
	StatusDone    = "done"
	StatusFailed  = "failed"
)

// chunkSize is how much of an upload one import_chunks row holds.
const chunkSize = 1 << 20

// Import is one import as its status page and the API show it.
type Import struct {
	ID         int64      `json:"id"`
	Kind       string     `json:"kind"`
	FileName   string     `json:"file_name"`
	FileSize   int64      `json:"file_size"`
	Status     string     `json:"status"`
	Counts     Counts     `json:"counts"`
	BytesDone  int64      `json:"bytes_done"`
	Error      string     `json:"error"`
	CreatedAt  time.Time  `json:"created_at"`
	StartedAt  *time.Time `json:"started_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	FinishedAt *time.Time `json:"finished_at"`
	overrides  string
}

// Rate is rows per second since the import started.
func (im *Import) Rate(now time.Time) float64 {
	if im.StartedAt == nil {
		return 0
	}
	end := now
	if im.FinishedAt != nil {
		end = *im.FinishedAt
	}
	secs := end.Sub(*im.StartedAt).Seconds()
	if secs <= 0 {
		return 0
	}
	return float64(im.Counts.Rows) / secs
}

// ETA estimates the time left from the share of the file read so far.
func (im *Import) ETA(now time.Time) time.Duration {
	if im.Status != StatusRunning || im.StartedAt == nil || im.BytesDone <= 0 || im.FileSize <= 0 {
		return 0
	}
	elapsed := now.Sub(*im.StartedAt)
	left := float64(im.FileSize-im.BytesDone) / float64(im.BytesDone)
	return time.Duration(float64(elapsed) * max(left, 0)).Round(time.Second)
}

// Percent is the share of the file read.
func (im *Import) Percent() int64 {
	if im.Status == StatusDone {
		return 100
	}
	if im.FileSize <= 0 {
		return 0
	}
	return min(100, im.BytesDone*100/im.FileSize)
}

var errImportNotFound = apperr.New(apperr.NotFound, "import not found")

// createImport stores an upload and its import row (queued) in tx.
func createImport(ctx context.Context, tx *db.Tx, brandID, userID int64, name string, file io.Reader, o Overrides, now time.Time) (int64, error) {
	mapping, _ := json.Marshal(o)
	var creator any
	if userID != 0 {
		creator = userID
	}
	ms := now.UnixMilli()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO imports (brand_id, kind, file_name, mapping, status, created_by, created_at, updated_at)
		VALUES (?, 'creators', ?, ?, ?, ?, ?, ?) RETURNING id`, brandID, name, string(mapping), StatusQueued, creator, ms, ms).Scan(&id)
	if err != nil {
		return 0, err
	}
	buf := make([]byte, chunkSize)
	var size int64
	for seq := 0; ; seq++ {
		n, rerr := io.ReadFull(file, buf)
		if n > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO import_chunks (import_id, seq, data) VALUES (?, ?, ?)`, id, seq, buf[:n]); err != nil {
				return 0, err
			}
			size += int64(n)
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return 0, rerr
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE imports SET file_size = ? WHERE id = ?`, size, id)
	return id, err
}

const importColumns = `id, kind, file_name, file_size, mapping, status, rows_read, created, updated, unchanged, failed, warnings,
	merged, bytes_done, error, created_at, started_at, updated_at, finished_at`

// GetImport returns one import of the brand, or NotFound.
func GetImport(ctx context.Context, q db.Querier, brandID, id int64) (*Import, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+importColumns+` FROM imports WHERE brand_id = ? AND id = ?`, brandID, id)
	if err != nil {
		return nil, err
	}
	list, err := scanImports(rows)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errImportNotFound
	}
	return &list[0], nil
}

// ListImports returns the brand's latest imports, newest first.
func ListImports(ctx context.Context, q db.Querier, brandID int64, limit int) ([]Import, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+importColumns+` FROM imports WHERE brand_id = ? ORDER BY id DESC LIMIT ?`, brandID, limit)
	if err != nil {
		return nil, err
	}
	return scanImports(rows)
}

func scanImports(rows *sql.Rows) ([]Import, error) {
	defer rows.Close()
	var out []Import
	for rows.Next() {
		var im Import
		var created, updated int64
		var started, finished sql.NullInt64
		c := &im.Counts
		if err := rows.Scan(&im.ID, &im.Kind, &im.FileName, &im.FileSize, &im.overrides, &im.Status, &c.Rows, &c.Created, &c.Updated,
			&c.Unchanged, &c.Failed, &c.Warnings, &c.Merged, &im.BytesDone, &im.Error, &created, &started, &updated, &finished); err != nil {
			return nil, err
		}
		im.CreatedAt, im.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
		im.StartedAt, im.FinishedAt = optMillis(started), optMillis(finished)
		out = append(out, im)
	}
	return out, rows.Err()
}

func optMillis(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.UnixMilli(v.Int64).UTC()
	return &t
}
