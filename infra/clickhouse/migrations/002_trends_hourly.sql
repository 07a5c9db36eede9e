-- Hourly rollup that trend queries read: counts and sentiment sums per actor, stance,
-- sentiment label, language and source. Sums are signed, so retracted rows subtract.
-- migrate:up
CREATE TABLE IF NOT EXISTS trends_hourly_v1
(
    hour DateTime('UTC'),
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
ORDER BY (hour, actor, stance, sentiment, lang, source);
CREATE MATERIALIZED VIEW IF NOT EXISTS trends_hourly_mv_v1 TO trends_hourly_v1 AS
SELECT
    toStartOfHour(created_at) AS hour,
    source,
    actor,
    stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
GROUP BY hour, source, actor, stance, sentiment, lang;
-- migrate:down
DROP TABLE IF EXISTS trends_hourly_mv_v1;
DROP TABLE IF EXISTS trends_hourly_v1;
