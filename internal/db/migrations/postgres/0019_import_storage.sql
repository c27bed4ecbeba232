-- Import storage (docs/adr/0014-import-storage.md).
--
-- search_text holds the creator's words already split and folded in Go
-- (creator.buildSearchText), so the stored tsvector is made from those
-- words as they are instead of running them through the text-search
-- parser again: a third of the cost of storing a creator's search vector,
-- and documents and queries (built as tsquery literals from the same
-- words) now agree word for word, as SQLite's index does.
DROP INDEX creators_search;
ALTER TABLE creators DROP COLUMN search_vector;
ALTER TABLE creators ADD COLUMN search_vector TSVECTOR
	GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(search_text, ' '), ''))) STORED;
CREATE INDEX creators_search ON creators USING GIN (search_vector);

-- No query reads social accounts by (brand, platform, followers): the
-- list's platform filter probes social_accounts_creator, the rest read
-- by brand through social_accounts_handle_unique. One index fewer for
-- every account written.
DROP INDEX social_accounts_brand_platform_followers;
