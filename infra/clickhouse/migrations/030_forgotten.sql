-- Tombstones of forgotten posts (`rift forget`, POST /api/forget): one row per request to forget
-- a post (kind 'post': source and id), an author (kind 'author': author_handle, in one source or,
-- with source '', in all) or a whole source (kind 'source'). The posts writer drops every post a
-- tombstone matches, so a later import or poll cannot bring it back. The rows are also the record
-- of what was forgotten, by whom (actor) and when; posts is how many stored posts left posts_v1.
-- migrate:up
CREATE TABLE IF NOT EXISTS forgotten_v1
(
    kind Enum8('post' = 1, 'author' = 2, 'source' = 3),
    source String,
    id String,
    author_handle String,
    posts UInt64,
    actor String,
    forgotten_at DateTime('UTC')
)
ENGINE = MergeTree
ORDER BY (kind, source, id, author_handle);
-- migrate:down
DROP TABLE IF EXISTS forgotten_v1;
