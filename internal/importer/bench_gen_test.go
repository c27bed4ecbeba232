package importer

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// genHeader is a header as another tool writes it.
const genHeader = "Full Name,Instagram Handle,TikTok,Follower Count,ER,Location,Categories,E-mail,Notes\n"

var genCities = []string{"Madrid, Spain", "London", "Paris, France", "Berlin", "São Paulo, Brasil", "New York, USA", "Lisboa - Portugal", "Somewhere nice", ""}
var genTags = []string{"beauty", "fashion", "fitness", "food", "travel", "tech", "gaming", "music", "parenting", "pets"}

// writeGenCSV writes n creator rows: K/M suffixes, URLs and @handles,
// quoted fields, and about 5% bad rows (unreadable follower counts,
// invalid emails).
func writeGenCSV(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 7))
	if _, err := io.WriteString(w, genHeader); err != nil {
		return err
	}
	var b strings.Builder
	for i := range n {
		b.Reset()
		handle := fmt.Sprintf("creator%d_%d", i, seed)
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "\"Creator %d, Jr\",@%s,", i, handle)
		case 1:
			fmt.Fprintf(&b, "Créator %d,https://www.instagram.com/%s/?hl=en,", i, handle)
		default:
			fmt.Fprintf(&b, "Creator %d,%s,", i, handle)
		}
		if i%4 == 0 {
			fmt.Fprintf(&b, "https://www.tiktok.com/@%s", handle)
		}
		followers := fmt.Sprint(1000 + r.IntN(2_000_000))
		switch r.IntN(3) {
		case 0:
			followers = fmt.Sprintf("%.1fK", float64(r.IntN(9000))/10+1)
		case 1:
			followers = fmt.Sprintf("%dM", 1+r.IntN(5))
		}
		email := fmt.Sprintf("c%d@example.com", i)
		if i%20 == 7 {
			followers = "n/a" // bad row
		}
		if i%40 == 13 {
			email = "not-an-email" // bad row
		}
		fmt.Fprintf(&b, ",%s,%.1f%%,\"%s\",\"%s, %s\",%s,\n", followers, r.Float64()*8, genCities[r.IntN(len(genCities))],
			genTags[r.IntN(len(genTags))], genTags[r.IntN(len(genTags))], email)
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}
