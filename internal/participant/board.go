package participant

import (
	"context"
	"database/sql"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

// CardsPerColumn is how many participants a board column shows; its
// count says how many there are.
const CardsPerColumn = 20

// Card is one participant on the board.
type Card struct {
	ID          int64
	CreatorID   int64
	CreatorName string
	Followers   int64
	OfferStatus string
	FeeMinor    int64
	Currency    string
}

// Column is one stage with its count and first cards; Prev and Next are
// the neighbouring stages' keys (empty at the ends), for the keyboard.
type Column struct {
	Stage      Stage
	Name       string
	Count      int64
	Cards      []Card
	Prev, Next string
	More       bool
}

// Board is a campaign's participants by stage.
type Board struct {
	Columns []Column
	Total   int64
}

// LoadBoard builds a campaign's board: one grouped count over the
// (brand, campaign, stage, id) index and, per non-empty column, one
// LIMITed walk of the same index backwards (newest first).
func LoadBoard(ctx context.Context, q db.Querier, l *i18n.Localizer, brandID, campaignID int64) (*Board, error) {
	list, err := Stages(ctx, q, brandID)
	if err != nil {
		return nil, err
	}
	counts, err := boardCounts(ctx, q, brandID, campaignID)
	if err != nil {
		return nil, err
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
		if col.Count > 0 {
			if col.Cards, err = boardCards(ctx, q, brandID, campaignID, s.Key); err != nil {
				return nil, err
			}
		}
		col.More = col.Count > int64(len(col.Cards))
		b.Total += col.Count
		b.Columns = append(b.Columns, col)
	}
	return b, nil
}

func boardCounts(ctx context.Context, q db.Querier, brandID, campaignID int64) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT stage, count(*) FROM campaign_participants WHERE brand_id = ? AND campaign_id = ? GROUP BY stage`,
		brandID, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var key string
		var n int64
		if err := rows.Scan(&key, &n); err != nil {
			return nil, err
		}
		out[key] = n
	}
	return out, rows.Err()
}

func boardCards(ctx context.Context, q db.Querier, brandID, campaignID int64, stage string) ([]Card, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.creator_id, c.display_name, c.followers_total, p.offer_status, o.fee_minor, o.currency
		FROM (SELECT id, creator_id, offer_status, offer_id FROM campaign_participants
		      WHERE brand_id = ? AND campaign_id = ? AND stage = ? ORDER BY id DESC LIMIT ?) p
		JOIN creators c ON c.id = p.creator_id
		LEFT JOIN participant_offers o ON o.id = p.offer_id
		ORDER BY p.id DESC`, brandID, campaignID, stage, CardsPerColumn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Card
	for rows.Next() {
		var c Card
		var fee sql.NullInt64
		var currency sql.NullString
		if err := rows.Scan(&c.ID, &c.CreatorID, &c.CreatorName, &c.Followers, &c.OfferStatus, &fee, &currency); err != nil {
			return nil, err
		}
		c.FeeMinor, c.Currency = fee.Int64, currency.String
		out = append(out, c)
	}
	return out, rows.Err()
}
