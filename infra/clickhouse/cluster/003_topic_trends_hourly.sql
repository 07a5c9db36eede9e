-- Cluster form of migrations/003_topic_trends_hourly.sql. Run after 001_posts.sql.
-- Same pattern as 002: a view per shard on posts_local feeding the replicated local rollup,
-- read through the Distributed topic_trends_hourly_v1.
CREATE TABLE IF NOT EXISTS rift.topic_trends_hourly_local ON CLUSTER rift_cluster
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
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/rift/topic_trends_hourly_local', '{replica}')
PARTITION BY toYYYYMM(hour)
ORDER BY (topic, hour, actor, stance, sentiment, lang, source);

CREATE MATERIALIZED VIEW IF NOT EXISTS rift.topic_trends_hourly_mv_v1 ON CLUSTER rift_cluster TO rift.topic_trends_hourly_local AS
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
FROM rift.posts_local
ARRAY JOIN topics AS topic
GROUP BY hour, topic, source, actor, stance, sentiment, lang;

CREATE TABLE IF NOT EXISTS rift.topic_trends_hourly_v1 ON CLUSTER rift_cluster AS rift.topic_trends_hourly_local
ENGINE = Distributed(rift_cluster, rift, topic_trends_hourly_local);
