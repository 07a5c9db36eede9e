-- Cluster form of migrations/001_posts.sql. Run once, on any node, with
--   clickhouse-client --multiquery < 001_posts.sql
-- posts_local holds each shard's posts, replicated within the shard through Keeper; posts_v1 is
-- the Distributed table Rift reads and writes. Rows are placed by cityHash64(source, id), so every
-- version of a post (and its sign = -1 retraction) lands on one shard, where FINAL and the
-- ReplacingMergeTree merge can see them together.
CREATE DATABASE IF NOT EXISTS rift ON CLUSTER rift_cluster;

CREATE TABLE IF NOT EXISTS rift.posts_local ON CLUSTER rift_cluster
(
    source String,
    id String,
    url String,
    author_handle String,
    author_name String,
    author_description String,
    author_verified_domain String,
    created_at DateTime('UTC'),
    text String,
    text_truncated UInt8,
    lang String,
    likes UInt32,
    reposts UInt32,
    replies UInt32,
    matched_terms Array(String),
    synthetic UInt8,
    raw String,
    sentiment Enum8('negative' = 1, 'neutral' = 2, 'positive' = 3),
    sentiment_score Float32,
    sentiment_confidence Float32,
    stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3),
    stance_confidence Float32,
    topics Array(String),
    actor Enum8('public' = 1, 'us_government' = 2, 'foreign_government' = 3, 'media' = 4, 'company' = 5),
    actor_confidence Float32,
    model_version String,
    fingerprint String,
    ingested_at DateTime('UTC'),
    version UInt64,
    sign Int8
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/rift/posts_local', '{replica}', version)
PARTITION BY toYYYYMM(created_at)
ORDER BY (source, id);

CREATE TABLE IF NOT EXISTS rift.posts_v1 ON CLUSTER rift_cluster AS rift.posts_local
ENGINE = Distributed(rift_cluster, rift, posts_local, cityHash64(source, id));
