package app

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/importer"
)

// progressBar draws an import's progress on one terminal line: share of
// the file read, rows, rate, time left and errors.
type progressBar struct {
	w     io.Writer
	size  int64
	on    bool
	start time.Time
	last  time.Time
}

func newProgressBar(w io.Writer, size int64, on bool) *progressBar {
	return &progressBar{w: w, size: size, on: on, start: time.Now()}
}

func (b *progressBar) update(p importer.Progress) {
	now := time.Now()
	if !b.on || now.Sub(b.last) < 200*time.Millisecond {
		return
	}
	b.last = now
	elapsed := now.Sub(b.start).Seconds()
	frac := 0.0
	if b.size > 0 {
		frac = min(1, float64(p.Bytes)/float64(b.size))
	}
	eta := "?"
	if frac > 0 {
		eta = (time.Duration(elapsed*(1-frac)/frac) * time.Second).Round(time.Second).String()
	}
	filled := int(frac * 30)
	fmt.Fprintf(b.w, "\r[%s%s] %3.0f%% %d rows  %.0f rows/s  %s left  %d errors ",
		strings.Repeat("#", filled), strings.Repeat(".", 30-filled), frac*100, p.Rows,
		float64(p.Rows)/max(elapsed, 0.001), eta, p.Failed)
}

func (b *progressBar) done() {
	if b.on {
		fmt.Fprintln(b.w)
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
