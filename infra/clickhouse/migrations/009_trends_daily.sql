-- Daily versions of trends_hourly_v1 and topic_trends_hourly_v1: the same labels and aggregate
-- states, one row per UTC day instead of per hour, so day and week trends over long windows read
-- up to 24 times fewer rows (api/src/queries/rollup-choice.ts decides when they answer exactly).
-- Their views read posts_v1 like the hourly ones, not the hourly tables, so every rollup depends
-- only on the stored posts and is checked and rebuilt from them alike (core/src/tables/rollups.ts).
-- The last two statements fill the tables from the posts already stored, as rebuildRollupMonth
-- does. Posts written while they run can be counted twice or missed: migrate with the analyze
-- workers stopped, and `rift rollups verify` (then `rift rollups rebuild`) finds and fixes a month
-- that came out wrong.
-- migrate:up
CREATE TABLE IF NOT EXISTS trends_daily_v1
(
    day DateTime('UTC'),
    source String,
    actor Enum8('public' = 1, 'us_government' = 2, 'foreign_government' = 3, 'media' = 4, 'company' = 5),
    stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3),
    sentiment Enum8('negative' = 1, 'neutral' = 2, 'positive' = 3),
    lang String,
    posts AggregateFunction(sum, Int64),
    sentiment_sum AggregateFunction(sum, Float64),
    sentiment_sq_sum AggregateFunction(sum, Float64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (day, actor, stance, sentiment, lang, source);
CREATE TABLE IF NOT EXISTS topic_trends_daily_v1
(
    day DateTime('UTC'),
    topic String,
    source String,
    actor Enum8('public' = 1, 'us_government' = 2, 'foreign_government' = 3, 'media' = 4, 'company' = 5),
    stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3),
    sentiment Enum8('negative' = 1, 'neutral' = 2, 'positive' = 3),
    lang String,
    posts AggregateFunction(sum, Int64),
    sentiment_sum AggregateFunction(sum, Float64),
    sentiment_sq_sum AggregateFunction(sum, Float64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (topic, day, actor, stance, sentiment, lang, source);
CREATE MATERIALIZED VIEW IF NOT EXISTS trends_daily_mv_v1 TO trends_daily_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    source,
    actor,
    stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
GROUP BY day, source, actor, stance, sentiment, lang;
CREATE MATERIALIZED VIEW IF NOT EXISTS topic_trends_daily_mv_v1 TO topic_trends_daily_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    topic,
    source,
    actor,
    stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
ARRAY JOIN topics AS topic
GROUP BY day, topic, source, actor, stance, sentiment, lang;
INSERT INTO trends_daily_v1 (day, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfDay(created_at) AS day, source, actor, stance, sentiment, lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1
GROUP BY day, source, actor, stance, sentiment, lang;
INSERT INTO topic_trends_daily_v1 (day, topic, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfDay(created_at) AS day, topic, source, actor, stance, sentiment, lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM (SELECT * FROM posts_v1 FINAL) ARRAY JOIN topics AS topic WHERE sign = 1
GROUP BY day, topic, source, actor, stance, sentiment, lang;
-- migrate:down
DROP TABLE IF EXISTS topic_trends_daily_mv_v1;
DROP TABLE IF EXISTS trends_daily_mv_v1;
DROP TABLE IF EXISTS topic_trends_daily_v1;
DROP TABLE IF EXISTS trends_daily_v1;
