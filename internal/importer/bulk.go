package importer

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rosterhq/roster/internal/db"
)

// sqliteMaxVars stays under SQLite's limit on bound values per statement.
const sqliteMaxVars = 32000

// table is a multi-row insert: on SQLite, INSERT … VALUES (…), (…); on
// PostgreSQL one INSERT … SELECT FROM unnest(typed arrays), which binds
// one array per column however many rows there are.
type table struct {
	name    string
	columns []string
	types   []string // PostgreSQL array element types: bigint, text, float8
	rows    int
	cols    [][]any // values by column
	// full is the SQLite statement for a chunk of the most rows one
	// statement may bind, prepared in the current transaction (see
	// writer.begin, which forgets it for each transaction).
	full *sql.Stmt
}

func newTable(name, columns, types string) *table {
	t := &table{name: name, columns: strings.Fields(columns), types: strings.Fields(types)}
	t.cols = make([][]any, len(t.columns))
	return t
}

func (t *table) add(values ...any) {
	for i, v := range values {
		t.cols[i] = append(t.cols[i], v)
	}
	t.rows++
}

// flush writes the buffered rows and empties the buffer.
func (t *table) flush(ctx context.Context, tx *db.Tx) error {
	if t.rows == 0 {
		return nil
	}
	defer t.reset()
	prefix := "INSERT INTO " + t.name + " (" + strings.Join(t.columns, ", ") + ") "
	if tx.Dialect() == db.Postgres {
		arrays := make([]string, len(t.columns))
		args := make([]any, len(t.columns))
		for j, typ := range t.types {
			arrays[j] = "?::" + typ + "[]"
			args[j] = typedColumn(typ, t.cols[j])
		}
		_, err := tx.ExecContext(ctx, prefix+"SELECT * FROM unnest("+strings.Join(arrays, ", ")+")", args...)
		return err
	}
	var err error
	per := sqliteMaxVars / len(t.columns)
	row := "(" + db.Placeholders(len(t.columns)) + ")"
	args := make([]any, 0, min(per, t.rows)*len(t.columns))
	for start := 0; start < t.rows; start += per {
		n := min(per, t.rows-start)
		args = args[:0]
		for i := start; i < start+n; i++ {
			for j := range t.columns {
				args = append(args, t.cols[j][i])
			}
		}
		query := func() string { return prefix + "VALUES " + strings.Repeat(row+", ", n-1) + row }
		if n < per {
			if _, err = tx.ExecContext(ctx, query(), args...); err != nil {
				return err
			}
			continue
		}
		// A full chunk's statement is prepared once per transaction
		// (compiling 32,000 placeholders was 6% of an import's CPU profile).
		if t.full == nil {
			if t.full, err = tx.PrepareContext(ctx, query()); err != nil {
				return err
			}
		}
		if _, err = t.full.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

func (t *table) reset() {
	t.rows = 0
	for j := range t.cols {
		t.cols[j] = t.cols[j][:0]
	}
}

// typedColumn turns a column of values into the slice pgx sends as an
// array of that type.
func typedColumn(typ string, col []any) any {
	switch typ {
	case "bigint":
		out := make([]int64, len(col))
		for i, v := range col {
			out[i] = v.(int64)
		}
		return out
	case "float8":
		out := make([]float64, len(col))
		for i, v := range col {
			out[i] = v.(float64)
		}
		return out
	}
	out := make([]string, len(col))
	for i, v := range col {
		out[i] = v.(string)
	}
	return out
}
