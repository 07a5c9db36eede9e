-- The canonical fields a source did not hold for a post (a Zeeschuimer capture from a page's
-- HTML has no body, author id or time of posting), listed rather than guessed. Empty for every
-- source that gives all fields, and for rows stored before this column.
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS; the migrator records this one statement
-- only after it succeeds.
-- migrate:up
ALTER TABLE posts_v1 ADD COLUMN missing_fields Array(String) AFTER synthetic;
-- migrate:down
ALTER TABLE posts_v1 DROP COLUMN missing_fields;
