-- Creator portal and invitations (issue 3, sections 5 and 6).
-- Times are UTC unix milliseconds in BIGINT on both engines.

-- One identity per email across every brand of the installation. A
-- creator record of any brand belongs to the identity whose email it has.
CREATE TABLE creator_identities (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL DEFAULT '',
	locale TEXT NOT NULL DEFAULT '',
	ship_name TEXT NOT NULL DEFAULT '',
	ship_line1 TEXT NOT NULL DEFAULT '',
	ship_line2 TEXT NOT NULL DEFAULT '',
	ship_city TEXT NOT NULL DEFAULT '',
	ship_region TEXT NOT NULL DEFAULT '',
	ship_postal_code TEXT NOT NULL DEFAULT '',
	ship_country TEXT NOT NULL DEFAULT '',
	ship_phone TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
-- Creator emails are stored lower-case; the portal finds every brand's
-- record of one person by email alone.
CREATE INDEX creators_email ON creators (email);

-- Magic sign-in links, stored hashed, single use.
CREATE TABLE portal_links (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	email TEXT NOT NULL,
	next_path TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at BIGINT
);

-- Link requests, counted per email and per address for the rate limit.
CREATE TABLE portal_link_requests (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	ip TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX portal_link_requests_email ON portal_link_requests (email, at);
CREATE INDEX portal_link_requests_ip ON portal_link_requests (ip, at);

-- Portal sessions, separate from staff sessions; stored hashed.
CREATE TABLE portal_sessions (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	identity_id BIGINT NOT NULL REFERENCES creator_identities(id) ON DELETE CASCADE,
	created_at BIGINT NOT NULL,
	last_seen_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX portal_sessions_identity ON portal_sessions (identity_id);

-- Invitation email templates, per brand, with a text per language.
CREATE TABLE invite_templates (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	followup_days INTEGER NOT NULL DEFAULT 4,
	max_followups INTEGER NOT NULL DEFAULT 2,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	CONSTRAINT invite_templates_name_unique UNIQUE (brand_id, name)
);

CREATE TABLE invite_template_texts (
	template_id BIGINT NOT NULL REFERENCES invite_templates(id) ON DELETE CASCADE,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	locale TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (template_id, locale)
);

CREATE TABLE invite_settings (
	brand_id BIGINT PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
	daily_limit INTEGER NOT NULL DEFAULT 200,
	updated_at BIGINT NOT NULL
);

-- Invitation emails booked per brand and UTC day (day = unix ms / 86400000),
-- for the daily sending limit: a send is booked on the first day with room.
CREATE TABLE invite_daily_sends (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	day BIGINT NOT NULL,
	booked INTEGER NOT NULL,
	PRIMARY KEY (brand_id, day)
);

CREATE TABLE invitations (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	creator_id BIGINT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
	template_id BIGINT REFERENCES invite_templates(id) ON DELETE SET NULL,
	status TEXT NOT NULL DEFAULT 'pending',
	locale TEXT NOT NULL,
	sender_name TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	scheduled_at BIGINT NOT NULL,
	sent_at BIGINT,
	followups_sent INTEGER NOT NULL DEFAULT 0,
	next_followup_at BIGINT,
	replied_at BIGINT,
	responded_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX invitations_brand ON invitations (brand_id, id);
CREATE INDEX invitations_brand_status ON invitations (brand_id, status, id);
CREATE INDEX invitations_creator ON invitations (creator_id, id);
-- At most one open invitation per creator.
CREATE UNIQUE INDEX invitations_open ON invitations (creator_id) WHERE status = 'pending';
