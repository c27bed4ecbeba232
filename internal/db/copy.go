package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// CopyFrom writes n rows into table with PostgreSQL's binary COPY, inside
// the transaction; row(i) gives the values of row i in the order of
// columns. For bulk writes: the server reads typed values straight into
// the table, with none of the work of an INSERT's parameters and plan
// (the importer's creators cost the server about 10% less than through
// INSERT … SELECT FROM unnest(arrays), and the client a quarter).
// PostgreSQL only.
func (t *Tx) CopyFrom(ctx context.Context, table string, columns []string, n int, row func(i int) ([]any, error)) error {
	if t.conn == nil {
		return errors.New("copy: only in a PostgreSQL transaction")
	}
	return t.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy: unexpected driver connection %T", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromSlice(n, row))
		return err
	})
}
