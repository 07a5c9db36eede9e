-- One row per validation run: a coded sample compared with the stored model labels. The full
-- report (confusion matrices, per-label scores, kappa) is kept as JSON so a run can be shown
-- again exactly as it was computed, whatever the labels are re-scored to later.
-- migrate:up
CREATE TABLE IF NOT EXISTS validation_runs_v1
(
    id String,
    created_at DateTime('UTC'),
    input_name String,
    coded_rows UInt32,
    matched_rows UInt32,
    not_found_rows UInt32,
    tasks Array(String),
    model_versions Array(String),
    topic_pack String,
    software_version String,
    report String
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(created_at)
ORDER BY (created_at, id);
-- migrate:down
DROP TABLE IF EXISTS validation_runs_v1;
