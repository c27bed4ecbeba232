package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/rosterhq/roster/internal/creator"
)

// market is a country with names and the language its creators post in.
type market struct {
	country, lang string
	weight        int
	first, last   []string
}

var markets = []market{
	{"US", "en", 30, []string{"Maya", "Jordan", "Ethan", "Avery", "Tyler", "Harper", "Logan", "Riley", "Chloe", "Mason"}, []string{"Carter", "Brooks", "Hayes", "Bennett", "Reed", "Foster", "Ward", "Price", "Sullivan", "Coleman"}},
	{"GB", "en", 8, []string{"Olivia", "Harry", "Isla", "George", "Freya", "Alfie"}, []string{"Whitfield", "Ashworth", "Pemberton", "Hughes", "Clarke", "Lowe"}},
	{"ES", "es", 8, []string{"Lucía", "Pablo", "Marta", "Javier", "Carmen", "Álvaro"}, []string{"García", "Navarro", "Ortega", "Romero", "Iglesias", "Castillo"}},
	{"MX", "es", 8, []string{"Valentina", "Diego", "Ximena", "Santiago", "Renata", "Emiliano"}, []string{"Hernández", "Ramírez", "Torres", "Flores", "Morales", "Vázquez"}},
	{"BR", "pt-BR", 7, []string{"Beatriz", "Thiago", "Larissa", "Rafael", "Camila", "Gustavo"}, []string{"Silva", "Oliveira", "Souza", "Costa", "Almeida", "Ferreira"}},
	{"FR", "fr", 6, []string{"Léa", "Hugo", "Camille", "Louis", "Manon", "Théo"}, []string{"Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard"}},
	{"DE", "de", 6, []string{"Lena", "Jonas", "Mia", "Felix", "Hannah", "Lukas"}, []string{"Müller", "Schmidt", "Becker", "Wagner", "Hoffmann", "Krüger"}},
	{"CA", "en", 6, []string{"Emma", "Liam", "Sophie", "Noah", "Zoé", "Owen"}, []string{"Tremblay", "Roy", "Campbell", "Gagnon", "Fraser", "Leblanc"}},
	{"AU", "en", 5, []string{"Charlotte", "Jack", "Matilda", "Cooper", "Ruby", "Hamish"}, []string{"Nguyen", "Kelly", "Walsh", "Murphy", "Ryan", "Doyle"}},
	{"JP", "ja", 4, []string{"Yui", "Haruto", "Sakura", "Ren", "Aoi", "Sota"}, []string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito"}},
	{"SE", "sv", 3, []string{"Elsa", "Oscar", "Alva", "Hugo", "Saga", "Nils"}, []string{"Lindqvist", "Berg", "Nyström", "Holm", "Ek", "Sandberg"}},
	{"CO", "es", 3, []string{"Mariana", "Sebastián", "Isabella", "Mateo", "Sara", "Andrés"}, []string{"Restrepo", "Gómez", "Cárdenas", "Mejía", "Ospina", "Rojas"}},
}

var niches = []string{"hiking", "camping", "climbing", "trail running", "van life", "cycling", "skiing", "outdoor photography",
	"sustainability", "family outdoors", "fishing", "kayaking", "backpacking", "gear reviews", "national parks", "surfing"}

var handleSuffixes = []string{"", "outdoors", "adventures", "wild", "trails", "explores", "_co", "goes", "peaks", "miles"}

// platformWeights: Instagram and TikTok dominate outdoor creators.
var platformWeights = []struct {
	platform string
	weight   int
}{{"instagram", 40}, {"tiktok", 25}, {"youtube", 15}, {"pinterest", 6}, {"x", 5}, {"twitch", 3}, {"blog", 6}}

// stageWeights: most of a network is prospects and active creators.
var stageWeights = []struct {
	stage  string
	weight int
}{{"prospect", 30}, {"invited", 12}, {"applied", 10}, {"approved", 8}, {"active", 25}, {"alumni", 8}, {"declined", 7}}

type generator struct{ r *rand.Rand }

func newGenerator(seed uint64) *generator { return &generator{rand.New(rand.NewPCG(seed, seed*7+1))} }

func (g *generator) pick(n int) int { return g.r.IntN(n) }

func (g *generator) market() market {
	total := 0
	for _, m := range markets {
		total += m.weight
	}
	x := g.pick(total)
	for _, m := range markets {
		if x -= m.weight; x < 0 {
			return m
		}
	}
	return markets[0]
}

// followers are log-normal: a few large creators, many small ones.
func (g *generator) followers() int64 {
	v := math.Exp(9.2 + 1.5*g.r.NormFloat64())
	return int64(math.Min(math.Max(v, 300), 4_000_000))
}

// engagement falls as audiences grow, as it does on real platforms.
func (g *generator) engagement(followers int64) float64 {
	base := 9.0 - 1.1*math.Log10(float64(followers))
	v := math.Max(0.3, base+g.r.NormFloat64()*0.8)
	return math.Round(v*100) / 100
}

func (g *generator) creator(i int, ownerID int64) creator.Fields {
	m := g.market()
	first, last := m.first[g.pick(len(m.first))], m.last[g.pick(len(m.last))]
	name := first + " " + last
	base := asciiHandle(first + "." + last)
	if s := handleSuffixes[g.pick(len(handleSuffixes))]; s != "" {
		base = asciiHandle(first) + "." + s
	}
	f := creator.Fields{
		DisplayName: name,
		Email:       fmt.Sprintf("%s.%d@example.net", asciiHandle(first+last), i),
		Country:     m.country,
		Languages:   []string{m.lang},
		Stage:       weightedStage(g),
	}
	if m.lang != "en" && g.pick(3) == 0 {
		f.Languages = append(f.Languages, "en")
	}
	for _, t := range g.r.Perm(len(niches))[:1+g.pick(3)] {
		f.Tags = append(f.Tags, niches[t])
	}
	if f.Stage == "active" || f.Stage == "approved" {
		f.OwnerUserID = &ownerID
	}
	seen := map[string]bool{}
	for n := 1 + g.pick(3); len(f.SocialAccounts) < n; {
		p := weightedPlatform(g)
		if seen[p] {
			continue
		}
		seen[p] = true
		handle := fmt.Sprintf("%s%d", base, i)
		switch p {
		case "blog":
			handle = fmt.Sprintf("%s%d.example.org", strings.Trim(strings.NewReplacer(".", "-", "_", "-", "--", "-").Replace(base), "-"), i)
		case "x":
			handle = trim(strings.ReplaceAll(base, ".", "_"), 11) + fmt.Sprint(i)
		case "twitch", "tiktok", "pinterest", "youtube":
			handle = trim(strings.ReplaceAll(base, ".", "_"), 18) + fmt.Sprint(i)
		case "instagram":
			handle = trim(base, 25) + fmt.Sprint(i)
		}
		fol := g.followers()
		f.SocialAccounts = append(f.SocialAccounts, creator.SocialAccountInput{Platform: p, Handle: handle,
			Followers: fol, EngagementRate: g.engagement(fol), MetricsSource: "demo"})
	}
	if g.pick(4) == 0 {
		f.Notes = "Met at " + []string{"Outdoor Retailer", "a trail-cleanup day", "the spring gear launch", "a TikTok live"}[g.pick(4)] + "; interested in " + f.Tags[0] + " campaigns."
	}
	return f
}

func weightedStage(g *generator) string {
	x := g.pick(100)
	for _, s := range stageWeights {
		if x -= s.weight; x < 0 {
			return s.stage
		}
	}
	return "prospect"
}

func weightedPlatform(g *generator) string {
	x := g.pick(100)
	for _, p := range platformWeights {
		if x -= p.weight; x < 0 {
			return p.platform
		}
	}
	return "instagram"
}

var fold = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ü", "u", "ö", "o", "ä", "a", "è", "e", "ç", "c", "Á", "a", "É", "e", "Ö", "o", "Ü", "u", " ", "")

// asciiHandle turns a name into the kind of handle people pick.
func asciiHandle(s string) string {
	return strings.ToLower(fold.Replace(s))
}

func trim(s string, n int) string {
	s = strings.Trim(s, "._")
	if len(s) > n {
		s = strings.Trim(s[:n], "._")
	}
	return s
}
