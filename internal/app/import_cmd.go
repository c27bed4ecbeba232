package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/importer"
)

// repeated collects a flag given several times (--map).
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ", ") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// ImportCreators runs `roster import creators FILE --brand SLUG [--dry-run]
// [--errors OUT.csv] [--json] [--map "Col=field"]… [--progress]` with the
// same engine as the server's import jobs. Bad rows are reported, not
// fatal: the exit status says only whether the import itself ran.
func ImportCreators(ctx context.Context, args []string, s IO) error {
	fs := flag.NewFlagSet("import creators", flag.ContinueOnError)
	fs.SetOutput(s.Err)
	var dbf DBFlags
	dbf.Register(fs)
	var brandSlug, errorsPath string
	var dryRun, asJSON, progress bool
	var maps repeated
	fs.StringVar(&brandSlug, "brand", "", "slug of the brand to import into (required)")
	fs.BoolVar(&dryRun, "dry-run", false, "read and check everything, write nothing")
	fs.StringVar(&errorsPath, "errors", "", "write the problems (line, column, value, reason) to this CSV file")
	fs.BoolVar(&asJSON, "json", false, "end with the counts as one JSON line on stdout")
	fs.BoolVar(&progress, "progress", false, "show a progress bar on stderr even when it is not a terminal")
	fs.Var(&maps, "map", `map a column to a field, e.g. --map "IG=instagram" (repeatable)`)
	file, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, rest = args[0], args[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" || brandSlug == "" {
		return errors.New("usage: roster import creators FILE --brand SLUG [--dry-run] [--errors OUT.csv] [--json] [--map \"Col=field\"]")
	}
	overrides, err := importer.ParseOverrides(maps)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	d, err := openFor(ctx, &dbf)
	if err != nil {
		return err
	}
	defer d.Close()
	b, err := findBrand(ctx, d, brandSlug)
	if err != nil {
		return describe(err)
	}
	var errs *importer.ProblemsWriter
	if errorsPath != "" {
		out, err := os.Create(errorsPath)
		if err != nil {
			return err
		}
		defer out.Close()
		if errs, err = importer.NewProblemsWriter(out); err != nil {
			return err
		}
	}
	bar := newProgressBar(s.Err, st.Size(), progress || isTerminal(s.Err))
	var writeErr error
	o := importer.Options{BrandID: b.ID, Source: "import:" + filepath.Base(file), Overrides: overrides, DryRun: dryRun,
		Actor: cliActor, Reason: "import " + filepath.Base(file),
		OnBatch: func(p importer.Progress, ps []importer.Problem) {
			bar.update(p)
			if errs != nil && writeErr == nil {
				writeErr = errs.Write(ps)
			}
		}}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The command is its own process: keep the Go heap's garbage in
		// check so the whole stays under 200 MB (docs/performance.md).
		debug.SetMemoryLimit(importer.MemoryLimit)
	}
	res, err := importer.Run(ctx, d, f, o)
	bar.done()
	if err == nil && writeErr != nil {
		err = writeErr
	}
	if err == nil && dryRun && errs != nil {
		err = errs.Write(res.Problems) // a dry run reports from its result
	}
	if err == nil && !dryRun {
		err = recordImportAudit(ctx, d, b.ID, filepath.Base(file), res.Counts)
	}
	if err != nil {
		return fmt.Errorf("import %s: %w", file, err)
	}
	printSummary(s.Out, res, dryRun, asJSON)
	return nil
}

// recordImportAudit writes the one audit event of an import: its counts
// (one event per import, not per row, so a million-row file does not
// bury the log; each creator's updated_at and metrics source still say
// the import changed it).
func recordImportAudit(ctx context.Context, d *db.DB, brandID int64, name string, c importer.Counts) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		return audit.Record(ctx, tx, cliActor, brandID, "import", "creators", name, map[string]audit.Change{
			"rows": {To: c.Rows}, "created": {To: c.Created}, "updated": {To: c.Updated},
			"unchanged": {To: c.Unchanged}, "failed": {To: c.Failed}}, time.Now())
	})
}

func printSummary(w io.Writer, res *importer.Result, dryRun, asJSON bool) {
	c := res.Counts
	if dryRun {
		fmt.Fprintln(w, "dry run: nothing was written")
	}
	fmt.Fprintf(w, "%d rows: %d created, %d updated, %d unchanged, %d failed (%d merged duplicates, %d warnings)\n",
		c.Rows, c.Created, c.Updated, c.Unchanged, c.Failed, c.Merged, c.Warnings)
	if asJSON {
		// A struct keeps the keys in the documented order.
		line, _ := json.Marshal(struct {
			Rows      int64 `json:"rows"`
			Created   int64 `json:"created"`
			Updated   int64 `json:"updated"`
			Unchanged int64 `json:"unchanged"`
			Failed    int64 `json:"failed"`
		}{c.Rows, c.Created, c.Updated, c.Unchanged, c.Failed})
		fmt.Fprintln(w, string(line))
	}
}
