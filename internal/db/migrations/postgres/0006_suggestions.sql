-- TalentSpider: suggestions a brand dismissed stay dismissed. A candidate is
-- a public social handle, so the dismissal names the handle, not a record
-- of whichever brand it was seen in.
CREATE TABLE suggestion_dismissals (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	platform TEXT NOT NULL,
	handle TEXT NOT NULL,
	dismissed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	at BIGINT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (brand_id, platform, handle)
);
