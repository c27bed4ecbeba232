-- Import speed (docs/adr/0013-creator-write-indexes.md).
--
-- creators_brand_email duplicated creators_email (email): emails are
-- nearly unique, so a lookup by brand and email reads one or two entries
-- of the email index and checks the brand on the row.
DROP INDEX creators_brand_email;
