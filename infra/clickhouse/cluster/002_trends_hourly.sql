-- Cluster form of migrations/002_trends_hourly.sql. Run after 001_posts.sql.
-- The view sits on posts_local, so on each shard it sees exactly the rows inserted there
-- (a post's +1 row and its -1 retraction together) and feeds that shard's trends_hourly_local.
-- It fires on the replica that received the INSERT; the other replica gets the rollup rows by
-- replication, which is why trends_hourly_local is replicated too. trends_hourly_v1 reads all
-- shards; sumMerge over it merges the partial states of every shard.
-- The view keeps the single-node name, so Rift's own migration (CREATE ... IF NOT EXISTS) finds
-- it and does not add a second view on the Distributed table.
CREATE TABLE IF NOT EXISTS rift.trends_hourly_local ON CLUSTER rift_cluster
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
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/rift/trends_hourly_local', '{replica}')
PARTITION BY toYYYYMM(hour)
ORDER BY (hour, actor, stance, sentiment, lang, source);

CREATE MATERIALIZED VIEW IF NOT EXISTS rift.trends_hourly_mv_v1 ON CLUSTER rift_cluster TO rift.trends_hourly_local AS
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
FROM rift.posts_local
GROUP BY hour, source, actor, stance, sentiment, lang;

-- For reads only: the rows are written by the view on each shard, never through this table.
CREATE TABLE IF NOT EXISTS rift.trends_hourly_v1 ON CLUSTER rift_cluster AS rift.trends_hourly_local
ENGINE = Distributed(rift_cluster, rift, trends_hourly_local);
