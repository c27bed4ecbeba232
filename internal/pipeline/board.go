// Package pipeline is the board of a brand's creators by stage, moving
// creators between stages from it, and the stage history API.
package pipeline

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/stages"
)

// CardsPerColumn is how many creators each column shows; the column's
// count says how many there are.
const CardsPerColumn = 20

// Filter narrows the board, as the creator list does.
type Filter struct {
	Q, Tag string
	Owner  *int64
}

// ParseFilter reads q, tag and owner from a URL query.
func ParseFilter(v url.Values) (Filter, apperr.Fields) {
	lq, errs := creator.ParseListQuery(url.Values{"q": {v.Get("q")}, "tag": {v.Get("tag")}})
	f := Filter{Q: lq.Q, Tag: lq.Tag}
	if s := strings.TrimSpace(v.Get("owner")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs.Add("owner", "validation.choose_from_list", "Choose one of the options in the list.")
		} else {
			f.Owner = &id
		}
	}
	return f, errs
}

// Values encodes the filter for links.
func (f Filter) Values() url.Values {
	v := url.Values{}
	if f.Q != "" {
		v.Set("q", f.Q)
	}
	if f.Tag != "" {
		v.Set("tag", f.Tag)
	}
	if f.Owner != nil {
		v.Set("owner", strconv.FormatInt(*f.Owner, 10))
	}
	return v
}

// Card is one creator on the board.
type Card struct {
	creator.Creator
	Handle        string // the main account: the one with the most followers
	Platform      string
	OwnerInitials string
	OwnerName     string
}

// Column is one stage with its count and first cards. Prev and Next are
// the neighbouring stages' keys (empty at the ends), for the keyboard.
type Column struct {
	Stage      stages.Stage
	Name       string
	Count      int64
	Cards      []Card
	Prev, Next string
	More       bool // the column has more creators than it shows
}

// Board is every column of a brand's pipeline for a filter.
type Board struct {
	Columns []Column
	Total   int64
}

// Load builds the board: one grouped count over the stage index and one
// LIMITed, index-ordered query per column.
func Load(ctx context.Context, q db.Querier, store *creator.Store, l *i18n.Localizer, brandID int64, f Filter, members []brand.Member) (*Board, error) {
	list, err := stages.List(ctx, q, brandID)
	if err != nil {
		return nil, err
	}
	base := creator.ListQuery{Q: f.Q, Tag: f.Tag, Owner: f.Owner, Sort: "-followers", Limit: CardsPerColumn}
	// Unfiltered, each column is a walk of the (brand_id, stage,
	// followers_total, id) index that stops after a page, and the counts
	// read that index; filtered, one pass over the matches does it all.
	filtered := f.Q != "" || f.Tag != "" || f.Owner != nil
	var counts map[string]int64
	var tops map[string][]creator.Creator
	if filtered {
		counts, tops, err = store.StageTops(ctx, q, brandID, base, CardsPerColumn)
	} else {
		counts, err = store.StageCounts(ctx, q, brandID, base)
	}
	if err != nil {
		return nil, err
	}
	owners := map[int64]brand.Member{}
	for _, m := range members {
		owners[m.User.ID] = m
	}
	b := &Board{}
	for i, s := range list {
		col := Column{Stage: s, Name: s.Name(l), Count: counts[s.Key]}
		if i > 0 {
			col.Prev = list[i-1].Key
		}
		if i+1 < len(list) {
			col.Next = list[i+1].Key
		}
		b.Total += col.Count
		cards := tops[s.Key]
		if !filtered && col.Count > 0 {
			lq := base
			lq.Stage = s.Key
			page, err := store.List(ctx, q, brandID, lq)
			if err != nil {
				return nil, err
			}
			cards = page.Items
		}
		for _, c := range cards {
			col.Cards = append(col.Cards, cardOf(c, owners))
		}
		col.More = col.Count > int64(len(col.Cards))
		b.Columns = append(b.Columns, col)
	}
	return b, nil
}

func cardOf(c creator.Creator, owners map[int64]brand.Member) Card {
	card := Card{Creator: c}
	var best int64 = -1
	for _, a := range c.SocialAccounts {
		if a.Followers > best {
			best, card.Handle, card.Platform = a.Followers, a.Handle, a.Platform
		}
	}
	if c.OwnerUserID != nil {
		if m, ok := owners[*c.OwnerUserID]; ok {
			card.OwnerName = m.User.Name
			if card.OwnerName == "" {
				card.OwnerName = m.User.Email
			}
			card.OwnerInitials = Initials(card.OwnerName)
		}
	}
	return card
}

// Initials are the first letters of a name's first two words, upper
// case ("Ana María López" → "AM"; "ana@x.test" → "A").
func Initials(name string) string {
	name, _, _ = strings.Cut(name, "@")
	var out []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out = append(out, unicode.ToUpper([]rune(w)[0]))
		if len(out) == 2 {
			break
		}
	}
	return string(out)
}
