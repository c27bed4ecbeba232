-- Creator inbox (issue 4, section 3): conversation threads between a
-- creator and the brand team, their messages, per-person read marks,
-- canned answers, the digest notifications waiting to go out, and the
-- inbound-mail webhook's replay guard and rejections. Times are UTC unix
-- milliseconds.

CREATE TABLE inbox_threads (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	creator_id BIGINT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
	-- NULL: a general conversation, not about one campaign.
	campaign_id BIGINT REFERENCES campaigns(id) ON DELETE SET NULL,
	subject TEXT NOT NULL,
	-- open (the team owes an answer), waiting (on the creator), closed.
	status TEXT NOT NULL DEFAULT 'open',
	assignee_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	-- The <token> of the thread's reply address reply+<token>@<inbound domain>;
	-- random, so addresses cannot be guessed from ids.
	reply_token TEXT NOT NULL UNIQUE,
	message_count INTEGER NOT NULL DEFAULT 0,
	last_message_at BIGINT NOT NULL,
	-- creator or team: who wrote last.
	last_author TEXT NOT NULL,
	-- The newest creator message's id: the thread is unread for a team
	-- member whose read mark is below it.
	last_creator_message_id BIGINT NOT NULL DEFAULT 0,
	-- Metrics: the first creator message, the first team answer after it,
	-- and when the thread was closed (NULL again when it reopens).
	first_creator_at BIGINT,
	first_response_at BIGINT,
	closed_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
-- The inbox pages newest activity first, within the brand and each filter.
CREATE INDEX inbox_threads_brand_last ON inbox_threads (brand_id, last_message_at, id);
CREATE INDEX inbox_threads_brand_status_last ON inbox_threads (brand_id, status, last_message_at, id);
CREATE INDEX inbox_threads_brand_assignee_last ON inbox_threads (brand_id, assignee_user_id, last_message_at, id);
CREATE INDEX inbox_threads_brand_campaign_last ON inbox_threads (brand_id, campaign_id, last_message_at, id);
CREATE INDEX inbox_threads_creator ON inbox_threads (creator_id, last_message_at);
-- Covers the weekly response-time medians: no table reads.
CREATE INDEX inbox_threads_brand_first ON inbox_threads (brand_id, first_creator_at, first_response_at, closed_at);

CREATE TABLE inbox_messages (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	thread_id BIGINT NOT NULL REFERENCES inbox_threads(id) ON DELETE CASCADE,
	-- creator or team.
	author TEXT NOT NULL,
	author_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	author_name TEXT NOT NULL,
	-- Plain text, shown escaped with its line breaks.
	body TEXT NOT NULL,
	-- portal, web, email or api: where it was written.
	channel TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX inbox_messages_thread ON inbox_messages (thread_id, id);

-- Per-person read marks: the newest message id a team member has seen.
CREATE TABLE inbox_reads (
	thread_id BIGINT NOT NULL REFERENCES inbox_threads(id) ON DELETE CASCADE,
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	message_id BIGINT NOT NULL,
	PRIMARY KEY (thread_id, user_id)
);

-- Canned answers per brand and language; {merge_fields} filled on insert.
CREATE TABLE inbox_canned_answers (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	locale TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	CONSTRAINT inbox_canned_title_unique UNIQUE (brand_id, locale, title)
);

-- A digest waiting to go out to one recipient of a thread ('creator' or
-- 'user:<id>'): the first message of a burst books it with a job of the
-- same key, later ones find it booked. The job deletes the row before it
-- reads the messages, so a message either joins this digest or books
-- the next one.
CREATE TABLE inbox_digests (
	thread_id BIGINT NOT NULL REFERENCES inbox_threads(id) ON DELETE CASCADE,
	recipient TEXT NOT NULL,
	job_key TEXT NOT NULL,
	due_at BIGINT NOT NULL,
	PRIMARY KEY (thread_id, recipient)
);

-- The newest message id each recipient was emailed about.
CREATE TABLE inbox_notified (
	thread_id BIGINT NOT NULL REFERENCES inbox_threads(id) ON DELETE CASCADE,
	recipient TEXT NOT NULL,
	message_id BIGINT NOT NULL,
	PRIMARY KEY (thread_id, recipient)
);

-- Inbound-mail webhook tokens already used (replay guard), kept a day.
CREATE TABLE inbox_inbound_tokens (
	token TEXT PRIMARY KEY,
	received_at BIGINT NOT NULL
);

-- Inbound mail that was refused after its signature checked out: an
-- unknown reply address or a sender who is not the thread's creator or
-- a team member. brand_id and thread_id are set when the address was known.
CREATE TABLE inbox_inbound_rejects (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT REFERENCES brands(id) ON DELETE CASCADE,
	thread_id BIGINT REFERENCES inbox_threads(id) ON DELETE SET NULL,
	sender TEXT NOT NULL,
	recipient TEXT NOT NULL,
	subject TEXT NOT NULL,
	reason TEXT NOT NULL,
	received_at BIGINT NOT NULL
);
CREATE INDEX inbox_inbound_rejects_brand ON inbox_inbound_rejects (brand_id, id);

-- Emails may carry a Reply-To (the thread's reply address).
ALTER TABLE outbox ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
