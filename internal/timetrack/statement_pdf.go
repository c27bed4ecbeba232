package timetrack

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

// The statement PDF is A4, in points, set in the Go fonts (embedded in
// the binary; they cover Latin, Greek and Cyrillic scripts).
const (
	pdfMargin = 40.0
	pdfWidth  = 595.28 - 2*pdfMargin
	pdfBottom = 841.89 - pdfMargin
	pdfLine   = 14.0
)

type pdfWriter struct {
	gopdf.GoPdf
	y   float64
	l   *i18n.Localizer
	err error
}

func (p *pdfWriter) font(bold bool, size float64) {
	family := "regular"
	if bold {
		family = "bold"
	}
	if err := p.SetFont(family, "", size); err != nil && p.err == nil {
		p.err = err
	}
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
		align := gopdf.Left | gopdf.Middle
		if i > 0 {
			align = gopdf.Right | gopdf.Middle
		}
		p.SetXY(x, p.y)
		if err := p.CellWithOption(&gopdf.Rect{W: w, H: pdfLine}, fit(p, c, w), gopdf.CellOption{Align: align}); err != nil && p.err == nil {
			p.err = err
		}
		x += w
	}
	p.y += pdfLine
}

// fit shortens s with an ellipsis until it fits in width w.
func fit(p *pdfWriter, s string, w float64) string {
	rs := []rune(s)
	for len(rs) > 1 {
		if tw, err := p.MeasureTextWidth(string(rs)); err != nil || tw <= w-4 {
			break
		}
		rs = append(rs[:len(rs)-2], '…')
	}
	return string(rs)
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
	p := &pdfWriter{l: l}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	p.SetInfo(gopdf.PdfInfo{Title: l.T("time.statement.title_of", "brand", v.BrandName, "month", v.U.Month), Creator: "Roster"})
	if err := p.AddTTFFontData("regular", goregular.TTF); err != nil {
		return nil, err
	}
	if err := p.AddTTFFontData("bold", gobold.TTF); err != nil {
		return nil, err
	}
	p.AddPage()
	p.y = pdfMargin
	p.font(true, 16)
	p.row([]float64{1}, l.T("time.statement.title_of", "brand", v.BrandName, "month", v.U.Month))
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
