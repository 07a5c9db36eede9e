-- One row per run of a source (a poll, a backfill window, a demo load, a file import), so that
-- the hours in which a source was failing can be shown beside the data (GET /api/gaps). A run
-- is keyed by its id: writing the same run again (a retried insert) replaces the row instead of
-- adding one, once merged; reads use FINAL. An empty error means the run succeeded. kind says
-- whether the run's time is a time the source was collected: a scheduled poll ('poll') collects
-- posts as they appear; a backfill window, a file import or the demo load collect posts of
-- other times.
-- migrate:up
CREATE TABLE IF NOT EXISTS source_runs_v1
(
    id String,
    source String,
    kind String,
    started_at DateTime('UTC'),
    finished_at DateTime('UTC'),
    ok UInt8,
    posts_collected UInt64,
    error String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(started_at)
ORDER BY id;
-- migrate:down
DROP TABLE IF EXISTS source_runs_v1;
