package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// exportFixtures are creators an export must carry whole: several
// accounts (three on one platform), tags, languages, notes with commas,
// quotes and newlines, non-ASCII names.
func exportFixtures() []creator.Fields {
	acc := func(p, h string, f int64, r float64) creator.SocialAccountInput {
		return creator.SocialAccountInput{Platform: p, Handle: h, Followers: f, EngagementRate: r, MetricsSource: "manual"}
	}
	return []creator.Fields{
		{DisplayName: "José Núñez", Email: "jose@example.com", Country: "ES", Languages: []string{"es", "en"},
			Tags: []string{"moda", "viajes", "slow travel"}, Notes: "Likes, commas; \"quotes\"\nand a second line", Stage: "active",
			SocialAccounts: []creator.SocialAccountInput{acc("instagram", "jose.nunez", 12500, 3.4), acc("tiktok", "josetok", 1000, 0),
				acc("youtube", "@JoseTube", 88000, 1.25)}},
		{DisplayName: "Zoë 山田", Languages: []string{"ja"}, Stage: "prospect",
			SocialAccounts: []creator.SocialAccountInput{acc("instagram", "zoe_one", 500, 7.125), acc("instagram", "zoe_two", 600, 0),
				acc("x", "zoe", 42, 0), acc("instagram", "zoe_three", 700, 2), acc("blog", "https://zoe.example.org", 0, 0)}},
		{DisplayName: "Plain Pin", Country: "MX", SocialAccounts: []creator.SocialAccountInput{acc("pinterest", "plainpin", 3, 0)}},
		{DisplayName: "=SUM(A1)", Tags: []string{"edge"}, Notes: "  indented\r\nwindows line", Stage: "alumni",
			SocialAccounts: []creator.SocialAccountInput{acc("twitch", "streamer", 1234567, 12.345678)}},
	}
}

func seedCreators(t *testing.T, d *db.DB, brandID int64, all []creator.Fields) {
	t.Helper()
	store := creator.NewStore(d)
	err := d.InTx(context.Background(), func(tx *db.Tx) error {
		for _, f := range all {
			if errs := creator.Validate(&f); errs.Err() != nil {
				return errs.Err()
			}
			if _, err := store.Create(context.Background(), tx, brandID, f, testNow); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func export(t *testing.T, d *db.DB, brandID int64, lq creator.ListQuery) (string, int64) {
	t.Helper()
	var b bytes.Buffer
	n, err := ExportCreators(context.Background(), d, brandID, lq, &b)
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), n
}

// comparable is a creator's exported content, accounts in a fixed order.
func comparable(c creator.Creator) string {
	accts := make([]string, len(c.SocialAccounts))
	for i, a := range c.SocialAccounts {
		accts[i] = fmt.Sprintf("%s/%s/%s/%d/%v", a.Platform, a.Handle, a.ProfileURL, a.Followers, a.EngagementRate)
	}
	slices.Sort(accts)
	return fmt.Sprintf("%q|%q|%q|%q|%q|%q|%q|%q", c.DisplayName, c.Email, c.Country, c.Languages, c.Tags, c.Notes, c.Stage, accts)
}

func allComparable(t *testing.T, d *db.DB, brandID int64) []string {
	t.Helper()
	var out []string
	lq := creator.ListQuery{Limit: 200, Sort: "name"}
	for {
		page, err := creator.NewStore(d).List(context.Background(), d, brandID, lq)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Items {
			out = append(out, comparable(c))
		}
		if page.NextCursor == "" {
			return out
		}
		lq.Cursor = page.NextCursor
	}
}

// An export imports back with no mapping: into its own brand it changes
// nothing; into an empty brand it makes the same creators.
func TestExportRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		src, dst := newBrand(t, d, "source"), newBrand(t, d, "copy")
		seedCreators(t, d, src, exportFixtures())
		file, n := export(t, d, src, creator.ListQuery{})
		if n != 4 {
			t.Fatalf("exported %d creators, want 4", n)
		}
		recs, err := csv.NewReader(strings.NewReader(file)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(recs[0], ExportHeader()) {
			t.Fatalf("header = %v", recs[0])
		}
		for _, c := range Detect(recs[0], nil).Columns {
			if c.Target.Field == FieldIgnore || c.Target.Name() != c.Header && !(c.Header == "name" && c.Target.Field == FieldName) {
				t.Errorf("column %q maps to %+v", c.Header, c.Target)
			}
		}
		rows := int64(len(recs) - 1) // Zoë's third Instagram account needs a second line
		if rows != 5 {
			t.Fatalf("%d lines:\n%s", rows, file)
		}
		res := run(t, d, src, file)
		wantCounts(t, res.Counts, rows, 0, 0, rows, 0)
		if len(res.Problems) != 1 || res.Problems[0].Kind != KindMerged {
			t.Fatalf("problems:\n%s", problemsText(res.Problems))
		}
		before := allComparable(t, d, src)
		res = run(t, d, dst, file)
		if res.Counts.Failed != 0 || res.Counts.Created != 4 || countCreators(t, d, dst) != 4 {
			t.Fatalf("into an empty brand: %+v\n%s", res.Counts, problemsText(res.Problems))
		}
		if after := allComparable(t, d, dst); !reflect.DeepEqual(before, after) {
			t.Fatalf("copied creators differ:\n%s\nwant\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
		}
		// The copy exports to the same file.
		if again, _ := export(t, d, dst, creator.ListQuery{Sort: "name"}); again != mustExport(t, d, src, "name") {
			t.Fatalf("the copy exports differently:\n%s", again)
		}
	})
}

func mustExport(t *testing.T, d *db.DB, brandID int64, sort string) string {
	file, _ := export(t, d, brandID, creator.ListQuery{Sort: sort})
	return file
}

// Filters and order are the list's; limit and cursor are not (an export
// is every matching creator).
func TestExportFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "filters")
		seedCreators(t, d, b, exportFixtures())
		names := func(lq creator.ListQuery) []string {
			file, _ := export(t, d, b, lq)
			recs, err := csv.NewReader(strings.NewReader(file)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range recs[1:] {
				if r[0] != "" {
					out = append(out, undefuse(r[0]))
				}
			}
			return out
		}
		for _, tc := range []struct {
			lq   creator.ListQuery
			want []string
		}{
			{creator.ListQuery{Sort: "name", Limit: 1}, []string{"=SUM(A1)", "José Núñez", "Plain Pin", "Zoë 山田"}},
			{creator.ListQuery{Stage: "active"}, []string{"José Núñez"}},
			{creator.ListQuery{Tag: "edge"}, []string{"=SUM(A1)"}},
			{creator.ListQuery{Platform: "instagram", Sort: "-name"}, []string{"Zoë 山田", "José Núñez"}},
			{creator.ListQuery{Country: "MX"}, []string{"Plain Pin"}},
			{creator.ListQuery{Q: "jose"}, []string{"José Núñez"}},
			{creator.ListQuery{Stage: "declined"}, nil},
		} {
			if got := names(tc.lq); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%+v: %q, want %q", tc.lq, got, tc.want)
			}
		}
	})
}

func TestDefuseKeepsFormulasOutOfSpreadsheets(t *testing.T) {
	for in, want := range map[string]string{"=SUM(A1)": "'=SUM(A1)", "+1 call me": "'+1 call me", "-x": "'-x", "@home": "'@home", "plain": "plain", "'quoted": "'quoted", "": ""} {
		got := defuse(in)
		if got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
		if back := undefuse(got); back != in {
			t.Errorf("undefuse(defuse(%q)) = %q", in, back)
		}
	}
	rec := exportRecords(&creator.Creator{DisplayName: "=HYPERLINK(\"x\")", Notes: "@everyone"})
	if rec[0][0] != "'=HYPERLINK(\"x\")" || rec[0][6] != "'@everyone" {
		t.Errorf("export record %q: formulas not defused", rec[0][:7])
	}
}

// Every cell of an export that holds text someone typed is defused, not
// only the name, tags and notes: an email address may begin with = and
// carry a formula (a public applicant's "=hyperlink(…)"@example.com is a
// valid address), a handle may begin with -.
func TestExportDefusesEveryTextCell(t *testing.T) {
	evil := `=hyperlink("http://evil.example","x")@example.com`
	c := &creator.Creator{DisplayName: "Ann", Email: evil, Country: "ES", Languages: []string{"es"}, Stage: "prospect",
		SocialAccounts: []creator.SocialAccount{{Platform: "youtube", Handle: "-abc", ProfileURL: "https://www.youtube.com/@-abc"},
			{Platform: "youtube", Handle: "-second", ProfileURL: "https://www.youtube.com/@-second"}}}
	for _, rec := range exportRecords(c) {
		for i, cell := range rec {
			if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
				t.Errorf("column %s = %q: a spreadsheet reads it as a formula", ExportHeader()[i], cell)
			}
		}
	}
	if got := exportRecords(c)[0][1]; undefuse(got) != evil {
		t.Errorf("email cell %q does not read back as %q", got, evil)
	}
}

// The errors file repeats the uploaded file's column names, which are as
// much the uploader's text as the values are.
func TestErrorsCSVDefusesColumnNames(t *testing.T) {
	var buf bytes.Buffer
	pw, err := NewProblemsWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := pw.Write([]Problem{{Line: 2, Column: `=HYPERLINK("http://evil.example","x")`, Value: "@x", Message: "bad", Kind: KindError}}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, cell := range recs[1] {
		if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
			t.Errorf("errors CSV column %s = %q: a spreadsheet reads it as a formula", ErrorsHeader[i], cell)
		}
	}
}
