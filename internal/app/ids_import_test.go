package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/importer"
)

func init() {
	idMakers["/imports/"] = newImport
	idMakers["/api/v1/imports/"] = newImport
}

// newImport stores a queued import of a one-row file in the world's brand.
func newImport(t *testing.T, env *apptest.Env, w *apptest.World) int64 {
	var id int64
	err := env.DB.InTx(context.Background(), func(tx *db.Tx) error {
		var err error
		id, err = importer.Enqueue(context.Background(), tx, w.Brand.ID, 0, "fixture.csv",
			strings.NewReader("instagram\nfixture\n"), nil, env.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
