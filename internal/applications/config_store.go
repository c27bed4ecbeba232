package applications

import (
	"context"
	"encoding/json"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// LoadConfig returns a brand's setup, or DefaultConfig when none is saved.
func LoadConfig(ctx context.Context, q db.Querier, brandID int64) (Config, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT config FROM application_settings WHERE brand_id = ?`, brandID).Scan(&raw)
	if db.IsNoRows(err) {
		return DefaultConfig(), nil
	}
	if err != nil {
		return Config{}, err
	}
	c := DefaultConfig()
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return Config{}, err
	}
	if c.Intro == nil {
		c.Intro = Text{}
	}
	return c, nil
}

// saveConfig stores a brand's setup (already validated).
func saveConfig(ctx context.Context, tx *db.Tx, brandID int64, c Config, now time.Time) error {
	raw, err := json.Marshal(c)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE application_settings SET config = ?, updated_at = ? WHERE brand_id = ?`,
		string(raw), now.UnixMilli(), brandID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO application_settings (brand_id, config, updated_at) VALUES (?, ?, ?)`,
		brandID, string(raw), now.UnixMilli())
	return err
}
