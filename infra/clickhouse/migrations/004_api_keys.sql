-- API keys. Only the SHA-256 of a key is stored; the key itself is shown once, by
-- `rift keys create`. Revoking inserts a copy of the row with revoked = 1 and a higher version;
-- ReplacingMergeTree keeps the newest, so reads use FINAL.
-- migrate:up
CREATE TABLE IF NOT EXISTS api_keys_v1
(
    id String,
    name String,
    role Enum8('viewer' = 1, 'analyst' = 2, 'admin' = 3),
    hash String,
    created_at DateTime('UTC'),
    revoked UInt8,
    revoked_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
-- migrate:down
DROP TABLE IF EXISTS api_keys_v1;
