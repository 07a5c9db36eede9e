import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { type ClickHouse, DeadLetters, type Redis } from '@rift/core';

/** Each check gets this long; health must answer fast even when a service hangs. */
const CHECK_TIMEOUT_MS = 1500;

export interface HealthDeps {
  clickhouse: ClickHouse;
  redis: Redis;
  postsQueue: Queue;
  queuePrefix: string;
}

/** The value of `work`, or undefined if it fails or takes longer than `ms`. */
async function within<T>(work: () => Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  // A late failure after the timeout must not become an unhandled rejection.
  const attempt = work().catch(() => undefined);
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether Redis can take commands now, waiting briefly for a connection that is being made
 * (right after start). Commands to a disconnected ioredis client queue up until it reconnects,
 * so health sends none unless the client is ready.
 */
async function redisReady(redis: Redis, ms = CHECK_TIMEOUT_MS): Promise<boolean> {
  if (redis.status === 'ready') return true;
  if (redis.status !== 'connecting' && redis.status !== 'connect') return false;
  return new Promise<boolean>((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, ms);
    redis.once('ready', onReady);
  });
}

const count = { type: ['integer', 'null'], description: 'null when Redis cannot be asked' } as const;
const check = { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } } as const;

const responseSchema = {
  type: 'object',
  required: ['status', 'redis', 'clickhouse', 'queue'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    redis: check,
    clickhouse: check,
    queue: {
      type: 'object',
      required: ['waiting', 'active', 'delayed', 'failed', 'dead_letters'],
      properties: { waiting: count, active: count, delayed: count, failed: count, dead_letters: count },
    },
  },
} as const;

/** GET /api/health: always 200, with `degraded` and the failing part false when a service is down. */
export function healthRoute(app: FastifyInstance, deps: HealthDeps): void {
  const deadLetters = new DeadLetters(deps.redis, deps.queuePrefix);
  const redisState = async () => {
    if (!(await redisReady(deps.redis))) return {};
    const [pong, counts, dead] = await Promise.all([
      within(() => deps.redis.ping()),
      within(() => deps.postsQueue.getJobCounts('waiting', 'active', 'delayed', 'failed')),
      within(() => deadLetters.count()),
    ]);
    return { pong, counts, dead };
  };
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Health of the API and the services it needs',
        description: 'Whether Redis and ClickHouse answer, and the posts queue: jobs waiting, active, delayed, failed, and the dead-letter list. status is "degraded" when either service does not answer.',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: { 200: responseSchema },
      },
    },
    async () => {
      const [clickhouseOk, redis] = await Promise.all([within(() => deps.clickhouse.ping()), redisState()]);
      const { pong, counts, dead } = redis;
      const redisOk = pong === 'PONG';
      const ok = redisOk && clickhouseOk === true;
      return {
        status: ok ? 'ok' : 'degraded',
        redis: { ok: redisOk },
        clickhouse: { ok: clickhouseOk === true },
        queue: {
          waiting: counts?.waiting ?? null,
          active: counts?.active ?? null,
          delayed: counts?.delayed ?? null,
          failed: counts?.failed ?? null,
          dead_letters: dead ?? null,
        },
      };
    },
  );
}
