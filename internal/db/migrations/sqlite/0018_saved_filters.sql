-- Saved creator-list filters (issue 4, "invite creators from the creator
-- list or a saved filter"): a named creator-list query of a brand, shared
-- with its team. query is the canonical query string of the creator list
-- (creator.ParseListQuery reads it); name_key is the name folded to lower
-- case, so names are unique per brand whatever their case.

CREATE TABLE saved_filters (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	name_key TEXT NOT NULL,
	query TEXT NOT NULL,
	created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX saved_filters_name_key ON saved_filters (brand_id, name_key);
