-- The hourly rollup with one row per topic of a post, for topic filters and group_by=topic.
-- Kept apart from trends_hourly_v1 because a post with two topics counts once per topic here.
-- migrate:up
CREATE TABLE IF NOT EXISTS topic_trends_hourly_v1
(
    hour DateTime('UTC'),
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
PARTITION BY toYYYYMM(hour)
ORDER BY (topic, hour, actor, stance, sentiment, lang, source);
CREATE MATERIALIZED VIEW IF NOT EXISTS topic_trends_hourly_mv_v1 TO topic_trends_hourly_v1 AS
SELECT
    toStartOfHour(created_at) AS hour,
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
GROUP BY hour, topic, source, actor, stance, sentiment, lang;
-- migrate:down
DROP TABLE IF EXISTS topic_trends_hourly_mv_v1;
DROP TABLE IF EXISTS topic_trends_hourly_v1;
