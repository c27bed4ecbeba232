package kb

import (
	"context"
	"encoding/json"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Articles are installation-wide: no query here has a brand, on purpose
// (see ARCHITECTURE.md). Audience is the only partition readers see.

// Get returns one article with every language.
func Get(ctx context.Context, q db.Querier, id int64) (*Article, error) {
	a := &Article{Versions: map[string]Version{}}
	var created, updated int64
	err := q.QueryRowContext(ctx, `SELECT id, slug, category, audience, revision, created_at, updated_at FROM kb_articles WHERE id = ?`, id).
		Scan(&a.ID, &a.Slug, &a.Category, &a.Audience, &a.Revision, &created, &updated)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "There is no article %d.", id)
	}
	if err != nil {
		return nil, err
	}
	a.CreatedAt, a.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	rows, err := q.QueryContext(ctx, `SELECT locale, title, body FROM kb_versions WHERE article_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l string
		var v Version
		if err := rows.Scan(&l, &v.Title, &v.Body); err != nil {
			return nil, err
		}
		a.Versions[l] = v
	}
	return a, rows.Err()
}

// GetFor returns an article only if it is written for audience; another
// audience's article is NotFound, like one that doesn't exist.
func GetFor(ctx context.Context, q db.Querier, audience string, id int64) (*Article, error) {
	a, err := Get(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if audience != "" && a.Audience != audience {
		return nil, apperr.New(apperr.NotFound, "There is no article %d.", id)
	}
	return a, nil
}

// insert writes a new article from d (already validated) as revision 1.
func insert(ctx context.Context, tx *db.Tx, d Draft, author authorInfo, now time.Time) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO kb_articles (slug, category, audience, revision, created_at, updated_at)
		VALUES (?, ?, ?, 1, ?, ?) RETURNING id`, d.Slug, d.Category, d.Audience, now.UnixMilli(), now.UnixMilli()).Scan(&id); err != nil {
		if db.IsUniqueViolation(err, "slug") {
			return 0, slugTaken()
		}
		return 0, err
	}
	if err := writeVersions(ctx, tx, id, nil, d.Versions, now); err != nil {
		return 0, err
	}
	return id, addRevision(ctx, tx, id, 1, "create", 0, d, author, now)
}

// update replaces article old's content with d as revision old.Revision+1.
func update(ctx context.Context, tx *db.Tx, old *Article, d Draft, action string, restoredFrom int, author authorInfo, now time.Time) (int, error) {
	next := old.Revision + 1
	res, err := tx.ExecContext(ctx, `UPDATE kb_articles SET slug = ?, category = ?, audience = ?, revision = ?, updated_at = ? WHERE id = ? AND revision = ?`,
		d.Slug, d.Category, d.Audience, next, now.UnixMilli(), old.ID, old.Revision)
	if err != nil {
		if db.IsUniqueViolation(err, "slug") {
			return 0, slugTaken()
		}
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n != 1 {
		return 0, staleEdit()
	}
	if err := writeVersions(ctx, tx, old.ID, old.Versions, d.Versions, now); err != nil {
		return 0, err
	}
	return next, addRevision(ctx, tx, old.ID, next, action, restoredFrom, d, author, now)
}

// writeVersions brings the article's versions from old to new, touching
// only the languages that changed (so unchanged rows keep their index
// entries and times).
func writeVersions(ctx context.Context, tx *db.Tx, id int64, old, new map[string]Version, now time.Time) error {
	for l := range old {
		if _, ok := new[l]; !ok {
			if _, err := tx.ExecContext(ctx, `DELETE FROM kb_versions WHERE article_id = ? AND locale = ?`, id, l); err != nil {
				return err
			}
		}
	}
	for _, l := range Locales {
		v, ok := new[l]
		if !ok {
			continue
		}
		was, had := old[l]
		switch {
		case had && was == v:
			continue
		case had:
			_, err := tx.ExecContext(ctx, `UPDATE kb_versions SET title = ?, body = ?, search_title = ?, search_body = ?, updated_at = ?
				WHERE article_id = ? AND locale = ?`, v.Title, v.Body, indexText(v.Title), indexText(v.Body), now.UnixMilli(), id, l)
			if err != nil {
				return err
			}
		default:
			_, err := tx.ExecContext(ctx, `INSERT INTO kb_versions (article_id, locale, title, body, search_title, search_body, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, id, l, v.Title, v.Body, indexText(v.Title), indexText(v.Body), now.UnixMilli())
			if err != nil {
				return err
			}
		}
	}
	return nil
}

type authorInfo struct {
	userID int64
	label  string
}

func addRevision(ctx context.Context, tx *db.Tx, id int64, number int, action string, restoredFrom int, d Draft, author authorInfo, now time.Time) error {
	snap, err := json.Marshal(d)
	if err != nil {
		return err
	}
	var user, from any
	if author.userID != 0 {
		user = author.userID
	}
	if restoredFrom != 0 {
		from = restoredFrom
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO kb_revisions (article_id, number, action, restored_from, snapshot, author_user_id, author_label, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, number, action, from, string(snap), user, author.label, now.UnixMilli())
	return err
}

// Revisions lists an article's revisions, newest first.
func Revisions(ctx context.Context, q db.Querier, id int64) ([]Revision, error) {
	rows, err := q.QueryContext(ctx, `SELECT number, action, restored_from, snapshot, author_label, created_at FROM kb_revisions
		WHERE article_id = ? ORDER BY number DESC`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RevisionOf returns revision number of article id.
func RevisionOf(ctx context.Context, q db.Querier, id int64, number int) (Revision, error) {
	rows, err := q.QueryContext(ctx, `SELECT number, action, restored_from, snapshot, author_label, created_at FROM kb_revisions
		WHERE article_id = ? AND number = ?`, id, number)
	if err != nil {
		return Revision{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Revision{}, err
		}
		return Revision{}, apperr.New(apperr.NotFound, "Article %d has no revision %d.", id, number)
	}
	return scanRevision(rows)
}

type scanner interface{ Scan(...any) error }

func scanRevision(s scanner) (Revision, error) {
	var r Revision
	var from *int64
	var snap string
	var at int64
	if err := s.Scan(&r.Number, &r.Action, &from, &snap, &r.Author, &at); err != nil {
		return r, err
	}
	if from != nil {
		r.RestoredFrom = int(*from)
	}
	r.CreatedAt = time.UnixMilli(at).UTC()
	return r, json.Unmarshal([]byte(snap), &r.Draft)
}
