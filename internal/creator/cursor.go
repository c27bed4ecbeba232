package creator

import (
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"strconv"
	"strings"
)

// sortSpec is how one of SortOptions orders rows: by column, then id,
// both in the same direction, so one index serves the order and the
// keyset condition.
type sortSpec struct {
	column  string
	desc    bool
	numeric bool
}

var sortSpecs = map[string]sortSpec{
	"name": {"sort_name", false, false}, "-name": {"sort_name", true, false},
	"followers": {"followers_total", false, true}, "-followers": {"followers_total", true, true},
	"created": {"created_at", false, true}, "-created": {"created_at", true, true},
	"updated": {"updated_at", false, true}, "-updated": {"updated_at", true, true},
}

// defaultSort applies when ListQuery.Sort is empty.
const defaultSort = "-created"

func effectiveSort(s string) string {
	if s == "" {
		return defaultSort
	}
	return s
}

// cursor is a position in a sorted list: the sort it belongs to and the
// sort key and id of the last row shown. Encoded, it carries a checksum
// so an edited or truncated cursor is refused rather than misread. It is
// not a secret: it only says where to resume within the caller's brand.
type cursor struct {
	sort string
	key  string // sort_name, or a decimal number for the numeric sorts
	id   int64
}

const maxCursorLength = 1024

func (c cursor) encode() string {
	payload := []byte(c.sort + "\x00" + c.key + "\x00" + strconv.FormatInt(c.id, 10))
	return base64.RawURLEncoding.EncodeToString(binary.BigEndian.AppendUint32(payload, crc32.ChecksumIEEE(payload)))
}

// decodeCursor reads a cursor made for sort; ok is false for a cursor of
// another sort, or one that was altered.
func decodeCursor(s, sort string) (c cursor, ok bool) {
	if len(s) > maxCursorLength {
		return c, false
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 4 {
		return c, false
	}
	payload, sum := b[:len(b)-4], binary.BigEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(payload) != sum {
		return c, false
	}
	parts := strings.Split(string(payload), "\x00")
	if len(parts) != 3 || parts[0] != sort {
		return c, false
	}
	c.sort, c.key = parts[0], parts[1]
	if c.id, err = strconv.ParseInt(parts[2], 10, 64); err != nil {
		return c, false
	}
	if sortSpecs[sort].numeric {
		if _, err := strconv.ParseInt(c.key, 10, 64); err != nil {
			return c, false
		}
	}
	return c, true
}

// keyArg is the cursor's sort key as a query argument.
func (c cursor) keyArg() any {
	if sortSpecs[c.sort].numeric {
		n, _ := strconv.ParseInt(c.key, 10, 64)
		return n
	}
	return c.key
}
