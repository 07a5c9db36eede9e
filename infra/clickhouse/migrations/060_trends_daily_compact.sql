-- Daily rollups with fewer labels, for long windows: trends_daily_v1 and topic_trends_daily_v1
-- without the sentiment label and the language, so a two-year window reads a few rows per day
-- (source x actor x stance) instead of one per combination of all six labels.
-- api/src/queries/rollup-choice.ts picks them only for requests that read none of the labels
-- they drop (no sentiment or language filter or grouping, no metric over the sentiment label);
-- they keep the sentiment sums, so the mean sentiment still comes from them exactly.
-- Their views read posts_v1 like the others, so `rift rollups verify` and `rift rollups rebuild`
-- check and refill them from the stored posts alike (core/src/tables/rollups.ts). The INSERTs fill
-- them from the posts already stored: migrate with the analyze workers stopped, as for 009 and 011.
-- migrate:up
CREATE TABLE IF NOT EXISTS trends_daily_compact_v1
(
    day DateTime('UTC'),
    source String,
    actor Enum8('public' = 1, 'us_government' = 2, 'foreign_government' = 3, 'media' = 4, 'company' = 5),
    stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4),
    posts AggregateFunction(sum, Int64),
    sentiment_sum AggregateFunction(sum, Float64),
    sentiment_sq_sum AggregateFunction(sum, Float64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (day, actor, stance, source);
CREATE TABLE IF NOT EXISTS topic_trends_daily_compact_v1
(
    day DateTime('UTC'),
    topic String,
    source String,
    actor Enum8('public' = 1, 'us_government' = 2, 'foreign_government' = 3, 'media' = 4, 'company' = 5),
    stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4),
    posts AggregateFunction(sum, Int64),
    sentiment_sum AggregateFunction(sum, Float64),
    sentiment_sq_sum AggregateFunction(sum, Float64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (topic, day, actor, stance, source);
CREATE MATERIALIZED VIEW IF NOT EXISTS trends_daily_compact_mv_v1 TO trends_daily_compact_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    source,
    actor,
    CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
GROUP BY day, source, actor, stance;
CREATE MATERIALIZED VIEW IF NOT EXISTS topic_trends_daily_compact_mv_v1 TO topic_trends_daily_compact_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    topic,
    source,
    actor,
    CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
ARRAY JOIN topics AS topic
GROUP BY day, topic, source, actor, stance;
INSERT INTO trends_daily_compact_v1 (day, source, actor, stance, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfDay(created_at) AS day, source, actor,
    CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1
GROUP BY day, source, actor, stance;
INSERT INTO topic_trends_daily_compact_v1 (day, topic, source, actor, stance, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfDay(created_at) AS day, topic, source, actor,
    CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM (SELECT * FROM posts_v1 FINAL) ARRAY JOIN topics AS topic WHERE sign = 1
GROUP BY day, topic, source, actor, stance;
-- migrate:down
DROP TABLE IF EXISTS topic_trends_daily_compact_mv_v1;
DROP TABLE IF EXISTS trends_daily_compact_mv_v1;
DROP TABLE IF EXISTS topic_trends_daily_compact_v1;
DROP TABLE IF EXISTS trends_daily_compact_v1;
