-- Import storage (docs/adr/0014-import-storage.md).
--
-- The creators' full-text index keeps only which creators hold each word
-- (detail = none) and no per-creator column sizes (columnsize = 0): search
-- matches word prefixes and never ranks, phrases or NEARs, so positions
-- and sizes were written for every creator and never read. Half the cost
-- of indexing a creator's words. The triggers of 0001 keep it in step.
DROP TABLE creators_fts;
CREATE VIRTUAL TABLE creators_fts USING fts5 (
	search_text, content = 'creators', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3 4 5', detail = none, columnsize = 0
);
INSERT INTO creators_fts (creators_fts) VALUES ('rebuild');

-- No query reads social accounts by (brand, platform, followers): the
-- list's platform filter probes social_accounts_creator, the rest read
-- by brand through social_accounts_handle_unique. One index fewer for
-- every account written.
DROP INDEX social_accounts_brand_platform_followers;
