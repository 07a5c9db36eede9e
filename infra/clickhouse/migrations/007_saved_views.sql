-- Saved views: a named page state (the Divide or the Explorer) that a user can reopen. The page's
-- URL parameters are kept as JSON (their names are checked in api/src/views/view-params.ts, so a
-- new parameter needs no migration). A delete inserts a newer version with deleted = 1 and reads
-- use FINAL, like alert_rules_v1. created_by is the id of the API key that saved the view.
-- migrate:up
CREATE TABLE IF NOT EXISTS saved_views_v1
(
    id String,
    name String,
    page String,
    params String,
    created_at DateTime('UTC'),
    created_by String,
    deleted UInt8,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
-- migrate:down
DROP TABLE IF EXISTS saved_views_v1;
