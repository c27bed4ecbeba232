-- Imports: one row per import (its file, mapping, status and progress),
-- the uploaded file in chunks (so any node can run the job), and the
-- problems found, one row per problem with its line and column.
CREATE TABLE imports (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	file_name TEXT NOT NULL,
	file_size BIGINT NOT NULL DEFAULT 0,
	mapping TEXT NOT NULL DEFAULT '{}',
	status TEXT NOT NULL,
	rows_read BIGINT NOT NULL DEFAULT 0,
	created BIGINT NOT NULL DEFAULT 0,
	updated BIGINT NOT NULL DEFAULT 0,
	unchanged BIGINT NOT NULL DEFAULT 0,
	failed BIGINT NOT NULL DEFAULT 0,
	warnings BIGINT NOT NULL DEFAULT 0,
	merged BIGINT NOT NULL DEFAULT 0,
	bytes_done BIGINT NOT NULL DEFAULT 0,
	error TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	started_at BIGINT,
	updated_at BIGINT NOT NULL,
	finished_at BIGINT
);
CREATE INDEX imports_brand ON imports (brand_id, id DESC);

CREATE TABLE import_chunks (
	import_id BIGINT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (import_id, seq)
);

CREATE TABLE import_problems (
	id INTEGER PRIMARY KEY,
	import_id BIGINT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
	line BIGINT NOT NULL,
	col TEXT NOT NULL,
	value TEXT NOT NULL,
	kind TEXT NOT NULL,
	message_key TEXT NOT NULL,
	message_args TEXT NOT NULL DEFAULT '[]',
	message TEXT NOT NULL
);
CREATE INDEX import_problems_import ON import_problems (import_id, id);
