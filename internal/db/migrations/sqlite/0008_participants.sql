-- Campaign participants (issue 4, section 2): each brand's participant
-- stages, the creators taking part in each campaign, every stage move,
-- the offers made to them (immutable snapshots, counter-offers included)
-- and their acceptances. Times are UTC unix milliseconds; dates are ISO
-- 'YYYY-MM-DD' text; money is integer minor units with its currency.

-- A brand with no rows here uses the default participant stages; the
-- first change writes all of them. label is the brand's own name; empty
-- means the translated default name of key. kind: open, done or out.
CREATE TABLE participant_stages (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	key TEXT NOT NULL,
	label TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (brand_id, key)
);

CREATE TABLE campaign_participants (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
	creator_id BIGINT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
	stage TEXT NOT NULL,
	-- Where the offer stands: awaiting_creator, awaiting_brand (a
	-- counter-offer), accepted, declined, withdrawn.
	offer_status TEXT NOT NULL,
	-- The latest offer (participant_offers.id); no foreign key, since
	-- offers reference participants.
	offer_id BIGINT,
	-- The language the creator is written to in.
	locale TEXT NOT NULL,
	invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (campaign_id, creator_id)
);
-- The board: counts per stage and each column's first cards, newest first.
CREATE INDEX campaign_participants_board ON campaign_participants (brand_id, campaign_id, stage, id);
CREATE INDEX campaign_participants_creator_any ON campaign_participants (creator_id);

CREATE TABLE participant_stage_events (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	participant_id BIGINT NOT NULL REFERENCES campaign_participants(id) ON DELETE CASCADE,
	from_stage TEXT NOT NULL,
	to_stage TEXT NOT NULL,
	actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	actor_label TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	at BIGINT NOT NULL
);
CREATE INDEX participant_stage_events_participant ON participant_stage_events (participant_id, id);

-- An offer is never updated: a counter-offer or a new offer is the next
-- revision. made_by is 'brand' or 'creator' (a counter-offer).
-- deliverables and terms are JSON snapshots taken when the offer was made.
CREATE TABLE participant_offers (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	participant_id BIGINT NOT NULL REFERENCES campaign_participants(id) ON DELETE CASCADE,
	revision INTEGER NOT NULL,
	made_by TEXT NOT NULL,
	deliverables TEXT NOT NULL,
	product TEXT NOT NULL DEFAULT '',
	coupon_code TEXT NOT NULL DEFAULT '',
	commission_bp INTEGER NOT NULL DEFAULT 0,
	fee_minor BIGINT NOT NULL DEFAULT 0,
	currency TEXT NOT NULL,
	-- Dates a counter-offer proposes (or an offer states); may be empty.
	starts_on TEXT,
	due_on TEXT,
	message TEXT NOT NULL DEFAULT '',
	terms_id BIGINT REFERENCES campaign_terms(id),
	terms TEXT NOT NULL DEFAULT '',
	actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	actor_label TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (participant_id, revision)
);

-- One acceptance per offer. snapshot is the offer and the terms as the
-- accepting party saw them, in JSON, so it is shown later exactly so.
CREATE TABLE participant_acceptances (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	participant_id BIGINT NOT NULL REFERENCES campaign_participants(id) ON DELETE CASCADE,
	offer_id BIGINT NOT NULL REFERENCES participant_offers(id) ON DELETE CASCADE,
	terms_id BIGINT REFERENCES campaign_terms(id),
	snapshot TEXT NOT NULL,
	actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	actor_label TEXT NOT NULL,
	client_ip TEXT NOT NULL,
	user_agent TEXT NOT NULL,
	accepted_at BIGINT NOT NULL,
	UNIQUE (offer_id)
);
CREATE INDEX participant_acceptances_participant ON participant_acceptances (participant_id);
