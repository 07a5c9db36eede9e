// One constant per ClickHouse table and view, so a search finds every reader of a table and a new
// version of one (posts_v2) is one edit here; the migrations in infra/clickhouse/migrations create them.

/** Every stored post and its analysis, newest version per post (migration 001). */
export const POSTS_TABLE = 'posts_v1';

/** Trend rollups by hour and by day, all posts or per topic (migrations 002, 003, 009). */
export const TRENDS_HOURLY_TABLE = 'trends_hourly_v1';
export const TOPIC_TRENDS_HOURLY_TABLE = 'topic_trends_hourly_v1';
export const TRENDS_DAILY_TABLE = 'trends_daily_v1';
export const TOPIC_TRENDS_DAILY_TABLE = 'topic_trends_daily_v1';
/** The materialized view that fills trends_hourly_v1 from posts_v1 (migration 002). */
export const TRENDS_HOURLY_VIEW = 'trends_hourly_mv_v1';

/** The daily rollups without the sentiment label and the language (migration 060): long windows read fewer rows. */
export const TRENDS_DAILY_COMPACT_TABLE = 'trends_daily_compact_v1';
export const TOPIC_TRENDS_DAILY_COMPACT_TABLE = 'topic_trends_daily_compact_v1';

/** Posts per hour, source, model version and synthetic flag (migration 010): what the summary and gaps read. */
export const SOURCE_HOURLY_TABLE = 'source_hourly_v1';

/** Distinct authors per UTC day, source, actor class and on/off topic, as uniq states (migration 051). */
export const AUTHOR_DAYS_TABLE = 'author_days_v1';

/** The divide's sign-weighted sums per author and UTC day or month, source, actor and model version (migration 061). */
export const AUTHOR_PERIODS_TABLE = 'author_periods_v1';

/** One row per run of a source (migration 008): what gaps in collection are found from. */
export const SOURCE_RUNS_TABLE = 'source_runs_v1';

/** Tombstones of forgotten posts, authors and sources (migration 030). */
export const FORGOTTEN_TABLE = 'forgotten_v1';

/** Every change to keys, rules, views, validation runs and posts (migration 031). */
export const AUDIT_LOG_TABLE = 'audit_log_v1';

/** API keys, newest version per key (migration 004). */
export const API_KEYS_TABLE = 'api_keys_v1';

/** Saved dashboard views, newest version per view (migration 007). */
export const SAVED_VIEWS_TABLE = 'saved_views_v1';

/** Validation runs of coded samples, each kept (migration 005). */
export const VALIDATION_RUNS_TABLE = 'validation_runs_v1';

/** Alert rules, each rule's current state, and the history of its state changes (migration 006). */
export const ALERT_RULES_TABLE = 'alert_rules_v1';
export const ALERT_STATE_TABLE = 'alert_state_v1';
export const ALERT_HISTORY_TABLE = 'alert_history_v1';
