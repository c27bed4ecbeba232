package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Reader streams records from a CSV or TSV file: delimiter detected from
// the header line (comma, semicolon or tab), UTF-8 with or without BOM,
// CRLF, quoted fields with delimiters and newlines. It keeps the file's
// line number of each record for error reports.
type Reader struct {
	csv    *csv.Reader
	limit  *recordLimit
	header []string
	delim  rune
	skip   int64 // bytes before the csv reader's offsets (the BOM)
}

// ErrNoHeader means the file is empty or has no header line.
var ErrNoHeader = errors.New("the file is empty: the first line must name the columns")

// MaxRecordBytes bounds one record (a line, or several when a quoted
// cell holds line breaks). The CSV reader keeps a whole record, and its
// fields once more, in memory, so without a bound one quoted cell as
// large as the upload limit would take the server's memory, and an
// import job would do it again on every retry.
const MaxRecordBytes = 1 << 20

// ErrRecordTooLong ends reading a file with a record over MaxRecordBytes.
var ErrRecordTooLong = fmt.Errorf("a record (a line, with the line breaks inside its quoted cells) is longer than %d bytes: this is not a spreadsheet of creators", MaxRecordBytes)

// recordLimit sits between the CSV reader and the file and refuses to
// hand over more than max bytes between two records (Reader resets it
// after each one); the slack covers the CSV reader's read-ahead.
type recordLimit struct {
	r      io.Reader
	n, max int
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.n >= l.max {
		return 0, ErrRecordTooLong
	}
	if len(p) > l.max-l.n {
		p = p[:l.max-l.n]
	}
	k, err := l.r.Read(p)
	l.n += k
	return k, err
}

// NewReader reads the header line of r.
func NewReader(r io.Reader) (*Reader, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	rd := &Reader{}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
		rd.skip = 3
	}
	head, _ := br.Peek(64 << 10)
	rd.delim = detectDelimiter(head)
	rd.limit = &recordLimit{r: br, max: MaxRecordBytes + 64<<10}
	rd.csv = csv.NewReader(rd.limit)
	rd.csv.Comma = rd.delim
	rd.csv.FieldsPerRecord = -1
	rd.csv.LazyQuotes = false
	rd.csv.ReuseRecord = true
	header, err := rd.csv.Read()
	rd.limit.n = 0
	if errors.Is(err, ErrRecordTooLong) {
		return nil, ErrRecordTooLong
	}
	if err == io.EOF {
		return nil, ErrNoHeader
	}
	if err != nil {
		return nil, fmt.Errorf("header line: %w", err)
	}
	rd.header = append([]string(nil), header...)
	if len(rd.header) == 1 && strings.TrimSpace(rd.header[0]) == "" {
		return nil, ErrNoHeader
	}
	return rd, nil
}

// detectDelimiter counts candidate delimiters outside quotes on the first
// line; the most frequent wins, comma on a tie or none.
func detectDelimiter(head []byte) rune {
	counts := map[byte]int{}
	inQuote := false
	for _, c := range head {
		if c == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if c == '\n' {
			break
		}
		if c == ',' || c == ';' || c == '\t' {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// Header is the header line's cells.
func (r *Reader) Header() []string { return r.header }

// Delimiter is the detected delimiter.
func (r *Reader) Delimiter() rune { return r.delim }

// Next returns the next record and the line it starts on. A malformed
// record comes back as a *csv.ParseError (reading can go on); io.EOF ends
// the file. The record is reused by the next call.
func (r *Reader) Next() ([]string, int64, error) {
	rec, err := r.csv.Read()
	r.limit.n = 0
	if errors.Is(err, ErrRecordTooLong) {
		return nil, 0, ErrRecordTooLong
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, int64(pe.StartLine), pe
		}
		return nil, 0, err
	}
	line, _ := r.csv.FieldPos(0)
	return rec, int64(line), nil
}

// Offset is how many bytes of the file have been consumed.
func (r *Reader) Offset() int64 { return r.csv.InputOffset() + r.skip }
