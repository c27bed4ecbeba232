-- Support tickets (issue 5, section 6): brand users ask their account
-- team technical questions; replies go both ways. Attachments are kept
-- in the database so every node serves them.

CREATE TABLE tickets (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	subject TEXT NOT NULL,
	description TEXT NOT NULL,
	priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	status TEXT NOT NULL CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed')),
	opened_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
	opened_by_label TEXT NOT NULL,
	assignee_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	opened_at BIGINT NOT NULL,
	-- The first reply from the account team, for first-response time.
	first_response_at BIGINT,
	-- Set on moving to resolved or closed, cleared when reopened.
	resolved_at BIGINT,
	updated_at BIGINT NOT NULL
);
CREATE INDEX tickets_brand_status ON tickets (brand_id, status, updated_at);
CREATE INDEX tickets_brand_opened ON tickets (brand_id, opened_at);
CREATE INDEX tickets_assignee ON tickets (assignee_id, status);

CREATE TABLE ticket_replies (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
	author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
	author_label TEXT NOT NULL,
	from_team BOOLEAN NOT NULL,
	body TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX ticket_replies_ticket ON ticket_replies (ticket_id, id);

CREATE TABLE ticket_attachments (
	id INTEGER PRIMARY KEY,
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
	-- NULL: attached to the ticket's description.
	reply_id BIGINT REFERENCES ticket_replies(id) ON DELETE CASCADE,
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size_bytes BIGINT NOT NULL,
	data BLOB NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id, id);
