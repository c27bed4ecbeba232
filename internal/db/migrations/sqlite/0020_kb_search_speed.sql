-- Knowledge-base search speed (docs/performance.md, "Knowledge-base
-- search").
--
-- A search maps every matching version (the full-text index's rowid) to
-- its article. Looked up in kb_versions itself, that reads a row of the
-- table with the titles and bodies: thousands of pages for a common word,
-- more than the page cache holds. This index is the same mapping in a few
-- dozen pages; the search names it (INDEXED BY), since SQLite otherwise
-- prefers the table for a rowid.
CREATE INDEX kb_versions_article_of ON kb_versions (id, article_id);
