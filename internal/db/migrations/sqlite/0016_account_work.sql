-- Account work (issue 5, section 3): the account team's tasks, meetings
-- with their attendees and action items, the tracker of sponsored
-- campaigns and partnerships, and the brand's goals and KPIs.

CREATE TABLE account_meetings (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	-- strategy_call, training, qbr, other.
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	-- Calendar day and start time ('HH:MM', UTC; empty for no set time).
	day TEXT NOT NULL,
	start_time TEXT NOT NULL DEFAULT '',
	duration_minutes INTEGER NOT NULL DEFAULT 60,
	agenda TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	owner_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX account_meetings_brand_day ON account_meetings (brand_id, day, id);

-- Who attends: a team member (user_id) or anyone by name and email.
CREATE TABLE account_meeting_attendees (
	meeting_id BIGINT NOT NULL REFERENCES account_meetings(id) ON DELETE CASCADE,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	name TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (meeting_id, position)
);

-- Tasks; a meeting's action items are tasks pointing at the meeting.
CREATE TABLE account_tasks (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	-- maintenance, training, strategy, other.
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	-- open, in_progress, done, cancelled.
	status TEXT NOT NULL DEFAULT 'open',
	owner_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	due_on TEXT,
	campaign_id BIGINT REFERENCES campaigns(id) ON DELETE SET NULL,
	meeting_id BIGINT REFERENCES account_meetings(id) ON DELETE SET NULL,
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	done_at BIGINT
);
CREATE INDEX account_tasks_brand_status ON account_tasks (brand_id, status, due_on, id);
CREATE INDEX account_tasks_meeting ON account_tasks (meeting_id);

-- Sponsored campaigns and partnerships the account team is pursuing.
CREATE TABLE account_partnerships (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	partner TEXT NOT NULL,
	-- sponsored_campaign, partnership, affiliate, other.
	kind TEXT NOT NULL,
	-- prospect, negotiating, active, completed, lost.
	status TEXT NOT NULL,
	value_minor BIGINT NOT NULL DEFAULT 0,
	currency TEXT NOT NULL DEFAULT 'USD',
	starts_on TEXT,
	ends_on TEXT,
	notes TEXT NOT NULL DEFAULT '',
	owner_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX account_partnerships_brand ON account_partnerships (brand_id, status, id);

-- Goals and KPIs. metric is one Roster computes (active_creators,
-- applicants_reviewed, …) or 'custom' with the actual entered by hand.
CREATE TABLE account_goals (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	metric TEXT NOT NULL,
	label TEXT NOT NULL DEFAULT '',
	target BIGINT NOT NULL,
	period_start TEXT NOT NULL,
	period_end TEXT NOT NULL,
	manual_actual BIGINT,
	owner_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX account_goals_brand ON account_goals (brand_id, period_end, id);
