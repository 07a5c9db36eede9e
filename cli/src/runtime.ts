import { Queue } from 'bullmq';
import { ClickHouse, type Config, createLogger, createRedis, loadConfig, loadTopicPack, type Logger, type PostBatchJob, QueueName, type Redis, type TopicPack } from '@rift/core';
import { loadSourcesConfig, type SourcesConfig } from '@rift/ingest';
import { ensureServices, Migrator, type Services } from '@rift/infra';

/** Everything a command needs to talk to Rift's services, opened once and closed in order. */
export interface Runtime {
  config: Config;
  log: Logger;
  services: Services;
  redis: Redis;
  clickhouse: ClickHouse;
  postsQueue: Queue<PostBatchJob>;
  pack: TopicPack;
  sourcesConfig: SourcesConfig;
  /** Closes connections, then stops the servers this process started. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  name: string;
  migrate?: boolean;
  /** The ClickHouse cluster to migrate and query (`rift migrate --cluster`); CLICKHOUSE_CLUSTER otherwise. */
  cluster?: string;
  /** Leave servers started here running after close (for `rift services start`). */
  keepServices?: boolean;
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, options.name);
  const pack = loadTopicPack(config.RIFT_TOPIC_PACK);
  const sourcesConfig = loadSourcesConfig(config.RIFT_CONFIG);
  const services = await ensureServices(config, (line) => log.info(line));
  const redis = createRedis(services.redisUrl);
  const clickhouse = new ClickHouse({
    url: services.clickhouseUrl,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    database: config.CLICKHOUSE_DB,
    cluster: options.cluster ?? config.CLICKHOUSE_CLUSTER,
  });
  if (options.migrate) {
    const migrator = new Migrator(clickhouse);
    const applied = await migrator.up();
    await migrator.close();
    if (applied.length) log.info({ applied }, 'migrations applied');
  }
  const postsQueue = new Queue<PostBatchJob>(QueueName.posts, { connection: redis, prefix: config.RIFT_QUEUE_PREFIX });
  return {
    config,
    log,
    services,
    redis,
    clickhouse,
    postsQueue,
    pack,
    sourcesConfig,
    async close() {
      await postsQueue.close();
      redis.disconnect();
      await clickhouse.close();
      if (!options.keepServices) await services.stop();
    },
  };
}
