package timetrack

import (
	_ "embed"
	"sync"
	"unicode"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// vlPGothic is VL PGothic (fonts/LICENSE, ADR 0017): kana, about 12,000
// kanji, Latin, Greek and Cyrillic. Its 4 MB are read in place from the
// binary, and only once a statement needs them.
//
//go:embed fonts/VL-PGothic-Regular.ttf
var vlPGothic []byte

// face is one font a statement can be set in. It is parsed on first use,
// once per process, and shared by every PDF: gopdf copies what it changes
// per document out of the container.
type face struct {
	family string // also the font's name inside the PDF
	parsed func() (*parsedFace, error)
}

type parsedFace struct {
	fonts  *gopdf.FontContainer
	glyphs *sfnt.Font // which runes the font has
}

func newFace(family string, data []byte) *face {
	return &face{family: family, parsed: sync.OnceValues(func() (*parsedFace, error) {
		fonts := &gopdf.FontContainer{}
		if err := fonts.AddTTFFontData(family, data); err != nil {
			return nil, err
		}
		glyphs, err := sfnt.Parse(data)
		if err != nil {
			return nil, err
		}
		return &parsedFace{fonts: fonts, glyphs: glyphs}, nil
	})}
}

var (
	goRegular = newFace("Go-Regular", goregular.TTF)
	goBold    = newFace("Go-Bold", gobold.TTF)
	// VL PGothic has no bold: Japanese headings are set regular.
	japanese = newFace("VL-PGothic", vlPGothic)
)

// facesFor lists the faces in the order a reader's text tries them: a
// Japanese statement is set in the Japanese font, with the Go fonts for
// what it lacks; any other in the Go fonts, falling back to the Japanese
// font for kana and kanji (a creator's or a campaign's name, a note).
func facesFor(lang string, bold bool) []*face {
	latin := goRegular
	if bold {
		latin = goBold
	}
	if lang == "ja" {
		return []*face{japanese, latin}
	}
	return []*face{latin, japanese}
}

// textRun is a stretch of text set in one face, with its width.
type textRun struct {
	face  *face
	text  string
	width float64
}

// runs splits s by face: each rune goes to the first face that has it.
// Spaces and punctuation stay in the current run when its face has them,
// so "山田 太郎" is one run. A rune no face has keeps the first face
// (gopdf prints it as a space).
func (p *pdfWriter) runs(s string) []textRun {
	var out []textRun
	start := 0
	var cur *face
	for i, r := range s {
		f := cur
		if cur == nil || !(unicode.IsSpace(r) || unicode.IsPunct(r)) || !p.has(cur, r) {
			f = p.faceOf(r)
		}
		if f != cur && i > start {
			out = append(out, textRun{face: cur, text: s[start:i]})
			start = i
		}
		cur = f
	}
	if start < len(s) {
		out = append(out, textRun{face: cur, text: s[start:]})
	}
	return out
}

func (p *pdfWriter) faceOf(r rune) *face {
	for _, f := range p.faces {
		if p.has(f, r) {
			return f
		}
	}
	return p.faces[0]
}

// has reports whether f has a glyph for r, parsing f on first use.
func (p *pdfWriter) has(f *face, r rune) bool {
	pf, err := f.parsed()
	if err != nil {
		p.fail(err)
		return false
	}
	g, err := pf.glyphs.GlyphIndex(&p.glyphBuf, r)
	return err == nil && g != 0
}

// use makes f the current font at the current size, adding it to the
// document the first time the document needs it.
func (p *pdfWriter) use(f *face) {
	if !p.added[f] {
		pf, err := f.parsed()
		if err == nil {
			err = p.AddTTFFontFromFontContainer(f.family, pf.fonts)
		}
		if err != nil {
			p.fail(err)
			return
		}
		p.added[f] = true
	}
	p.fail(p.SetFont(f.family, "", p.size))
}

// measure sets each run's width and returns their total.
func (p *pdfWriter) measure(runs []textRun) float64 {
	total := 0.0
	for i := range runs {
		p.use(runs[i].face)
		w, err := p.MeasureTextWidth(runs[i].text)
		p.fail(err)
		runs[i].width = w
		total += w
	}
	return total
}
