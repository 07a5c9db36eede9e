-- Analysts' alerts. A rule is kept as JSON (its shape is checked in api/src/alerts/rule.ts, so a
-- new rule field needs no migration); editing or deleting inserts a newer version, and reads
-- use FINAL. The state of each rule (ok, pending, firing, resolved) is one row per rule, also
-- replaced by version. History is append-only: one row per state change, which is also the
-- in-app feed. No Nullable: a missing value is has_value = 0.
-- migrate:up
CREATE TABLE IF NOT EXISTS alert_rules_v1
(
    id String,
    rule String,
    created_at DateTime('UTC'),
    updated_at DateTime('UTC'),
    deleted UInt8,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
CREATE TABLE IF NOT EXISTS alert_state_v1
(
    rule_id String,
    state String,
    evaluated_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY rule_id;
CREATE TABLE IF NOT EXISTS alert_history_v1
(
    rule_id String,
    rule_name String,
    at DateTime('UTC'),
    from_state String,
    to_state String,
    has_value UInt8,
    value Float64,
    n UInt64,
    threshold Float64,
    recovery_threshold Float64,
    details String
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(at)
ORDER BY (rule_id, at);
-- migrate:down
DROP TABLE IF EXISTS alert_history_v1;
DROP TABLE IF EXISTS alert_state_v1;
DROP TABLE IF EXISTS alert_rules_v1;
