-- A small hourly rollup of posts per source, model version and synthetic flag: what GET /api/summary
-- and GET /api/gaps need, without reading posts_v1 FINAL or the wide trends_hourly_v1 (which splits
-- every hour by actor, stance, sentiment and language). Signed counts, like the other rollups.
-- The INSERT fills it from the posts already stored, once (it skips when the rollup holds rows);
-- run the migration with the analyze workers stopped, as a rollup rebuild is run, so that no post
-- is written between that INSERT and the view that counts the posts written after it.
-- migrate:up
CREATE TABLE IF NOT EXISTS source_hourly_v1
(
    hour DateTime('UTC'),
    source String,
    model_version String,
    synthetic UInt8,
    posts AggregateFunction(sum, Int64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(hour)
ORDER BY (source, hour, model_version, synthetic);
INSERT INTO source_hourly_v1 (hour, source, model_version, synthetic, posts)
SELECT toStartOfHour(created_at) AS hour, source, model_version, synthetic, sumState(toInt64(sign)) AS posts
FROM (SELECT created_at, source, model_version, synthetic, sign FROM posts_v1 FINAL)
WHERE sign = 1 AND (SELECT count() FROM source_hourly_v1) = 0
GROUP BY hour, source, model_version, synthetic;
CREATE MATERIALIZED VIEW IF NOT EXISTS source_hourly_mv_v1 TO source_hourly_v1 AS
SELECT
    toStartOfHour(created_at) AS hour,
    source,
    model_version,
    synthetic,
    sumState(toInt64(sign)) AS posts
FROM posts_v1
GROUP BY hour, source, model_version, synthetic;
-- migrate:down
DROP TABLE IF EXISTS source_hourly_mv_v1;
DROP TABLE IF EXISTS source_hourly_v1;
