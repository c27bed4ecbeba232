-- Applications: the public application page's settings per brand, the
-- applications it receives, their social accounts (for duplicate checks
-- and scoring), team reviews, and submission attempts for rate limiting.
CREATE TABLE application_settings (
	brand_id INTEGER PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
	config TEXT NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE applications (
	id INTEGER PRIMARY KEY,
	brand_id INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	creator_id INTEGER REFERENCES creators(id) ON DELETE SET NULL,
	status TEXT NOT NULL,
	name TEXT NOT NULL,
	email TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT '',
	languages TEXT NOT NULL DEFAULT '',
	answers TEXT NOT NULL DEFAULT '{}',
	auto_score INTEGER NOT NULL DEFAULT 0,
	auto_reasons TEXT NOT NULL DEFAULT '[]',
	-- followers the brand had on record for the applicant's accounts when
	-- they applied, so a re-score compares with the same earlier counts.
	recorded_followers TEXT NOT NULL DEFAULT '{}',
	team_score REAL,
	-- auto score × 1000 + team score × 100: one descending key for the
	-- queue and the list, so both page by (queue_rank, id).
	queue_rank INTEGER NOT NULL DEFAULT 0,
	fingerprint TEXT NOT NULL DEFAULT '',
	locale TEXT NOT NULL,
	submitted_at INTEGER NOT NULL,
	decided_at INTEGER,
	decided_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
	decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX applications_brand_rank ON applications (brand_id, status, queue_rank, id);
CREATE INDEX applications_brand_submitted ON applications (brand_id, submitted_at, id);
CREATE INDEX applications_brand_email ON applications (brand_id, email, submitted_at);
CREATE INDEX applications_email ON applications (email);

CREATE TABLE application_accounts (
	id INTEGER PRIMARY KEY,
	brand_id INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
	platform TEXT NOT NULL,
	handle TEXT NOT NULL,
	followers INTEGER NOT NULL DEFAULT 0,
	engagement_rate REAL NOT NULL DEFAULT 0,
	submitted_at INTEGER NOT NULL
);
CREATE INDEX application_accounts_handle ON application_accounts (brand_id, platform, handle, submitted_at);
CREATE INDEX application_accounts_application ON application_accounts (application_id);

CREATE TABLE application_reviews (
	id INTEGER PRIMARY KEY,
	brand_id INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	scores TEXT NOT NULL DEFAULT '{}',
	comment TEXT NOT NULL DEFAULT '',
	updated_at INTEGER NOT NULL,
	UNIQUE (application_id, user_id)
);
CREATE INDEX application_reviews_brand ON application_reviews (brand_id, application_id);

CREATE TABLE application_attempts (
	id INTEGER PRIMARY KEY,
	brand_id INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	ip TEXT NOT NULL,
	email TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX application_attempts_ip ON application_attempts (ip, at);
CREATE INDEX application_attempts_email ON application_attempts (email, at);
