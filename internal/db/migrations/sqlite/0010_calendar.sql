-- Editorial calendar (issue 4, section 4): the secret iCalendar feed URLs.
-- A feed belongs to one person in one brand (see internal/calendar); only
-- the SHA-256 of its 256-bit token is stored, like every other secret.
-- Revoking or rotating sets revoked_at; at most one feed per person and
-- brand is live at a time.

CREATE TABLE calendar_feeds (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	last_used_at BIGINT,
	revoked_at BIGINT
);
CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds (brand_id, user_id) WHERE revoked_at IS NULL;
