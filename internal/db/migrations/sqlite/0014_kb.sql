-- Knowledge base (issue 5, section 5). Articles belong to the whole
-- installation, not to a brand: platform admins write them once for every
-- brand (audience 'brand') or for creators in the portal (audience
-- 'creator'). Each article has one version per language; English is
-- required so every reader has something to fall back to.

CREATE TABLE kb_articles (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	-- One of internal/kb's Categories (a fixed, translated list).
	category TEXT NOT NULL,
	audience TEXT NOT NULL CHECK (audience IN ('brand', 'creator')),
	-- The number of the latest revision, for the editor's stale-edit check.
	revision INTEGER NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX kb_articles_list ON kb_articles (audience, category, id);

-- search_title and search_body are the folded words internal/kb indexes:
-- lower case, accents removed, and runs of Japanese or Chinese characters
-- written out as single characters and bigrams, so both engines match the
-- same words.
CREATE TABLE kb_versions (
	id INTEGER PRIMARY KEY,
	article_id BIGINT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
	locale TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	search_title TEXT NOT NULL,
	search_body TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (article_id, locale)
);

CREATE VIRTUAL TABLE kb_versions_fts USING fts5 (
	search_title, search_body, content = 'kb_versions', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
-- A word in the title weighs ten times one in the body.
INSERT INTO kb_versions_fts (kb_versions_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
CREATE TRIGGER kb_versions_fts_insert AFTER INSERT ON kb_versions BEGIN
	INSERT INTO kb_versions_fts (rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body);
END;
CREATE TRIGGER kb_versions_fts_delete AFTER DELETE ON kb_versions BEGIN
	INSERT INTO kb_versions_fts (kb_versions_fts, rowid, search_title, search_body) VALUES ('delete', old.id, old.search_title, old.search_body);
END;
CREATE TRIGGER kb_versions_fts_update AFTER UPDATE OF search_title, search_body ON kb_versions BEGIN
	INSERT INTO kb_versions_fts (kb_versions_fts, rowid, search_title, search_body) VALUES ('delete', old.id, old.search_title, old.search_body);
	INSERT INTO kb_versions_fts (rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body);
END;

-- Every change to an article, as a complete snapshot (JSON: slug,
-- category, audience, every language's title and body), so any revision
-- can be restored exactly. Restoring writes a new revision.
CREATE TABLE kb_revisions (
	id INTEGER PRIMARY KEY,
	article_id BIGINT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
	number INTEGER NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('create', 'update', 'restore')),
	restored_from INTEGER,
	snapshot TEXT NOT NULL,
	author_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	author_label TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (article_id, number)
);
