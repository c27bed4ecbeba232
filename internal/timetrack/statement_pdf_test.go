package timetrack

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// TestStatementPDFInEveryScript: a Japanese reader's statement is set in
// the Japanese font and reads back as Japanese; another reader's statement
// falls back to it for a Japanese name and note, and leaves it out when
// nothing needs it.
func TestStatementPDFInEveryScript(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d, time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC))
		yamada := f.person("山田 太郎", auth.AccountManager)
		sofia := f.person("Σοφία Παπαδοπούλου", auth.CommunityManager)
		for _, e := range []struct {
			p    *auth.Principal
			note string
		}{{yamada, "キャンペーン打ち合わせ"}, {sofia, "Ανασκόπηση QBR"}} {
			if _, err := f.svc.Log(ctx, e.p, Input{Category: contract.AccountStrategy, Day: "2026-01-12", Minutes: 90, Note: e.note}, SourceManual); err != nil {
				t.Fatal(err)
			}
		}
		v, err := Statement(ctx, d, f.brand.ID, "ルーメン&パイン", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), f.now)
		if err != nil {
			t.Fatal(err)
		}
		// The parsed fonts are shared by every PDF: statements rendered at
		// once must not race (go test -race).
		var wg sync.WaitGroup
		for _, lang := range i18n.Supported {
			wg.Go(func() { renderFor(t, v, lang) })
		}
		wg.Wait()

		ja := renderFor(t, v, "ja")
		if got := pdfFonts(ja); !slices.Equal(got, []string{"VL-PGothic"}) {
			t.Errorf("Japanese statement fonts %v, want VL PGothic alone (it has Greek too)", got)
		}
		wantText(t, ja, "ルーメン&パイン：2026年1月の明細書", "山田 太郎", "キャンペーン打ち合わせ", "Σοφία Παπαδοπούλου", "Ανασκόπηση QBR", "アカウント管理・戦略")

		en := renderFor(t, v, "en")
		if got := pdfFonts(en); !slices.Equal(got, []string{"Go-Bold", "Go-Regular", "VL-PGothic"}) {
			t.Errorf("English statement with Japanese names: fonts %v, want the Go fonts and VL PGothic", got)
		}
		wantText(t, en, "ルーメン&パイン: statement for January 2026", "山田 太郎", "キャンペーン打ち合わせ", "Σοφία Παπαδοπούλου", "Account management & strategy")

		v.BrandName = "Lumen & Pine"
		for i := range v.Groups {
			for j := range v.Groups[i].Entries {
				v.Groups[i].Entries[j].UserName, v.Groups[i].Entries[j].Note = "Amir", "QBR"
			}
		}
		latin := renderFor(t, v, "es")
		if got := pdfFonts(latin); !slices.Equal(got, []string{"Go-Bold", "Go-Regular"}) {
			t.Errorf("Spanish statement in Latin letters: fonts %v, want only the Go fonts", got)
		}
	})
}

func renderFor(t *testing.T, v *statementView, lang string) []byte {
	t.Helper()
	pdf, err := renderStatementPDF(v, i18n.For(lang))
	if err != nil {
		t.Fatalf("%s statement: %v", lang, err)
	}
	return pdf
}

// pdfFonts lists the fonts a PDF embeds (gopdf names them by family).
func pdfFonts(pdf []byte) []string {
	var names []string
	for _, m := range regexp.MustCompile(`/BaseFont /(?:[A-Z]{6}\+)?([A-Za-z-]+)`).FindAllSubmatch(pdf, -1) {
		if name := string(m[1]); !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// wantText extracts the PDF's text with pdftotext (Debian's
// poppler-utils), as a reader's copy and paste or search would see it.
func wantText(t *testing.T, pdf []byte, want ...string) {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required under CI (apt-get install poppler-utils)")
		}
		t.Log("skipping the text check: pdftotext not found (apt-get install poppler-utils)")
		return
	}
	cmd := exec.Command(tool, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q:\n%s", w, text)
		}
	}
}
