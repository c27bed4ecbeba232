package applications

import (
	"context"
	"encoding/json"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

// SaveConfig stores the brand's setup, audited, and re-scores the
// applications waiting for a decision against it. It returns how many
// were re-scored.
func (s *Service) SaveConfig(ctx context.Context, p *auth.Principal, c Config) (int, error) {
	now := s.Now().UTC()
	n := 0
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		before, err := LoadConfig(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		if err := saveConfig(ctx, tx, p.BrandID, c, now); err != nil {
			return err
		}
		if n, err = rescore(ctx, tx, p.BrandID, c); err != nil {
			return err
		}
		changes := audit.Diff(configSnapshot(before), configSnapshot(c))
		if len(changes) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, p, p.BrandID, "update", "application_settings", "", changes, now)
	})
	return n, err
}

// configSnapshot is the audited view of a setup: each top-level field as
// JSON, so the log shows which parts changed.
func configSnapshot(c Config) map[string]any {
	raw, _ := json.Marshal(c)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return m
}
