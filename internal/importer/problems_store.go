package importer

import (
	"context"
	"io"

	"github.com/rosterhq/roster/internal/db"
)

// WriteStoredProblems streams an import's problems as the errors CSV, in
// pages by id so a file with many bad rows never sits in memory.
func WriteStoredProblems(ctx context.Context, q db.Querier, importID int64, w io.Writer) error {
	pw, err := NewProblemsWriter(w)
	if err != nil {
		return err
	}
	after := int64(0)
	for {
		rows, err := q.QueryContext(ctx, `SELECT id, line, col, value, kind, message FROM import_problems
			WHERE import_id = ? AND id > ? ORDER BY id LIMIT 5000`, importID, after)
		if err != nil {
			return err
		}
		var page []Problem
		for rows.Next() {
			var p Problem
			if err := rows.Scan(&after, &p.Line, &p.Column, &p.Value, &p.Kind, &p.Message); err != nil {
				rows.Close()
				return err
			}
			page = append(page, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		if err := pw.Write(page); err != nil {
			return err
		}
	}
}
