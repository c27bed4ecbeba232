-- Knowledge-base search speed (docs/performance.md, "Knowledge-base
-- search").
--
-- A search tests and ranks the search_vector of every version that
-- matches. A version's vector is about 2 kB and barely compresses, so the
-- default storage (EXTENDED) moved it out of the row into the TOAST
-- table, and every match cost TOAST lookups: about 100 ms of CPU for a
-- word found in 5,000 of 30,000 versions. MAIN keeps the vector in the
-- row (out of line only when a row would not fit in a page, as for a
-- very long article); the title and body, still EXTENDED, move out
-- instead, and only the 30 results shown read them.
ALTER TABLE kb_versions ALTER COLUMN search_vector SET STORAGE MAIN;
-- SET STORAGE applies to rows written from now on: write the existing
-- ones again (the generated vector is computed anew).
UPDATE kb_versions SET search_title = search_title;

-- Articles change a few times a day at most: each save updates the index
-- at once instead of queueing its entries in a pending list, which every
-- search reads in full until a VACUUM merges it (about 2 ms of CPU per
-- search after 30,000 versions were written in one go).
ALTER INDEX kb_versions_search SET (fastupdate = off);
SELECT gin_clean_pending_list('kb_versions_search'::regclass);
