// The front door of @rift/core: the post model, labels, configuration, the SQL escaping layer,
// the ClickHouse and Redis clients and the tables' writers and readers, as the other rooms use them.
// Its package.json exports only this file; a name another room needs is added here.
export { ClickHouse, localTableName, qualifiedTable, StoreError, toDateTimeText } from './clickhouse.ts';
export { serversNotReady } from './cluster-servers.ts';
export { type Config, loadConfig, publicUrl, REPO_ROOT } from './config.ts';
export { CopyClusters } from './copy-clusters.ts';
export { COPY_DEFINITION } from './copy-signature.ts';
export { DeadLetters } from './dead-letters.ts';
export { ForgetError, forgetPosts } from './forget.ts';
export { ACTOR_CLASSES, type ActorClass, SENTIMENT_LABELS, type SentimentLabel, STANCE_LABELS, type StanceLabel } from './labels.ts';
export { createLogger, type Logger } from './log.ts';
export { clickhouseQuerySeconds, collectProcessMetrics, countAnalyzedBatch, countOutcome, countTally, deadLetterCount, httpRequestSeconds, metricsRegistry, queueJobs, queueOldestWaitingSeconds, redisUp, secondsSince, stageErrors, stepOutcomes } from './metrics.ts';
export { ROLLUP_STANCE_SQL } from './on-topic.ts';
export { type Continue, deadLetter, type DeadLetter, drop, type Drop, isContinue, OutcomeTally, pass } from './outcome.ts';
export { type Analysis, AnalysisSchema, groupBySource, type Post, type PostInput, PostSchema, validatePost } from './post.ts';
export { type AlertJob, AlertJobSchema, type IngestJob, IngestJobSchema, isQueueIdle, type PostBatchJob, PostBatchJobSchema, postJobOptions, postRetryDelay, QueueName } from './queues.ts';
export { createRedis, type Redis, untilReplicated } from './redis.ts';
export { RollupRepair } from './rollup-repair.ts';
export { identifier, joinSql, sql, Sql, SqlValueError, trustedSql } from './sql.ts';
export { validateStep, writeOutcomes } from './steps.ts';
export { AUDITED_OBJECTS, type AuditedObject, listAudit, recordAudit } from './tables/audit.ts';
export { AUTHOR_KEY } from './tables/author-days.ts';
export { AUTHOR_PERIOD_GRAIN, authorPeriodCountColumn } from './tables/author-periods.ts';
export { type ForgetTarget, listTombstones } from './tables/forgotten.ts';
export { PostsWriter, type PostsWriterOptions } from './tables/posts-writer.ts';
export { countPosts, type PostRow, storedPosts, toPostRow, UncertainInsertError, type WriteOutcome, writePosts } from './tables/posts.ts';
export { checkRollups, isConsistent, type MonthCheck, rebuildRollupMonth, ROLLUP_TABLE_NAMES } from './tables/rollups.ts';
export { nextVersion, wholeSeconds } from './tables/row-versions.ts';
export { insertSourceRun, newRunId, queryRunExtents, queryRuns, type RunKind, type SourceRun, type StoredRun } from './tables/source-runs.ts';
export { StoredIndex } from './tables/stored-index.ts';
export { TermMatcher } from './terms.ts';
export { loadTopicPack, type TopicPack } from './topic-pack.ts';
export { ALERT_HISTORY_TABLE, ALERT_RULES_TABLE, ALERT_STATE_TABLE, API_KEYS_TABLE, AUDIT_LOG_TABLE, AUTHOR_DAYS_TABLE, AUTHOR_PERIODS_TABLE, FORGOTTEN_TABLE, POSTS_TABLE, SAVED_VIEWS_TABLE, SOURCE_HOURLY_TABLE, SOURCE_RUNS_TABLE, TOPIC_TRENDS_DAILY_COMPACT_TABLE, TOPIC_TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_DAILY_COMPACT_TABLE, TRENDS_DAILY_TABLE, TRENDS_HOURLY_TABLE, TRENDS_HOURLY_VIEW, VALIDATION_RUNS_TABLE } from './tables/names.ts';
export { badRequest, HttpError } from './http-error.ts';
export { listRuns, type RunContext, saveRun, type StoredReport, type ValidationRun } from './tables/validation-runs.ts';
export { seededRandom, seededRandomFromText } from './seeded-random.ts';
