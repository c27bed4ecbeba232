-- Time tracking (issue 5, section 2): time people spend on a brand's
-- program, by activity category and optionally campaign, measured against
-- the contract's commitments (0012).

CREATE TABLE time_entries (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	user_id BIGINT NOT NULL REFERENCES users(id),
	-- The role the person held in the brand when the time was logged:
	-- utilization counts it against that role's commitment.
	role TEXT NOT NULL,
	category TEXT NOT NULL,
	campaign_id BIGINT REFERENCES campaigns(id) ON DELETE SET NULL,
	-- The UTC calendar day the work was done, 'YYYY-MM-DD', and its length.
	day TEXT NOT NULL,
	minutes INTEGER NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	-- timer, manual, suggestion or api: how the entry came to be.
	source TEXT NOT NULL,
	-- For timer entries, when the timer started and stopped (unix ms).
	started_at BIGINT,
	ended_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
-- Utilization and the statement read a brand's month by day; the covering
-- columns let both engines sum without visiting the table.
CREATE INDEX time_entries_brand_day ON time_entries (brand_id, day, role, category, user_id, minutes);
CREATE INDEX time_entries_brand_user_day ON time_entries (brand_id, user_id, day);

-- At most one running timer per person and brand; it lives on the server,
-- so it survives a reload, a browser restart or another device.
CREATE TABLE time_timers (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	category TEXT NOT NULL,
	campaign_id BIGINT REFERENCES campaigns(id) ON DELETE SET NULL,
	note TEXT NOT NULL DEFAULT '',
	started_at BIGINT NOT NULL,
	PRIMARY KEY (brand_id, user_id)
);

-- Closed months: their entries can no longer be added, changed or removed.
CREATE TABLE time_closed_months (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	month TEXT NOT NULL,
	closed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	closed_at BIGINT NOT NULL,
	PRIMARY KEY (brand_id, month)
);

-- Utilization alerts sent: once per brand, month, role and threshold.
CREATE TABLE time_alerts (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	month TEXT NOT NULL,
	role TEXT NOT NULL,
	threshold INTEGER NOT NULL,
	used_minutes INTEGER NOT NULL,
	committed_minutes INTEGER NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (brand_id, month, role, threshold)
);

-- Suggested entries a person dismissed, by the suggestion's stable key.
CREATE TABLE time_suggestion_dismissals (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	key TEXT NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (brand_id, user_id, key)
);
