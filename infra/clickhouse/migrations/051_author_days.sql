-- Distinct authors per UTC day, source, actor class and on/off topic, as uniq states, so that the
-- n_authors of a day or week trend point is read from this small table instead of every stored
-- post (api/src/queries/author-days.ts says when it answers). An author is a handle within its
-- source, a post without a handle its own author: the same key as the divide's
-- (api/src/queries/divide-moments.ts AUTHOR_KEY). uniq is ClickHouse's adaptive-sample count:
-- exact up to 65,536 authors per state but for 32-bit hash collisions, approximate beyond.
-- A distinct count cannot subtract: the view counts the rows written with sign = 1 and leaves the
-- -1 rows of a re-scored post out, so an author whose post moved to another actor class stays
-- counted under the old one too until `rift rollups rebuild` recomputes the month. The monthly
-- count over every label, which `rift rollups verify` compares with the stored posts, is exact
-- either way. The INSERT fills it from the posts already stored, once (it skips when the table
-- holds rows); migrate with the analyze workers stopped, as for 010.
-- migrate:up
CREATE TABLE IF NOT EXISTS author_days_v1
(
    day DateTime('UTC'),
    source String,
    actor Enum8('public' = 1, 'us_government' = 2, 'foreign_government' = 3, 'media' = 4, 'company' = 5),
    on_topic UInt8,
    authors AggregateFunction(uniq, String)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (day, actor, on_topic, source);
INSERT INTO author_days_v1 (day, source, actor, on_topic, authors)
SELECT toStartOfDay(created_at) AS day, source, actor, on_topic,
       uniqState(if(author_handle = '', concat('post\0', source, '\0', id), concat(source, '\0', author_handle))) AS authors
FROM (SELECT created_at, source, id, author_handle, actor, on_topic, sign FROM posts_v1 FINAL)
WHERE sign = 1 AND (SELECT count() FROM author_days_v1) = 0
GROUP BY day, source, actor, on_topic;
CREATE MATERIALIZED VIEW IF NOT EXISTS author_days_mv_v1 TO author_days_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    source,
    actor,
    on_topic,
    uniqState(if(author_handle = '', concat('post\0', source, '\0', id), concat(source, '\0', author_handle))) AS authors
FROM posts_v1
WHERE sign = 1
GROUP BY day, source, actor, on_topic;
-- migrate:down
DROP TABLE IF EXISTS author_days_mv_v1;
DROP TABLE IF EXISTS author_days_v1;
