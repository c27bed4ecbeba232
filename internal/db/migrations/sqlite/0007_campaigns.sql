-- Campaigns (issue 4, section 1): the campaign, its KPI targets, its
-- deliverables, its usage-rights terms (immutable versions) and the
-- brand's campaign templates. Participants, offers and acceptances come
-- in the next migration. Times are UTC unix milliseconds; calendar dates
-- (start, end, due) are ISO 'YYYY-MM-DD' text, which sorts by date.

CREATE TABLE campaigns (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	objective TEXT NOT NULL DEFAULT '',
	-- Markdown as typed; sanitised when rendered, never stored as HTML.
	brief TEXT NOT NULL DEFAULT '',
	-- draft, recruiting, active, completed, archived.
	status TEXT NOT NULL DEFAULT 'draft',
	starts_on TEXT,
	ends_on TEXT,
	-- Comma-separated language codes the campaign runs in, e.g. 'en,es'.
	languages TEXT NOT NULL DEFAULT '',
	-- Money is integer minor units (cents) in the campaign's ISO 4217 currency.
	currency TEXT NOT NULL DEFAULT 'USD',
	budget_minor BIGINT NOT NULL DEFAULT 0,
	-- The default offer new participants are invited with.
	offer_product TEXT NOT NULL DEFAULT '',
	offer_coupon_code TEXT NOT NULL DEFAULT '',
	-- Commission in basis points (1250 = 12.5 %).
	offer_commission_bp INTEGER NOT NULL DEFAULT 0,
	offer_fee_minor BIGINT NOT NULL DEFAULT 0,
	-- How many creators the team expects to take part: with the default
	-- offer's fee it gives the spend the budget check warns about.
	expected_participants INTEGER NOT NULL DEFAULT 0,
	owner_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX campaigns_brand_status ON campaigns (brand_id, status, id);
CREATE INDEX campaigns_brand_starts ON campaigns (brand_id, starts_on, id);
CREATE INDEX campaigns_brand_owner ON campaigns (brand_id, owner_user_id);

-- KPI targets: one row per metric (reach, engagement, clicks, sales, posts, ...).
CREATE TABLE campaign_kpi_targets (
	campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	metric TEXT NOT NULL,
	target BIGINT NOT NULL,
	PRIMARY KEY (campaign_id, metric)
);

CREATE TABLE campaign_deliverables (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	platform TEXT NOT NULL,
	-- post, reel, story, short_video, long_video, blog, live.
	kind TEXT NOT NULL,
	quantity INTEGER NOT NULL DEFAULT 1,
	due_on TEXT,
	-- Space-separated, stored with their # and @.
	hashtags TEXT NOT NULL DEFAULT '',
	mentions TEXT NOT NULL DEFAULT '',
	disclosure TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX campaign_deliverables_campaign ON campaign_deliverables (campaign_id, position);
CREATE INDEX campaign_deliverables_brand_due ON campaign_deliverables (brand_id, due_on);

-- Usage-rights terms. A row is never updated: a change writes the next
-- version, and acceptances point at the row they accepted.
CREATE TABLE campaign_terms (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	-- Comma-separated lists, e.g. 'organic_social,paid_social,web' and 'US,CA'.
	channels TEXT NOT NULL DEFAULT '',
	territories TEXT NOT NULL DEFAULT '',
	duration_days INTEGER NOT NULL DEFAULT 0,
	paid_media BOOLEAN NOT NULL DEFAULT FALSE,
	exclusivity_days INTEGER NOT NULL DEFAULT 0,
	notes TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (campaign_id, version)
);

-- Campaign templates: a campaign's settings, deliverables and terms as a
-- JSON document, with dates stored relative to the start.
CREATE TABLE campaign_templates (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL,
	created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	CONSTRAINT campaign_templates_name_unique UNIQUE (brand_id, name)
);
