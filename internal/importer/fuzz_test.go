package importer

import (
	"bytes"
	"io"
	"testing"
)

// FuzzParse feeds any bytes through the reader, header detection and row
// parsing: nothing may panic, and every record becomes a row that either
// failed with a problem or has at least one account.
func FuzzParse(f *testing.F) {
	f.Add([]byte(messy))
	f.Add([]byte("handle\tplatform\tfollowers\n@x\tIG\t1.2M\n"))
	f.Add([]byte("name;profile url;er\n\"a;b\";https://youtu.be/x;3,4 %\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		m := Detect(rd.Header(), nil)
		for range 1000 {
			rec, line, err := rd.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				continue
			}
			r := ParseRow(m, rec, line, "import:fuzz")
			if r.Failed && len(r.Problems) == 0 || !r.Failed && len(r.Fields.SocialAccounts) == 0 {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
