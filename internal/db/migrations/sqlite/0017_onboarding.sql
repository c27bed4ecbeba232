-- Onboarding playbook (issue 5, section 4): the installation's template
-- of milestones (edited by platform admins; Roster's 8-week default
-- while it has no rows) and each brand's plan, copied from the template
-- the first time it is needed and adjustable without changing the template.

CREATE TABLE onboarding_template (
	id INTEGER PRIMARY KEY,
	position INTEGER NOT NULL,
	week INTEGER NOT NULL,
	-- A built-in milestone's key (its title is translated) or '' for one
	-- an admin wrote, whose title is used as written.
	key TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	-- brand or account_team.
	owner_side TEXT NOT NULL,
	-- The event that completes it by itself ('' for none): first_import,
	-- first_goal, first_campaign, first_campaign_active, contract_saved,
	-- training_held, templates_customised, team_invited.
	trigger TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL
);

CREATE TABLE onboarding_milestones (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	week INTEGER NOT NULL,
	key TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	owner_side TEXT NOT NULL,
	trigger TEXT NOT NULL DEFAULT '',
	due_on TEXT NOT NULL,
	-- When it was completed; by_event says an event completed it, not a person.
	done_at BIGINT,
	done_by_event BOOLEAN NOT NULL DEFAULT FALSE,
	done_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX onboarding_milestones_brand ON onboarding_milestones (brand_id, position);
