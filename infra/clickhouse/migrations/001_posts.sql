-- One row per post (source + id). Re-scoring inserts a newer `version`; ReplacingMergeTree keeps
-- the newest. When a stored post's analysis changes, the writer inserts, in the same statement,
-- a copy of the old row with sign = -1 (and the old version) so that the rollups fed by the
-- materialized views below subtract the old contribution. Read raw rows with FINAL and sign = 1.
-- migrate:up
CREATE TABLE IF NOT EXISTS posts_v1
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
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(created_at)
ORDER BY (source, id);
-- migrate:down
DROP TABLE IF EXISTS posts_v1;
