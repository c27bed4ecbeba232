-- Core schema: brands, people, sign-in, audit, creators, jobs, outbox.
-- Times are UTC unix milliseconds in BIGINT on both engines.
CREATE TABLE brands (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	default_locale TEXT NOT NULL DEFAULT 'en',
	created_at BIGINT NOT NULL
);

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL DEFAULT '',
	locale TEXT NOT NULL DEFAULT '',
	is_platform_admin BOOLEAN NOT NULL DEFAULT FALSE,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);

CREATE TABLE memberships (
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	role TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (user_id, brand_id)
);
CREATE INDEX memberships_brand ON memberships (brand_id, user_id);

CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	brand_id BIGINT REFERENCES brands(id) ON DELETE SET NULL,
	user_agent TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	last_seen_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	ip TEXT NOT NULL,
	success BOOLEAN NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- One-time links: password resets and team invitations, stored hashed.
CREATE TABLE auth_links (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	email TEXT NOT NULL,
	user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
	brand_id BIGINT REFERENCES brands(id) ON DELETE CASCADE,
	role TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at BIGINT
);

CREATE TABLE api_tokens (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	prefix TEXT NOT NULL,
	scopes TEXT NOT NULL,
	created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	last_used_at BIGINT,
	revoked_at BIGINT
);
CREATE INDEX api_tokens_brand ON api_tokens (brand_id, id);

CREATE TABLE audit_events (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT REFERENCES brands(id) ON DELETE CASCADE,
	actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	actor_token_id BIGINT REFERENCES api_tokens(id) ON DELETE SET NULL,
	actor_label TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	changes TEXT NOT NULL DEFAULT '{}',
	at BIGINT NOT NULL
);
CREATE INDEX audit_events_brand ON audit_events (brand_id, id DESC);

CREATE TABLE creators (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	display_name TEXT NOT NULL,
	sort_name TEXT NOT NULL,
	email TEXT NOT NULL DEFAULT '',
	country TEXT NOT NULL DEFAULT '',
	languages TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	owner_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	stage TEXT NOT NULL,
	followers_total BIGINT NOT NULL DEFAULT 0,
	search_text TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX creators_brand_created ON creators (brand_id, created_at, id);
CREATE INDEX creators_brand_updated ON creators (brand_id, updated_at, id);
CREATE INDEX creators_brand_name ON creators (brand_id, sort_name, id);
CREATE INDEX creators_brand_followers ON creators (brand_id, followers_total, id);
CREATE INDEX creators_brand_stage_followers ON creators (brand_id, stage, followers_total, id);
CREATE INDEX creators_brand_country_followers ON creators (brand_id, country, followers_total, id);
CREATE INDEX creators_brand_email ON creators (brand_id, email);

-- Prefix indexes: search matches word prefixes, and handles and emails
-- make many distinct words, so "mar"* would otherwise merge thousands of
-- term lists (25 ms instead of 1 ms over 100,000 creators).
CREATE VIRTUAL TABLE creators_fts USING fts5 (
	search_text, content = 'creators', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3 4 5'
);
CREATE TRIGGER creators_fts_insert AFTER INSERT ON creators BEGIN
	INSERT INTO creators_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER creators_fts_delete AFTER DELETE ON creators BEGIN
	INSERT INTO creators_fts (creators_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER creators_fts_update AFTER UPDATE OF search_text ON creators BEGIN
	INSERT INTO creators_fts (creators_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
	INSERT INTO creators_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE creator_tags (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	creator_id BIGINT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
	tag TEXT NOT NULL,
	PRIMARY KEY (creator_id, tag)
);
CREATE INDEX creator_tags_brand_tag ON creator_tags (brand_id, tag, creator_id);

CREATE TABLE social_accounts (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	creator_id BIGINT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
	platform TEXT NOT NULL,
	handle TEXT NOT NULL,
	profile_url TEXT NOT NULL DEFAULT '',
	followers BIGINT NOT NULL DEFAULT 0,
	engagement_rate DOUBLE PRECISION NOT NULL DEFAULT 0,
	metrics_updated_at BIGINT,
	metrics_source TEXT NOT NULL DEFAULT '',
	CONSTRAINT social_accounts_handle_unique UNIQUE (brand_id, platform, handle)
);
CREATE INDEX social_accounts_creator ON social_accounts (creator_id);
CREATE INDEX social_accounts_brand_platform_followers ON social_accounts (brand_id, platform, followers, creator_id);

CREATE TABLE idempotency_keys (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	idem_key TEXT NOT NULL,
	route TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status INTEGER NOT NULL,
	headers TEXT NOT NULL DEFAULT '{}',
	body TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (brand_id, idem_key)
);

CREATE TABLE jobs (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	payload TEXT NOT NULL DEFAULT '{}',
	state TEXT NOT NULL DEFAULT 'available',
	run_at BIGINT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	max_attempts INTEGER NOT NULL DEFAULT 10,
	locked_by TEXT NOT NULL DEFAULT '',
	locked_until BIGINT,
	last_error TEXT NOT NULL DEFAULT '',
	unique_key TEXT,
	created_at BIGINT NOT NULL,
	finished_at BIGINT
);
CREATE INDEX jobs_ready ON jobs (state, run_at);
-- At most one pending or running job per (kind, unique_key); finished ones
-- leave the index so the same key can be enqueued again.
CREATE UNIQUE INDEX jobs_unique ON jobs (kind, unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'running');

CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT REFERENCES brands(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	to_addr TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	locale TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	sent_at BIGINT,
	attempts INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_brand ON outbox (brand_id, id DESC);
