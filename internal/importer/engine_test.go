package importer

import (
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// A file as another tool exports it: BOM, CRLF, semicolons, a quoted
// field with the delimiter and a newline, K/M suffixes, URLs, bad values.
const messy = "\ufeffFull Name;Instagram;TikTok URL;Follower Count;ER;Location;Categories;E-mail\r\n" +
	"Jane Doe;@JaneDoe;;12.5K;3.4%;Madrid, Spain;\"beauty; travel\";JANE@example.com\r\n" +
	"\"Bob \"\"B\"\" Ray\";https://www.instagram.com/bobray/?hl=en;https://www.tiktok.com/@bobray;1.2M;2,5 %;Somewhere;fitness;\r\n" +
	"Bad Count;carla;;lots;1;Paris;;\r\n" +
	"\"Multi\nLine\";dan;;1,234;;;;not-an-email\r\n" +
	";;;;;;;\r\n" +
	"Eve;eve_;;900;;Lisboa - Portugal;food;\r\n"

func TestMessyFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "messy")
		res := run(t, d, b, messy)
		wantCounts(t, res.Counts, 5, 3, 0, 0, 2)
		t.Log(problemsText(res.Problems))
		jane := byHandle(t, d, b, "instagram", "janedoe")
		if jane.DisplayName != "Jane Doe" || jane.Email != "jane@example.com" || jane.Country != "ES" ||
			!slices.Equal(jane.Tags, []string{"beauty", "travel"}) || jane.SocialAccounts[0].Followers != 12500 ||
			jane.SocialAccounts[0].EngagementRate != 3.4 || jane.FollowersTotal != 12500 {
			t.Fatalf("jane = %+v", jane)
		}
		bob := byHandle(t, d, b, "tiktok", "bobray")
		if bob.DisplayName != `Bob "B" Ray` || len(bob.SocialAccounts) != 2 || bob.Country != "" {
			t.Fatalf("bob = %+v", bob)
		}
		if eve := byHandle(t, d, b, "instagram", "eve_"); eve.Country != "PT" {
			t.Fatalf("eve = %+v", eve)
		}
		got := problemsText(res.Problems)
		for _, want := range []string{
			"3|Location|Somewhere|warning|",
			"4|Follower Count|lots|error|Not a number of followers",
			"5|E-mail|not-an-email|error|",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("problems lack %q:\n%s", want, got)
			}
		}
		if res.Counts.Warnings != 1 {
			t.Errorf("warnings = %d", res.Counts.Warnings)
		}
		// Re-importing changes nothing.
		again := run(t, d, b, messy)
		wantCounts(t, again.Counts, 5, 0, 0, 3, 2)
	})
}

func TestUpsertRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "upsert")
		run(t, d, b, "name,instagram,tiktok,followers,tags,notes\nAna,ana,,100,a,first note\n")
		// Matches on the TikTok account added here? No: on instagram ana.
		res := run(t, d, b, "handle,platform,followers,tags,email\nana,instagram,200,b,ana@example.com\n")
		wantCounts(t, res.Counts, 1, 0, 1, 0, 0)
		ana := byHandle(t, d, b, "instagram", "ana")
		if ana.DisplayName != "Ana" || ana.Notes != "first note" || ana.Email != "ana@example.com" ||
			!slices.Equal(ana.Tags, []string{"a", "b"}) || ana.SocialAccounts[0].Followers != 200 {
			t.Fatalf("merge kept the wrong values: %+v", ana)
		}
		// A new account matched through another one is added.
		res = run(t, d, b, "instagram,tiktok\nana,ana.tt\n")
		wantCounts(t, res.Counts, 1, 0, 1, 0, 0)
		if c := byHandle(t, d, b, "tiktok", "ana.tt"); c.ID != ana.ID || len(c.SocialAccounts) != 2 {
			t.Fatalf("tiktok went to %+v", c)
		}
		// Accounts of two different creators: the row fails, nothing moves.
		run(t, d, b, "instagram\nbea\n")
		res = run(t, d, b, "instagram,tiktok,name\nbea,ana.tt,Mixed\n")
		wantCounts(t, res.Counts, 1, 0, 0, 0, 1)
		if c := byHandle(t, d, b, "instagram", "bea"); c.DisplayName != "bea" {
			t.Fatalf("failed row wrote: %+v", c)
		}
	})
}

func TestDuplicatesInFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "dups")
		file := "name,instagram,followers,tags\nAna,ana,100,x\nAna,@Ana,100,x\nAna Two,ana,150,y\n"
		for _, batch := range []int{1, 1000} { // across batches and within one
			b := newBrand(t, d, "dups"+itoa(batch))
			res := run(t, d, b, file, func(o *Options) { o.Batch = batch })
			wantCounts(t, res.Counts, 3, 1, 1, 1, 0)
			if res.Counts.Merged != 2 || !strings.Contains(problemsText(res.Problems), "3|||merged|Same creator as line 2") {
				t.Fatalf("batch %d: merged %d\n%s", batch, res.Counts.Merged, problemsText(res.Problems))
			}
			c := byHandle(t, d, b, "instagram", "ana")
			if c.DisplayName != "Ana Two" || !slices.Equal(c.Tags, []string{"x", "y"}) || c.FollowersTotal != 150 {
				t.Fatalf("batch %d: %+v", batch, c)
			}
			if n := countCreators(t, d, b); n != 1 {
				t.Fatalf("batch %d: %d creators", batch, n)
			}
		}
		_ = b
	})
}

func TestDryRunWritesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "dry")
		res := run(t, d, b, messy, func(o *Options) { o.DryRun = true })
		wantCounts(t, res.Counts, 5, 3, 0, 0, 2)
		if n := countCreators(t, d, b); n != 0 {
			t.Fatalf("dry run wrote %d creators", n)
		}
		if len(res.Preview) != 5 || res.Preview[0].Creator.DisplayName != "Jane Doe" || res.Preview[0].Outcome != "created" {
			t.Fatalf("preview = %+v", res.Preview)
		}
	})
}

func TestOtherDelimitersAndOverrides(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := newBrand(t, d, "tsv")
		res := run(t, d, b, "Creator\tIG Handle\tSubs\n\"Tab\tName\"\tuno\t3M\n")
		wantCounts(t, res.Counts, 1, 1, 0, 0, 0)
		if c := byHandle(t, d, b, "instagram", "uno"); c.DisplayName != "Tab Name" && c.DisplayName != "Tab\tName" {
			t.Fatalf("%+v", c)
		}
		res = run(t, d, b, "Who,Where\nzed,ES\n", func(o *Options) { o.Overrides = Overrides{"who": "tiktok", "WHERE": "country"} })
		wantCounts(t, res.Counts, 1, 1, 0, 0, 0)
		if c := byHandle(t, d, b, "tiktok", "zed"); c.Country != "ES" {
			t.Fatalf("%+v", c)
		}
	})
}
