-- Pipeline: each brand's relationship stages and every creator's stage changes.

-- A brand with no rows here uses the seven default stages; the first
-- change to its stages writes all of them. label is the brand's own name
-- for the stage; empty means the translated default name of key.
CREATE TABLE brand_stages (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	key TEXT NOT NULL,
	label TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (brand_id, key)
);

CREATE TABLE creator_stage_events (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	creator_id BIGINT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
	from_stage TEXT NOT NULL,
	to_stage TEXT NOT NULL,
	actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	actor_label TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	at BIGINT NOT NULL
);
CREATE INDEX creator_stage_events_creator ON creator_stage_events (brand_id, creator_id, id);

-- The board's owner filter (and the FK's ON DELETE SET NULL) find a
-- brand's creators of one owner without reading all of them.
CREATE INDEX creators_brand_owner ON creators (brand_id, owner_user_id);
