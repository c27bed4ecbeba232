package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"net/url"

	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/importer"
)

// ExportCreators runs `roster export creators --brand SLUG [--q …]
// [--stage …] [--tag …] [--platform …] [--country …] [--min-followers …]
// [--max-followers …] [--sort …]`: the creator list with those filters
// as CSV on stdout, in the layout `roster import creators` reads back.
func ExportCreators(ctx context.Context, args []string, s IO) error {
	fs := flag.NewFlagSet("export creators", flag.ContinueOnError)
	fs.SetOutput(s.Err)
	var dbf DBFlags
	dbf.Register(fs)
	brandSlug := fs.String("brand", "", "slug of the brand to export (required)")
	filters := map[string]*string{}
	for _, f := range []struct{ flag, param, usage string }{
		{"q", "q", "full-text search over name, email, handles and tags"},
		{"stage", "stage", "only creators in this stage"},
		{"tag", "tag", "only creators with this tag"},
		{"platform", "platform", "only creators with an account on this platform"},
		{"country", "country", "only creators in this country (ISO code)"},
		{"min-followers", "min_followers", "at least this many followers (10k, 1.2M)"},
		{"max-followers", "max_followers", "at most this many followers"},
		{"sort", "sort", "order: name, -name, followers, -followers, created, -created, updated, -updated"},
	} {
		filters[f.param] = fs.String(f.flag, "", f.usage)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *brandSlug == "" || fs.NArg() > 0 {
		return errors.New("usage: roster export creators --brand SLUG [--q …] [--stage …] [--tag …] [--platform …] [--country …] [--min-followers …] [--max-followers …] [--sort …]")
	}
	v := url.Values{}
	for param, value := range filters {
		if *value != "" {
			v.Set(param, *value)
		}
	}
	lq, errs := creator.ParseListQuery(v)
	if err := errs.Err(); err != nil {
		return describe(err)
	}
	d, err := openFor(ctx, &dbf)
	if err != nil {
		return err
	}
	defer d.Close()
	b, err := findBrand(ctx, d, *brandSlug)
	if err != nil {
		return describe(err)
	}
	out := bufio.NewWriterSize(s.Out, 64<<10)
	if _, err := importer.ExportCreators(ctx, d, b.ID, lq, out); err != nil {
		return err
	}
	return out.Flush()
}
