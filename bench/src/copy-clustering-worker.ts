// One analyze worker process of the copy-clustering benchmark (copy-clustering.ts), with copy
// clusters on or off (argv[2]). Both sides of the comparison start here, so they differ in that
// switch alone; `rift worker` has no such switch, because a deployment must always cluster.
import { createAnalyzer, startAnalyzeWorker } from '@rift/analyze';
import { ClickHouse, createLogger, createRedis, loadConfig, loadTopicPack } from '@rift/core';

const mode = process.argv[2];
if (mode !== 'on' && mode !== 'off') throw new Error(`copy-clustering-worker: expected "on" or "off", got ${mode}`);
const config = loadConfig();
if (!config.REDIS_URL || !config.CLICKHOUSE_URL) throw new Error('copy-clustering-worker: REDIS_URL and CLICKHOUSE_URL name the bench servers');
const log = createLogger(config.LOG_LEVEL, 'bench-worker');
const redis = createRedis(config.REDIS_URL);
const clickhouse = new ClickHouse({ url: config.CLICKHOUSE_URL, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database: config.CLICKHOUSE_DB });
const worker = startAnalyzeWorker({
  connection: redis,
  prefix: config.RIFT_QUEUE_PREFIX,
  clickhouse,
  analyzer: createAnalyzer(loadTopicPack(config.RIFT_TOPIC_PACK)),
  concurrency: config.RIFT_ANALYZE_CONCURRENCY,
  log,
  copyClusters: mode === 'on',
});
process.once('SIGTERM', () => {
  void worker.close().finally(async () => {
    redis.disconnect();
    await clickhouse.close();
    process.exit(0);
  });
});
