-- Who changed what, and when: one row per change to an API key, an alert rule, a saved view, a
-- validation run or the stored posts (rift forget). Rows are only ever added. actor is the API
-- key id of the request ("key:1a2b3c4d5e6f") or "cli" for a command run on the host.
-- migrate:up
CREATE TABLE IF NOT EXISTS audit_log_v1
(
    at DateTime('UTC'),
    actor String,
    action String,
    object_type String,
    object_id String,
    detail String
)
ENGINE = MergeTree
ORDER BY (at, object_type, object_id);
-- migrate:down
DROP TABLE IF EXISTS audit_log_v1;
