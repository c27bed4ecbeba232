package timetrack

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/sfnt"

	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

// The statement PDF is A4, in points, set in the Go fonts (Latin, Greek,
// Cyrillic) and VL PGothic (Japanese), embedded in the binary; see
// statement_fonts.go for which text gets which.
const (
	pdfMargin = 40.0
	pdfWidth  = 595.28 - 2*pdfMargin
	pdfBottom = 841.89 - pdfMargin
	pdfLine   = 14.0
	// pdfBaseline puts the baseline this many font sizes below the middle
	// of a line, where the Go fonts' ascent and descent centre the text;
	// one baseline for every face keeps a line of mixed scripts straight.
	pdfBaseline = 0.36
)

type pdfWriter struct {
	gopdf.GoPdf
	y        float64
	l        *i18n.Localizer
	size     float64
	faces    []*face        // in the order text tries them
	added    map[*face]bool // faces already in the document
	glyphBuf sfnt.Buffer
	err      error
}

func (p *pdfWriter) fail(err error) {
	if err != nil && p.err == nil {
		p.err = err
	}
}

func (p *pdfWriter) font(bold bool, size float64) {
	p.faces, p.size = facesFor(p.l.Lang(), bold), size
}

// row writes cells across the page at widths (fractions of the page);
// cells after the first are right-aligned (they are figures).
func (p *pdfWriter) row(widths []float64, cells ...string) {
	if p.y+pdfLine > pdfBottom {
		p.AddPage()
		p.y = pdfMargin
	}
	x := pdfMargin
	for i, c := range cells {
		w := widths[i] * pdfWidth
		runs, tw := p.fit(c, w-4)
		at := x
		if i > 0 {
			at = x + w - tw
		}
		for _, r := range runs {
			p.use(r.face)
			p.SetXY(at, p.y+pdfLine/2+pdfBaseline*p.size)
			p.fail(p.Text(r.text))
			at += r.width
		}
		x += w
	}
	p.y += pdfLine
}

// fit shortens s with an ellipsis until it fits in width w, and returns
// it as runs of one face each with its width.
func (p *pdfWriter) fit(s string, w float64) ([]textRun, float64) {
	rs := []rune(s)
	for {
		runs := p.runs(string(rs))
		tw := p.measure(runs)
		if tw <= w || len(rs) <= 1 || p.err != nil {
			return runs, tw
		}
		rs = append(rs[:len(rs)-2], '…')
	}
}

func (p *pdfWriter) rule() {
	p.SetLineWidth(0.5)
	p.Line(pdfMargin, p.y+2, pdfMargin+pdfWidth, p.y+2)
	p.y += 6
}

func (p *pdfWriter) hours(minutes int) string {
	return p.l.T("contract.hours", "n", p.l.DecimalUpTo(float64(minutes)/60, 2))
}

// renderStatementPDF lays the statement out: the summary per role and
// category (used, committed, percent), then every entry behind each
// figure with its subtotal, in the reader's language.
func renderStatementPDF(v *statementView, l *i18n.Localizer) ([]byte, error) {
	p := &pdfWriter{l: l, added: map[*face]bool{}}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	title := l.T("time.statement.title_of", "brand", v.BrandName, "month", l.MonthYearOf(v.U.Month))
	p.SetInfo(gopdf.PdfInfo{Title: title, Creator: "Roster"})
	p.AddPage()
	p.y = pdfMargin
	p.font(true, 16)
	p.row([]float64{1}, title)
	p.font(false, 9)
	p.row([]float64{1}, l.T("time.statement.generated", "date", l.DateTime(v.Generated)))
	if v.Contract.PlanName != "" {
		p.row([]float64{1}, l.T("contract.plan_name")+": "+v.Contract.PlanName)
	}
	p.y += 8

	p.font(true, 11)
	p.row([]float64{1}, l.T("time.statement.summary"))
	p.font(true, 9)
	cols := []float64{0.46, 0.18, 0.18, 0.18}
	p.row(cols, l.T("contract.category"), l.T("time.used"), l.T("time.committed"), "%")
	p.rule()
	for _, r := range v.U.Roles {
		p.font(true, 9)
		p.row([]float64{1}, roleName(l, r.Role))
		p.font(false, 9)
		for _, cat := range contract.Categories {
			p.row(cols, "  "+categoryName(l, cat), p.hours(r.Used[cat]), p.hours(r.Committed[cat]), pctText(r.Used[cat], r.Committed[cat]))
		}
		p.font(true, 9)
		p.row(cols, "  "+l.T("contract.total"), p.hours(r.UsedTotal), p.hours(r.CommittedTotal), pctText(r.UsedTotal, r.CommittedTotal))
		p.y += 4
	}
	p.y += 8
	p.font(true, 11)
	p.row([]float64{1}, l.T("time.statement.entries"))
	ecols := []float64{0.13, 0.25, 0.47, 0.15}
	for _, g := range v.Groups {
		p.y += 4
		p.font(true, 9)
		p.row([]float64{0.8, 0.2}, roleName(l, g.Role)+" · "+categoryName(l, g.Category), p.hours(g.Total))
		p.rule()
		p.font(false, 8)
		for _, e := range g.Entries {
			what := e.Note
			if e.Campaign != "" {
				what = e.Campaign + " · " + what
			}
			p.row(ecols, e.Day, e.UserName, fmt.Sprintf("#%d %s", e.ID, what), p.hours(e.Minutes))
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	var buf bytes.Buffer
	if err := p.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func pctText(used, committed int) string {
	if committed == 0 {
		return "—"
	}
	return fmt.Sprintf("%d %%", percentOf(used, committed))
}

func (h *handlers) statementPDF(w http.ResponseWriter, r *http.Request) error {
	v, err := h.statementData(r)
	if err != nil {
		return err
	}
	body, err := renderStatementPDF(v, web.Localizer(r))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="statement-%s.pdf"`, v.U.Month))
	_, err = w.Write(body)
	return err
}

// roleName and categoryName translate the names stored in entries.
func roleName(l *i18n.Localizer, role string) string {
	key := "role." + role
	return l.T(key)
}

func categoryName(l *i18n.Localizer, category string) string {
	key := "contract.category." + category
	return l.T(key)
}
