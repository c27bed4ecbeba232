package importer

import (
	"encoding/csv"
	"github.com/rosterhq/roster/internal/csvsafe"
	"io"
	"strconv"
	"strings"
)

// ErrorsHeader is the first line of an errors file.
var ErrorsHeader = []string{"line", "column", "value", "reason", "kind"}

// ProblemsWriter writes problems as the downloadable errors CSV.
type ProblemsWriter struct{ w *csv.Writer }

// NewProblemsWriter writes the header line and returns the writer.
func NewProblemsWriter(w io.Writer) (*ProblemsWriter, error) {
	cw := csv.NewWriter(w)
	return &ProblemsWriter{cw}, cw.Write(ErrorsHeader)
}

// Write adds problems and flushes them.
func (p *ProblemsWriter) Write(ps []Problem) error {
	for _, pr := range ps {
		// A leading =, +, - or @ would be a formula to a spreadsheet: the
		// column is the uploaded file's header, as much the uploader's
		// text as the value.
		if err := p.w.Write([]string{strconv.FormatInt(pr.Line, 10), defuse(pr.Column), defuse(pr.Value), defuse(pr.Message), pr.Kind}); err != nil {
			return err
		}
	}
	p.w.Flush()
	return p.w.Error()
}

// defuse keeps a spreadsheet from reading a text cell as a formula (CSV
// injection); see csvsafe.
func defuse(s string) string { return csvsafe.Defuse(s) }

// undefuse reverses defuse on import, so Roster's own exports read back
// exactly; an apostrophe before anything else is the person's own.
func undefuse(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		return s[1:]
	}
	return s
}
