package talentspider

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
)

// Key is a suggestion's id: a number derived from the brand and the
// candidate's platform and handle. It is stable (the same person keeps it
// as long as they are a candidate), it names no record of any brand, and
// it is the brand's own: another brand's key for the same person is a
// different number, so a key seen elsewhere finds nothing here.
func Key(brandID int64, platform, handle string) string {
	sum := sha256.Sum256([]byte("talentspider/v1\x00" + strconv.FormatInt(brandID, 10) + "\x00" + platform + "\x00" + handle))
	// 62 bits: a positive int64 that clients can still read as a number.
	return strconv.FormatUint(binary.BigEndian.Uint64(sum[:8])>>2, 10)
}
