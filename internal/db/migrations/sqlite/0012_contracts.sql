-- Contracts and hour commitments (issue 5, section 1): each brand's
-- service agreement with the account team. A brand without a row here
-- has the defaults of internal/contract (40 h community manager, 10 h
-- account manager, 8-week onboarding); saving writes every row.

CREATE TABLE brand_contracts (
	brand_id BIGINT PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
	plan_name TEXT NOT NULL DEFAULT '',
	-- Calendar dates, ISO 'YYYY-MM-DD'.
	starts_on TEXT,
	ends_on TEXT,
	renewal_on TEXT,
	notice_days INTEGER NOT NULL DEFAULT 30,
	auto_renew BOOLEAN NOT NULL DEFAULT FALSE,
	onboarding_weeks INTEGER NOT NULL DEFAULT 8,
	notes TEXT NOT NULL DEFAULT '',
	updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	updated_at BIGINT NOT NULL
);

-- The person holding each role for the brand (brand_executive,
-- community_manager, account_manager); not necessarily a Roster user.
CREATE TABLE contract_contacts (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	role TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (brand_id, role)
);

-- Monthly minutes per role and activity category, and the extra minutes
-- in each month that overlaps the onboarding period.
CREATE TABLE contract_commitments (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	role TEXT NOT NULL,
	category TEXT NOT NULL,
	monthly_minutes INTEGER NOT NULL,
	onboarding_extra_minutes INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (brand_id, role, category)
);
