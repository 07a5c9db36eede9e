import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, so that `.data/` and packs resolve the same from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const optionalUrl = z
  .string()
  .url()
  .optional()
  .or(z.literal('').transform(() => undefined));

const EnvSchema = z.object({
  REDIS_URL: optionalUrl,
  CLICKHOUSE_URL: optionalUrl,
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DB: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier').default('rift'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(8080),
  RIFT_DATA_DIR: z.string().default(path.join(REPO_ROOT, '.data')),
  RIFT_REDIS_PORT: port.default(6390),
  RIFT_CLICKHOUSE_HTTP_PORT: port.default(8124),
  RIFT_CLICKHOUSE_TCP_PORT: port.default(9004),
  RIFT_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ or - only').default('rift'),
  RIFT_ANALYZE_CONCURRENCY: positiveInt.max(64).default(2),
  RIFT_BATCH_SIZE: positiveInt.max(50_000).default(1000),
  RIFT_DEMO_POSTS: z.coerce.number().int().min(0).max(10_000_000).default(200_000),
  RIFT_TOPIC_PACK: z.string().default(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.output<typeof EnvSchema>;

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
