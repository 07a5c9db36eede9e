import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CLUSTER_SCHEME, hasHashTag, parseRedisUrl } from './redis-url.ts';

/** The repository root, so that `.data/` and packs resolve the same from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const optionalUrl = z
  .string()
  .url()
  .optional()
  .or(z.literal('').transform(() => undefined));

/** One server (redis://host:port) or a Redis Cluster (redis+cluster://host1:port1,host2:port2,...). */
const redisUrl = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .superRefine((value, context) => {
    if (value === undefined) return;
    try {
      parseRedisUrl(value);
    } catch (err) {
      context.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

const EnvSchema = z.object({
  REDIS_URL: redisUrl,
  CLICKHOUSE_URL: optionalUrl,
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DB: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier').default('rift'),
  /** The ClickHouse cluster (remote_servers name) whose schema `rift migrate --cluster` created; unset on one server. */
  CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (the remote_servers name)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(8080),
  RIFT_DATA_DIR: z.string().default(path.join(REPO_ROOT, '.data')),
  RIFT_REDIS_PORT: port.default(6390),
  RIFT_CLICKHOUSE_HTTP_PORT: port.default(8124),
  RIFT_CLICKHOUSE_TCP_PORT: port.default(9004),
  /** `rift bench` runs its own servers on ports of their own, so it never touches the user's data. */
  RIFT_BENCH_REDIS_PORT: port.default(6531),
  RIFT_BENCH_CLICKHOUSE_HTTP_PORT: port.default(8531),
  RIFT_BENCH_CLICKHOUSE_TCP_PORT: port.default(9531),
  /** May hold one `{...}` hash tag (`{rift}`), so every key of a queue lands in one Redis Cluster slot. */
  RIFT_QUEUE_PREFIX: z
    .string()
    .regex(/^(?=.)[A-Za-z0-9_-]*(?:\{[A-Za-z0-9_-]+\}[A-Za-z0-9_-]*)?$/, 'letters, digits, _ or -, with at most one {hash tag}')
    .default('rift'),
  /** Enough batches at once that the writer pools them into INSERTs of thousands of rows. */
  RIFT_ANALYZE_CONCURRENCY: positiveInt.max(64).default(16),
  RIFT_BATCH_SIZE: positiveInt.max(50_000).default(1000),
  /** How long a worker's claim on a batch lasts without renewal; a dead worker's batch is re-delivered after about twice this. */
  RIFT_JOB_LOCK_MS: positiveInt.min(1000).max(600_000).default(30_000),
  RIFT_DEMO_POSTS: z.coerce.number().int().min(0).max(10_000_000).default(200_000),
  RIFT_TOPIC_PACK: z.string().default(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json')),
  /** Which sources run and what they ask for; see README "Sources". */
  RIFT_CONFIG: z.string().default(path.join(REPO_ROOT, 'rift.config.json')),
  /** `rift import` refuses a file larger than this. */
  RIFT_IMPORT_MAX_BYTES: positiveInt.max(Number.MAX_SAFE_INTEGER).default(10 * 1024 ** 3),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** GET routes needing only `viewer` answer without a key, so the dashboard works out of the box; writes always need a key. */
  RIFT_PUBLIC_READS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Origins allowed to call the API from a browser, comma-separated; empty means no CORS headers at all. */
  RIFT_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /** Requests per minute per client (API key, or IP without one). */
  RIFT_RATE_LIMIT_PER_MINUTE: positiveInt.max(1_000_000).default(600),
  /** Refused API keys per IP address and minute; past it the address gets 429 without a key lookup. */
  RIFT_AUTH_FAILURES_PER_MINUTE: positiveInt.max(1_000_000).default(30),
  RIFT_API_BODY_LIMIT_BYTES: positiveInt.max(100 * 1024 * 1024).default(1024 * 1024),
  /** ClickHouse max_execution_time for API queries, in seconds. */
  RIFT_API_QUERY_TIMEOUT_S: positiveInt.max(3600).default(10),
  /** Most rows one API query may return; more is a 400 that says so. */
  RIFT_API_MAX_ROWS: positiveInt.max(100_000_000).default(100_000),
  /** A request's headers and body must have arrived within this many seconds (slow bodies get 408). */
  RIFT_API_REQUEST_TIMEOUT_S: positiveInt.max(3600).default(30),
  /** An idle keep-alive connection is closed after this many seconds. */
  RIFT_API_KEEP_ALIVE_TIMEOUT_S: positiveInt.max(3600).default(5),
  /** A connection with no traffic either way is closed after this many seconds. */
  RIFT_API_IDLE_TIMEOUT_S: positiveInt.max(3600).default(120),
  /** Open connections one IP address may hold; more are answered 503 and closed. */
  RIFT_API_CONNECTIONS_PER_CLIENT: positiveInt.max(1_000_000).default(64),
  /**
   * Where users reach this instance's dashboard (https://rift.example.org), for the links in
   * alert notifications; unset, http://localhost:PORT. An http(s) origin with an optional path,
   * no query or fragment, so that links can be appended to it.
   */
  RIFT_PUBLIC_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      const problem = publicUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** The role that may read /metrics (under RIFT_PUBLIC_READS, viewer means open). */
  RIFT_METRICS_ROLE: z.enum(['viewer', 'analyst', 'admin']).default('viewer'),
  /** The stance model's confusion matrices (rift confusion builds it), for shares corrected for its errors. */
  RIFT_STANCE_CONFUSION_FILE: z.string().default(path.join(REPO_ROOT, 'analyze/models/stance-confusion.json')),
  /** Labelled statements a confusion matrix needs before the divide is corrected by default. */
  RIFT_CORRECTION_MIN_LABELLED: positiveInt.max(1_000_000).default(30),
}).superRefine((env, context) => {
  // BullMQ's scripts and Rift's MULTIs touch several keys at once; on a cluster they must share a slot.
  if (env.REDIS_URL?.startsWith(CLUSTER_SCHEME) && !hasHashTag(env.RIFT_QUEUE_PREFIX)) {
    context.addIssue({
      code: 'custom',
      path: ['RIFT_QUEUE_PREFIX'],
      message: `a Redis Cluster needs a prefix with a {hash tag}, e.g. RIFT_QUEUE_PREFIX={${env.RIFT_QUEUE_PREFIX}}, so that each queue's keys share one slot`,
    });
  }
});

export type Config = z.output<typeof EnvSchema>;

function publicUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL; expected e.g. https://rift.example.org`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must start with http:// or https://, got ${url.protocol}`;
  if (url.search || url.hash) return 'must not hold a query (?) or fragment (#): links are appended to it';
  if (url.username || url.password) return 'must not hold a user name or password';
  return undefined;
}

/** The base of links to this instance's dashboard, without a trailing slash. */
export function publicUrl(config: Pick<Config, 'RIFT_PUBLIC_URL' | 'PORT'>): string {
  return (config.RIFT_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads configuration once; every bad variable is listed in one error. Nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
