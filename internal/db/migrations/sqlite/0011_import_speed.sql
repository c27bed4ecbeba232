-- Import speed (docs/adr/0013-creator-write-indexes.md).
--
-- creators_brand_email duplicated creators_email (email): emails are
-- nearly unique, so a lookup by brand and email reads one or two entries
-- of the email index and checks the brand on the row.
DROP INDEX creators_brand_email;

-- creator_tags without a rowid: the table is its primary key
-- (creator_id, tag), one B-tree fewer for every tag written.
CREATE TABLE creator_tags_new (
	brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
	creator_id BIGINT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
	tag TEXT NOT NULL,
	PRIMARY KEY (creator_id, tag)
) WITHOUT ROWID;
INSERT INTO creator_tags_new (brand_id, creator_id, tag) SELECT brand_id, creator_id, tag FROM creator_tags;
DROP TABLE creator_tags;
ALTER TABLE creator_tags_new RENAME TO creator_tags;
CREATE INDEX creator_tags_brand_tag ON creator_tags (brand_id, tag, creator_id);
