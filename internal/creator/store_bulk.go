package creator

import (
	"context"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/stages"
)

// bulkChunk bounds the ids in one statement, well under both engines'
// limits on bound parameters.
const bulkChunk = 500

// BulkAddTag adds a tag to the brand's creators among ids that lack it
// (and have room for it) and returns the ids it changed, ascending. Ids
// of other brands are ignored.
func (s *Store) BulkAddTag(ctx context.Context, tx *db.Tx, brandID int64, ids []int64, tag string) ([]int64, error) {
	tag, err := bulkTag(tag)
	if err != nil {
		return nil, err
	}
	changed, err := eachChunk(ctx, tx, ids, func(chunk []int64) (string, []any) {
		return `INSERT INTO creator_tags (brand_id, creator_id, tag)
			SELECT c.brand_id, c.id, ? FROM creators c
			WHERE c.brand_id = ? AND c.id IN (` + db.Placeholders(len(chunk)) + `)
			AND NOT EXISTS (SELECT 1 FROM creator_tags t WHERE t.creator_id = c.id AND t.tag = ?)
			AND (SELECT count(*) FROM creator_tags t WHERE t.creator_id = c.id) < ?
			RETURNING creator_id`, append(append([]any{tag, brandID}, int64Args(chunk)...), tag, maxTags)
	})
	if err != nil {
		return nil, err
	}
	return changed, s.refreshSearch(ctx, tx, brandID, changed, s.now())
}

// BulkRemoveTag removes a tag from the brand's creators among ids and
// returns the ids that had it, ascending.
func (s *Store) BulkRemoveTag(ctx context.Context, tx *db.Tx, brandID int64, ids []int64, tag string) ([]int64, error) {
	tag, err := bulkTag(tag)
	if err != nil {
		return nil, err
	}
	changed, err := eachChunk(ctx, tx, ids, func(chunk []int64) (string, []any) {
		return `DELETE FROM creator_tags WHERE brand_id = ? AND tag = ? AND creator_id IN (` + db.Placeholders(len(chunk)) + `)
			RETURNING creator_id`, append([]any{brandID, tag}, int64Args(chunk)...)
	})
	if err != nil {
		return nil, err
	}
	return changed, s.refreshSearch(ctx, tx, brandID, changed, s.now())
}

// BulkSetStage moves the brand's creators among ids to stage and returns
// the ids whose stage changed, ascending.
func (s *Store) BulkSetStage(ctx context.Context, tx *db.Tx, brandID int64, ids []int64, stage string, now time.Time) ([]int64, error) {
	keys, err := stages.Keys(ctx, tx, brandID)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(keys, stage) {
		var errs apperr.Fields
		addField(&errs, "stage", "validation.stage", "stages", joinComma(keys))
		return nil, errs.Err()
	}
	return eachChunk(ctx, tx, ids, func(chunk []int64) (string, []any) {
		return `UPDATE creators SET stage = ?, updated_at = ?
			WHERE brand_id = ? AND stage <> ? AND id IN (` + db.Placeholders(len(chunk)) + `) RETURNING id`,
			append([]any{stage, now.UnixMilli(), brandID, stage}, int64Args(chunk)...)
	})
}

// bulkTag normalises a tag for a bulk action, as Validate would.
func bulkTag(tag string) (string, error) {
	tag = normalizeTag(tag)
	var errs apperr.Fields
	if tag == "" {
		addField(&errs, "tag", "validation.tag_required")
	} else if utf8.RuneCountInString(tag) > maxTagLength {
		addField(&errs, "tag", "validation.tag_too_long", "tag", quoteShort(tag), "max", maxTagLength)
	}
	return tag, errs.Err()
}

// eachChunk runs a RETURNING-id statement over ids in chunks and returns
// the ids it reported, de-duplicated and ascending.
func eachChunk(ctx context.Context, tx *db.Tx, ids []int64, stmt func(chunk []int64) (string, []any)) ([]int64, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	var changed []int64
	for start := 0; start < len(ids); start += bulkChunk {
		query, args := stmt(ids[start:min(start+bulkChunk, len(ids))])
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			changed = append(changed, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.Sort(changed)
	return changed, nil
}

// refreshSearch rewrites search_text (which holds the tags) and
// updated_at of creators whose tags changed.
func (s *Store) refreshSearch(ctx context.Context, tx *db.Tx, brandID int64, ids []int64, now time.Time) error {
	for start := 0; start < len(ids); start += bulkChunk {
		cs, err := loadCreators(ctx, tx, brandID, ids[start:min(start+bulkChunk, len(ids))])
		if err != nil {
			return err
		}
		for i := range cs {
			if _, err := tx.ExecContext(ctx, `UPDATE creators SET search_text = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
				buildSearchText(&cs[i]), now.UnixMilli(), brandID, cs[i].ID); err != nil {
				return err
			}
		}
	}
	return nil
}
